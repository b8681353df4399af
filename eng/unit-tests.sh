#!/usr/bin/env bash
# Runs the unit tests of the decision code only: the core test project's namespaces Catalog, Classification, Payload,
# Operations and Telemetry. They start no server, no dashboard and no child process, and take seconds. The
# integration tests (Http, Hosting, Discovery, Infrastructure and the other test projects) run with eng/test.sh.
# eng/stryker-config.json uses the same filter, less the two FsCheck properties (ReaderPropertyTests; see
# docs/reliability.md, "Mutation testing"). Extra arguments go to dotnet test (for example --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

filter=""
for area in Catalog Classification Payload Operations Telemetry; do
  filter+="${filter:+|}FullyQualifiedName~PartnerCenter.Observability.Tests.${area}."
done

dotnet test tests/PartnerCenter.Observability.Tests/PartnerCenter.Observability.Tests.csproj -c Release --nologo \
  --filter "$filter" "$@"
