#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests need, builds, runs all test
# projects (integration tests included) and prints one summary line with the real counts.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Prerequisites: Debian's prometheus package (prometheus and promtool) and prometheus-alertmanager package
# (prometheus-alertmanager and amtool) for the dashboard, alert and routing tests.
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1 \
  || ! command -v amtool >/dev/null 2>&1 || ! command -v prometheus-alertmanager >/dev/null 2>&1; then
  log "installing prometheus, promtool, prometheus-alertmanager and amtool from Debian packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager >/dev/null
fi

# Native AOT links with clang (AotPublishTests publishes an app as native AOT): Debian's clang package.
if ! command -v clang >/dev/null 2>&1; then
  log "installing clang from Debian packages (native AOT link step)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends clang >/dev/null
fi

# The dashboards' schema check (GrafanaSchemaTests) compiles them against Grafana's published types with tsc: npm
# packages pinned in its package.json, installed once (again only when the pinned versions change). Needs node and npm.
schema_dir=tests/PartnerCenter.Observability.Dashboards.Tests/GrafanaSchema
if command -v npm >/dev/null 2>&1; then
  if [ ! -f "$schema_dir/node_modules/.installed" ] || ! cmp -s "$schema_dir/package.json" "$schema_dir/node_modules/.installed"; then
    log "installing the dashboards' schema check packages (@grafana/schema, typescript) with npm"
    (cd "$schema_dir" && npm install --no-package-lock --no-audit --no-fund --silent && cp package.json node_modules/.installed)
  fi
else
  log "npm not found: the dashboards' schema check will be skipped (a failure under CI=true)"
fi

log "restoring and building (Release, warnings as errors)"
dotnet build PartnerCenter.Observability.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
log "running tests"
# Every test project is an xunit v3 application on the Microsoft Testing Platform (global.json selects it as the runner
# of dotnet test). Each writes a TRX report of its own into the results directory.
set +e
dotnet test --solution PartnerCenter.Observability.sln -c Release --no-build \
  --results-directory "$results" --report-xunit-trx --no-progress --no-ansi 2>&1 | tee "$results/out.log"
status=${PIPESTATUS[0]}
set -e

# One line with the real totals across every test assembly, from the Testing Platform's run summary (its total,
# failed, succeeded and skipped lines, and one line per assembly). The TRX reports are not counted: assemblies that
# finish in the same instant can write the same file name, and one report then replaces another.
summary="$(sed -n '/^Test run summary:/,$p' "$results/out.log")"
count_of() { printf '%s\n' "$summary" | sed -nE "s/^ +$1: +([0-9]+).*/\1/p" | tail -n 1; }
total=$(count_of total)
failed=$(count_of failed)
passed=$(count_of succeeded)
skipped_count=$(count_of skipped)
assemblies=$(printf '%s\n' "$summary" | grep -cE '\.dll \([^)]*\) (passed|failed|skipped|aborted|crashed)' || true)
printf 'TEST SUMMARY: total %d, passed %d, failed %d, skipped %d (%d test assemblies)\n' \
  "${total:-0}" "${passed:-0}" "${failed:-0}" "${skipped_count:-0}" "${assemblies:-0}"
if [ -z "$total" ]; then
  echo "error: the test run printed no summary" >&2
  [ "$status" -ne 0 ] || status=1
fi

# Every skipped test by name (from the TRX reports). A skip means a check did not run: on a user's clone without
# ../shared or the Aspire dashboard that is expected and says why; in CI, which has every component, it is a failure.
trx=("$results"/*.trx)
[ -e "${trx[0]}" ] || trx=()
skipped="$([ "${#trx[@]}" -eq 0 ] || cat "${trx[@]}" | grep -o '<UnitTestResult [^>]*outcome="NotExecuted"[^>]*>' \
  | sed -E 's/.*testName="([^"]*)".*/\1/' | sort -u || true)"
if [ -n "$skipped" ]; then
  printf 'SKIPPED TESTS:\n%s\n' "$skipped" | sed 's/&quot;/"/g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g'
fi
if [ "${skipped_count:-0}" -gt 0 ] && [ "${CI:-}" = "true" ]; then
  echo "error: CI=true and ${skipped_count} test(s) were skipped; CI has every component, so a skip is a failure." >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
