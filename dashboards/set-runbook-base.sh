#!/usr/bin/env bash
# Sets the base URL of the runbooks (docs/runbooks.md as your team publishes it) in every alert rule, Grafana alert
# rule, rule unit test and dashboard link of this folder. Run it once after copying the folder; run it again to move.
#
#   dashboards/set-runbook-base.sh https://git.example.com/your-team/partner-center-observability/blob/main/docs/runbooks.md
#
# The base is the page without an anchor; each alert appends its own (#partnercenterthrottlingspike, ...).
set -euo pipefail

new="${1:-}"
if [ -z "$new" ] || [ "$#" -ne 1 ]; then
  echo "usage: $0 NEW_BASE_URL   (the runbooks page, without #anchor)" >&2
  exit 2
fi
case "$new" in
  *'#'* | *[[:space:]]*) echo "the base URL must have no #anchor and no spaces: $new" >&2; exit 2 ;;
esac

dir="$(cd "$(dirname "$0")" && pwd)"
current="$(sed -n 's/^ *runbook_url: *\([^#]*\)#.*$/\1/p' "$dir/prometheus/partner-center-alerts.yaml" | head -n 1)"
if [ -z "$current" ]; then
  echo "no runbook_url found in $dir/prometheus/partner-center-alerts.yaml" >&2
  exit 1
fi

files=("$dir"/prometheus/*.yaml "$dir"/prometheus/tests/*.yaml "$dir"/grafana-alerting/*.yaml "$dir"/grafana/*.json)
# Literal replacement (\Q...\E): no character of either URL is special.
OLD_BASE="$current" NEW_BASE="$new" perl -pi -e 's/\Q$ENV{OLD_BASE}\E/$ENV{NEW_BASE}/g' "${files[@]}"
echo "runbook base: $current -> $new"
