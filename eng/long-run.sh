#!/usr/bin/env bash
# The long hardening run (not part of CI): every test of tests/PartnerCenter.Observability.Hardening.Tests at its full
# count, size or duration (PCO_LONG_RUN=1), then the figures of docs/reliability.md, one per line. About 10 minutes on
# the project's 2-core machine. Extra arguments go to `dotnet test`, for example:
#   eng/long-run.sh --filter "FullyQualifiedName~PayloadFuzzTests"
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
project=tests/PartnerCenter.Observability.Hardening.Tests

echo "==> building $project"
dotnet build "$project" -c Release -warnaserror -nologo -clp:ErrorsOnly

figures="$(mktemp)"
trap 'rm -f "$figures"' EXIT
echo "==> running the long variants"
set +e
PCO_LONG_RUN=1 PCO_FIGURES_FILE="$figures" dotnet test --project "$project" -c Release --no-build \
  --output Detailed "$@"
status=$?
set -e

echo "==> figures"
sort "$figures"
exit "$status"
