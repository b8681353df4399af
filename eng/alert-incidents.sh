#!/usr/bin/env bash
# Plays the whole set of generated alert incidents (AlertPolicyTests) against the Prometheus rules, not only CI's
# seeded subset: every incident must page, open a ticket or stay silent as dashboards/alerting-policy.yaml says.
#   eng/alert-incidents.sh                 500 incidents, the CI seed
#   eng/alert-incidents.sh 2000 42         2,000 incidents of seed 42
#   eng/alert-incidents.sh 500 20251207 225,31   replay incidents 225 and 31 of that set only (with their details)
#   PC_ALERT_RULES_DIR=/some/dir eng/alert-incidents.sh   other rule files (both partner-center-*.yaml), e.g. an
#                                          older version, to measure its agreement with the policy
# Needs promtool (Debian's prometheus package). Prints the agreement per expectation (page, ticket, silent, grey) and
# the first disagreements. Takes about a second of promtool per incident on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export PC_ALERT_INCIDENTS="${1:-500}"
if [ -n "${2:-}" ]; then export PC_ALERT_INCIDENTS_SEED="$2"; fi
if [ -n "${3:-}" ]; then export PC_ALERT_INCIDENTS_ONLY="$3"; fi
project=tests/PartnerCenter.Observability.Dashboards.Tests/PartnerCenter.Observability.Dashboards.Tests.csproj
dotnet build "$project" -c Release -warnaserror -nologo -clp:ErrorsOnly
dotnet test --project "$project" -c Release --no-build \
  --filter "FullyQualifiedName~AlertPolicyTests.The_rules_agree_with_the_policy_on_every_generated_incident" \
  --output Detailed
