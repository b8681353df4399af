#!/usr/bin/env bash
# See the dashboards with data, on this machine: the demo in a long-running mode, Debian's Prometheus with the shipped
# recording and alert rules (and exemplar storage), and the Aspire dashboard for traces and logs. Prints the URLs to
# open, then runs until the demo ends or Ctrl+C; every process it started is stopped by its PID on the way out.
#
#   eng/try-dashboards.sh                       # mixed traffic for an hour
#   SCENARIO=throttle-storm eng/try-dashboards.sh
#
# Settings (environment): SCENARIO (mixed), DURATION seconds of traffic (3600), RATE calls per second (10),
# DEMO_METRICS_PORT (9464, the port dashboards/prometheus/prometheus.example.yml scrapes), PROMETHEUS_PORT (9090),
# DASHBOARD_PORT (18888) and DASHBOARD_OTLP_PORT (4317) for the Aspire dashboard, NO_BUILD=1 to use the demo as built
# (DEMO_DLL: which build), READY_TIMEOUT seconds to wait for the first scrape (180).
# No Grafana runs here: Prometheus' own graph page shows the dashboards' queries; with Docker, dashboards/compose.yaml
# adds Grafana with the provisioned dashboards.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

scenario="${SCENARIO:-mixed}"
duration="${DURATION:-3600}"
rate="${RATE:-10}"
demo_port="${DEMO_METRICS_PORT:-9464}"
prometheus_port="${PROMETHEUS_PORT:-9090}"
dashboard_port="${DASHBOARD_PORT:-18888}"
otlp_port="${DASHBOARD_OTLP_PORT:-4317}"
ready_timeout="${READY_TIMEOUT:-180}"

log() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. Prometheus and promtool: Debian's package, as ./eng/test.sh installs it.
if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  log "installing prometheus and promtool from Debian packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

# 2. The demo (built with the opt-in WithAspireDashboard, which restores the Aspire dashboard package into the NuGet
#    folder).
if [ "${NO_BUILD:-}" != "1" ]; then
  log "building the demo"
  dotnet build samples/PartnerCenter.Observability.Demo/PartnerCenter.Observability.Demo.csproj -c Release -nologo -clp:ErrorsOnly -p:WithAspireDashboard=true
fi
demo_dll="${DEMO_DLL:-$root/samples/PartnerCenter.Observability.Demo/bin/Release/net10.0/PartnerCenter.Observability.Demo.dll}"
[ -f "$demo_dll" ] || { echo "error: the demo is not built: $demo_dll" >&2; exit 1; }

# 3. Prometheus' configuration: the shipped example as it is, with the rule files at absolute paths (the copy lives
#    elsewhere) and the demo's port if DEMO_METRICS_PORT changed it.
rules="$root/dashboards/prometheus"
sed -e "s#^  - partner-center-recording.yaml#  - $rules/partner-center-recording.yaml#" \
    -e "s#^  - partner-center-alerts.yaml#  - $rules/partner-center-alerts.yaml#" \
    -e "s#\"localhost:9464\"#\"localhost:$demo_port\"#" \
    "$rules/prometheus.example.yml" > "$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >/dev/null

# 4. The Aspire dashboard (linux-x64 only), from the NuGet folder.
aspire="${NUGET_PACKAGES:-$HOME/.nuget/packages}/aspire.dashboard.sdk.linux-x64/13.6.5/tools/Aspire.Dashboard"
otlp_env=()
if [ -x "$aspire" ]; then
  log "starting the Aspire dashboard"
  ( cd "$(dirname "$aspire")" && exec env ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port" \
      ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$otlp_port" \
      ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true "$aspire" ) > "$work/dashboard.log" 2>&1 &
  pids+=($!)
  otlp_env=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$otlp_port" OTEL_METRIC_EXPORT_INTERVAL=5000)
else
  log "no Aspire dashboard at $aspire (it is linux-x64 only): traces are not shown"
fi

# 5. The demo: traffic for DURATION seconds, then /metrics stays up for an hour more.
log "starting the demo: $scenario, $rate calls/s for $duration s, /metrics on localhost:$demo_port"
env "${otlp_env[@]}" dotnet "$demo_dll" --scenario "$scenario" --duration "$duration" --rate "$rate" \
  --prometheus-port "$demo_port" --linger 3600 --json > "$work/demo.log" 2>&1 &
demo_pid=$!
pids+=("$demo_pid")

# 6. Prometheus with exemplar storage.
log "starting Prometheus on 127.0.0.1:$prometheus_port"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prometheus_port" --enable-feature=exemplar-storage --log.level=warn \
  > "$work/prometheus.log" 2>&1 &
pids+=($!)

# 7. Wait (bounded) until Prometheus has scraped the demo's series.
query='count(partner_center_client_request_duration_seconds_count{job="partner-center-app"})'
series=0
for _ in $(seq 1 "$ready_timeout"); do
  sleep 1
  kill -0 "$demo_pid" 2>/dev/null || { echo "error: the demo exited:" >&2; cat "$work/demo.log" >&2; exit 1; }
  answer="$(timeout 5 promtool query instant -o json "http://127.0.0.1:$prometheus_port" "$query" 2>/dev/null || true)"
  series="$(printf '%s' "$answer" | sed -n 's/.*"value":\[[^,]*,"\([0-9]*\)"\].*/\1/p')"
  [ -n "$series" ] && [ "$series" -gt 0 ] && break
  series=0
done
if [ "$series" -eq 0 ]; then
  echo "error: Prometheus has not scraped the demo within ${ready_timeout}s:" >&2
  cat "$work/prometheus.log" >&2
  exit 1
fi

cat <<TEXT
READY: Prometheus has scraped $series request-duration series of the demo.
  Prometheus:        http://127.0.0.1:$prometheus_port/graph   (rules: /rules, alerts: /alerts)
  Demo metrics:      http://localhost:$demo_port/metrics
  Aspire dashboard:  $( [ -x "$aspire" ] && echo "http://127.0.0.1:$dashboard_port   (traces, structured logs)" || echo "not running" )
Rate panels need two scrapes (15 s apart) inside their window: give it a minute. Ctrl+C stops everything.
TEXT

wait "$demo_pid" || true
