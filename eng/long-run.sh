#!/usr/bin/env bash
# The long hardening run (not part of CI): every hardening test (the namespace PartnerCenter.Observability.Hardening.Tests,
# in tests/PartnerCenter.Observability.Tests/Hardening) at its full count, size or duration (PCO_LONG_RUN=1), then the
# figures of docs/reliability.md, one per line. About 10 minutes on the project's 2-core machine. The two hardening
# probes of other packages have no long variant: the Serilog enricher's (EnricherFaultTests) runs after them for its
# figure; the Hosting one (HostingProbeTests) runs with eng/test.sh. Extra arguments go to the first `dotnet test` and
# replace its namespace filter when they hold one, for example:
#   eng/long-run.sh --filter "FullyQualifiedName~PayloadFuzzTests"
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
project=tests/PartnerCenter.Observability.Tests
filter="FullyQualifiedName~PartnerCenter.Observability.Hardening.Tests."

serilog=tests/PartnerCenter.Observability.Serilog.Tests
echo "==> building $project and $serilog"
dotnet build "$project" -c Release -warnaserror -nologo -clp:ErrorsOnly
dotnet build "$serilog" -c Release -warnaserror -nologo -clp:ErrorsOnly

args=("$@")
case " $* " in *" --filter "*) ;; *) args=(--filter "$filter" "$@") ;; esac

figures="$(mktemp)"
trap 'rm -f "$figures"' EXIT
echo "==> running the long variants"
set +e
PCO_LONG_RUN=1 PCO_FIGURES_FILE="$figures" dotnet test --project "$project" -c Release --no-build \
  --output Detailed "${args[@]}"
status=$?
PCO_LONG_RUN=1 PCO_FIGURES_FILE="$figures" dotnet test --project "$serilog" -c Release --no-build \
  --output Detailed --filter "FullyQualifiedName~EnricherFaultTests"
serilog_status=$?
[ "$status" -ne 0 ] || status=$serilog_status
set -e

echo "==> figures"
sort "$figures"
exit "$status"
