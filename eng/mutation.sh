#!/usr/bin/env bash
# Mutation testing of the decision code (classification, payload reading and redaction, description templates,
# operation names, error-code tags, log-text safety, header shapes) with Stryker.NET, against the unit tests of
# tests/PartnerCenter.Observability.Tests only: eng/stryker-config.json's test-case-filter keeps the namespaces Catalog,
# Classification, Exceptions, Operations, Payload and Telemetry, and leaves out the handler's loopback tests and the
# Hardening/ probes, which would cover the same code at many times the cost.
# Prints the score per file and every surviving mutant. Not part of CI: a run takes minutes, not seconds.
#
#   eng/mutation.sh              # the whole scope (eng/stryker-config.json)
#   eng/mutation.sh -m '**/DescriptionRedactor.cs'   # extra Stryker arguments are passed through
#
# Needs jq for the summary. Reports: artifacts/mutation/<time>/reports/mutation-report.{html,json}.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v jq >/dev/null 2>&1 || { echo "error: jq is needed for the summary (apt-get install jq)" >&2; exit 2; }

# Stryker.NET is pinned in the local tool manifest (.config/dotnet-tools.json).
dotnet tool restore >/dev/null

output="$PWD/artifacts/mutation/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$output"
start=$(date +%s)
# The Microsoft Testing Platform runner keeps one test process per concurrent session alive and switches the active
# mutant through a memory-mapped file, where the VSTest runner started a test host for every session.
(cd eng && dotnet stryker --config-file stryker-config.json --output "$output" --skip-version-check \
  --test-runner mtp --concurrency "${STRYKER_CONCURRENCY:-2}" "$@")
elapsed=$(( $(date +%s) - start ))

report="$output/reports/mutation-report.json"
[ -f "$report" ] || { echo "error: no report at $report" >&2; exit 1; }

# Score = detected / (detected + undetected), detected = killed + timeout, undetected = survived + no coverage.
# Mutants that do not compile or that a disable comment ignores do not count, as in Stryker's own score.
jq -r '
  def counts: {
    killed: map(select(.status == "Killed")) | length,
    timeout: map(select(.status == "Timeout")) | length,
    survived: map(select(.status == "Survived")) | length,
    nocov: map(select(.status == "NoCoverage")) | length,
    ignored: map(select(.status == "Ignored")) | length
  };
  def score: if (.killed + .timeout + .survived + .nocov) == 0 then "n/a"
    else ((.killed + .timeout) * 1000 / (.killed + .timeout + .survived + .nocov) | floor / 10 | tostring) + "%" end;
  (.files | to_entries | map(.key |= sub("^.*/src/PartnerCenter\\.Observability/"; ""))) as $files
  | "| file | score | killed | timeout | survived | no coverage | ignored |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ($files | sort_by(.key)[] | (.value.mutants | counts) as $c
      | select(($c.killed + $c.timeout + $c.survived + $c.nocov + $c.ignored) > 0)
      | "| \(.key) | \($c | score) | \($c.killed) | \($c.timeout) | \($c.survived) | \($c.nocov) | \($c.ignored) |"),
    ([$files[].value.mutants[]] | counts | "| **total** | **\(score)** | \(.killed) | \(.timeout) | \(.survived) | \(.nocov) | \(.ignored) |"),
    "",
    "Survivors and mutants without coverage:",
    ($files | sort_by(.key)[] | .key as $f | .value.mutants[]
      | select(.status == "Survived" or .status == "NoCoverage")
      | "  \($f):\(.location.start.line) [\(.status)] \(.mutatorName): \(.replacement // "" | gsub("\\s+"; " ") | .[0:100])")
' "$report"

printf '\nWall time: %dm%02ds. HTML report: %s\n' $((elapsed / 60)) $((elapsed % 60)) "$output/reports/mutation-report.html"
