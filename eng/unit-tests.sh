#!/usr/bin/env bash
# Runs the unit tests of the decision code only: the project tests/PartnerCenter.Observability.Unit.Tests (namespaces
# Catalog, Classification, Payload, Operations and Telemetry). They start no dashboard and no child process, and take
# seconds. The integration tests (the other test projects) run with eng/test.sh. eng/stryker-config.json mutates the
# decision code against this project. Extra arguments go to dotnet test (for example --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet test --project tests/PartnerCenter.Observability.Unit.Tests/PartnerCenter.Observability.Unit.Tests.csproj -c Release "$@"
