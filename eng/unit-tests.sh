#!/usr/bin/env bash
# Runs the unit tests of the decision code only: the namespaces Catalog, Classification, Exceptions, Operations, Payload
# and Telemetry of tests/PartnerCenter.Observability.Tests, with the same filter as mutation testing
# (eng/stryker-config.json). They start no dashboard and no child process, and take seconds. Every other test runs with
# eng/test.sh. Extra arguments go to dotnet test (for example --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v jq >/dev/null 2>&1 || { echo "error: jq is needed to read the filter (apt-get install jq)" >&2; exit 2; }
filter="$(jq -r '."stryker-config"."test-case-filter"' eng/stryker-config.json)"

dotnet test --project tests/PartnerCenter.Observability.Tests/PartnerCenter.Observability.Tests.csproj -c Release \
  --filter "$filter" "$@"
