#!/usr/bin/env bash
# ClientPlatform and node-oidc-provider side by side, under the same wrk command, in one run on this machine.
# Ours is the platform ./run.sh starts — the Release AppHost with its dashboard receiving every service's
# telemetry, 2 registration replicas — with only the per-minute rate limits lifted (each request still runs
# them); theirs is oidc-provider (bench/peer) with registration and registrationManagement on and its in-memory
# adapter. Both answer RFC 7592 reads of one client and RFC 7591 registrations. Prints requests/s, p50/p99 and
# CPU per request of each process, then ours ÷ theirs.
#
# Usage: bench/sidebyside.sh [seconds (10)] [connections (32)]
# BENCH_PROFILE=1 also records the read through the gateway with perf (JIT frames named through perf maps) and
# prints where each process's CPU went, by part of the read path (bench/perf_split.py).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10} connections=${2:-32}
# A 10 s timeout (wrk's default is 2 s): registrations queue behind BCrypt, and a request wrk gives up on is left out
# of its latencies.
wrk_args=(-t2 -c"$connections" -d"${seconds}s" --latency --timeout 10s)
command -v wrk >/dev/null || { source AppHost/prerequisites.sh; clientplatform_apt_install wrk; }
# perf: the machine's costs printed before and after (bench/machine-costs.sh), and BENCH_PROFILE's recording.
command -v perf >/dev/null || { source AppHost/prerequisites.sh; clientplatform_apt_install linux-perf; }
work=$(mktemp -d)
# PostgreSQL runs as its own user (it refuses root) and must be able to enter its state folder.
chmod 755 "$work"
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# "<requests/s> <p50 ms> <p99 ms> <errors: non-2xx answers and socket errors>" from wrk's --latency report.
wrk_figures() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad+=$NF}
       /Socket errors/ { for (i = 3; i <= NF; i += 2) { v = $(i + 1); gsub(",", "", v); bad += v } }
       function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       END { printf "%.0f %.2f %.2f %d\n", rps, ms(p50), ms(p99), bad+0 }'
}
# CPU seconds (user+system) used so far by the processes whose command line matches.
cpu_seconds() {
  local total=0 pid
  for pid in $(pgrep -f -- "$1" || true); do
    total=$(awk -v t="$total" -v hz="$(getconf CLK_TCK)" '{ print t + ($14 + $15) / hz }' "/proc/$pid/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}
post_lua() {
  cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"redirect_uris":["https://bench.example.com/cb"],"client_name":"bench"}'
wrk.headers["Content-Type"] = "application/json"
LUA
}
# Tiered JIT compiles hot code again, optimised, on a background thread that a saturated 2-core machine starves:
# throughput climbs for tens of seconds (about 35 s on a fresh platform). Warm up for at least 30 s, then until
# two 5-second runs agree within 5 % (at most 12 runs): two slow runs early on can agree while the climb goes on.
warm_up() {
  local last=0 now i
  for i in $(seq 1 12); do
    now=$(wrk -t2 -c"$connections" -d5s "$@" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
    [ "$i" -ge 6 ] && awk -v a="$last" -v b="$now" 'BEGIN { exit !(a > 0 && b > 0 && (b - a) / a < 0.05 && (a - b) / a < 0.05) }' && break
    last=$now
  done
  echo "    warmed up in $i runs of 5 s (last: $now requests/s)"
}
# run <label> <url> <extra wrk args…>: wrk's figures, and CPU per request of every process named in $watch.
declare -A result
run() {
  local label=$1 url=$2; shift 2
  local -A before=()
  local name
  for name in "${!watch[@]}"; do before[$name]=$(cpu_seconds "${watch[$name]}"); done
  local figures profiling=""
  if [ "${BENCH_PROFILE:-}" = 1 ] && [[ $label == *"via gateway"* && $label == *GET* ]]; then
    profiling=1
    perf record -F 499 -a -g -o "$work/perf.data" -- sleep "$seconds" >/dev/null 2>&1 &
  fi
  figures=$(wrk "${wrk_args[@]}" "$@" "$url" | wrk_figures)
  result[$label]=$figures
  read -r rps p50 p99 bad <<<"$figures"
  local cpu=""
  for name in $(printf '%s\n' "${!watch[@]}" | sort); do
    cpu+=$(awk -v b="${before[$name]}" -v a="$(cpu_seconds "${watch[$name]}")" -v n="$(( rps * seconds ))" -v who="$name" \
      'BEGIN { if (n > 0 && (a - b) * 1e6 / n >= 1) printf " %s %.0f", who, (a - b) * 1e6 / n }')
  done
  printf '%-44s %9s %8s %8s %6s\n' "$label" "$rps" "$p50" "$p99" "$bad"
  echo "    CPU µs per request:$cpu"
  if [ -n "$profiling" ]; then
    wait "$!" 2>/dev/null || true
    perf script -i "$work/perf.data" -F pid,tid,ip,sym,dso 2>/dev/null | python3 bench/perf_split.py "$rps" "$seconds" 499 | sed 's/^/    /'
  fi
}

# --- ClientPlatform, as ./run.sh starts it
dotnet build AppHost/AppHost.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
gateway_port=$(free_port) dashboard_port=$(free_port)
while [ "$(( dashboard_port + 1 ))" = "$gateway_port" ]; do dashboard_port=$(free_port); done
limits=()
for policy in register manage admin-list admin-get admin-create admin-update admin-regenerate admin-delete admin-other admin-verify-secret; do
  limits+=("AppHost__ServiceEnvironment__RateLimits__Policies__${policy}__PermitLimit=1000000000")
done
# Experiments: BENCH_SERVICE_ENV="Cache__Enabled=false OTEL_TRACES_SAMPLER=…" hands settings to the APIs and the gateway.
for setting in ${BENCH_SERVICE_ENV:-}; do limits+=("AppHost__ServiceEnvironment__$setting"); done
if [ "${BENCH_PROFILE:-}" = 1 ]; then
  # perf names JIT-compiled code from /tmp/perf-<pid>.map, and only in anonymous memory (no W^X double mapping).
  limits+=("AppHost__ServiceEnvironment__DOTNET_PerfMapEnabled=1" "AppHost__ServiceEnvironment__DOTNET_EnableWriteXorExecute=0")
fi
env "${limits[@]}" dotnet AppHost/bin/Release/net10.0/AppHost.dll --gateway-port "$gateway_port" --dashboard-port "$dashboard_port" \
  --state-dir "$work/state" > "$work/apphost.log" 2>&1 &
for _ in $(seq 1 240); do
  grep -q "All resources are healthy" "$work/apphost.log" && break
  sleep 0.5
done
grep -q "All resources are healthy" "$work/apphost.log" || { echo "error: the platform did not start:" >&2; tail -30 "$work/apphost.log" >&2; exit 1; }
ours="http://127.0.0.1:$gateway_port"
client=$(curl -fsS -X POST "$ours/register" -H 'Content-Type: application/json' -d '{"redirect_uris":["https://bench.example.com/cb"]}')
id=$(jq -r .client_id <<<"$client") token=$(jq -r .registration_access_token <<<"$client")
replica_pid=$(pgrep -f -- "Registration.Api.dll" | head -1)
# Its HTTP/1.1 endpoint, as the AppHost gave it (a replica also listens on an HTTP/2-only port for the gateway).
replica_port=$(tr '\0' '\n' < "/proc/$replica_pid/environ" \
  | sed -n -E 's#^(Kestrel__Endpoints__http__Url|ASPNETCORE_URLS)=http://[^:]+:([0-9]+).*#\2#p' | head -1)
post_lua

bench/machine-costs.sh before
echo "ClientPlatform (./run.sh's platform: Release, dashboard, 2 registration replicas) · wrk ${wrk_args[*]}"
printf '%-44s %9s %8s %8s %6s\n' "scenario" "req/s" "p50 ms" "p99 ms" "errors"
declare -A watch=([registration-api]="Registration.Api.dll" [gateway]="Gateway.dll" [admin-api]="Admin.Api.dll"
  [audit-worker]="Audit.Worker.dll" [dashboard]="Aspire.Dashboard" [apphost]="AppHost.dll" [dcp]="/dcp " [redis]="redis-server"
  [rabbitmq]="beam.smp" [postgres]="postgres: " [wrk]="^wrk ")
warm_up -H "Authorization: Bearer $token" "$ours/register/$id"
warm_up -H "Authorization: Bearer $token" "http://127.0.0.1:$replica_port/register/$id"
run "ours: GET /register/{id} via gateway" "$ours/register/$id" -H "Authorization: Bearer $token"
run "ours: GET /register/{id} direct, 1 replica" "http://127.0.0.1:$replica_port/register/$id" -H "Authorization: Bearer $token"
warm_up -s "$work/post.lua" "$ours/register"
run "ours: POST /register via gateway" "$ours/register" -s "$work/post.lua"

# --- node-oidc-provider, the same requests
if command -v node >/dev/null; then
  ( cd bench/peer && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null )
  peer_port=$(free_port)
  node bench/peer/server.mjs "$peer_port" > "$work/peer.log" 2>&1 &
  for _ in $(seq 1 50); do grep -q ready "$work/peer.log" && break; sleep 0.2; done
  theirs="http://127.0.0.1:$peer_port"
  peer_client=$(curl -fsS -X POST "$theirs/reg" -H 'Content-Type: application/json' -d '{"redirect_uris":["https://bench.example.com/cb"]}')
  peer_id=$(jq -r .client_id <<<"$peer_client") peer_token=$(jq -r .registration_access_token <<<"$peer_client")
  declare -A watch=([node]="server.mjs $peer_port" [wrk]="^wrk ")
  warm_up -H "Authorization: Bearer $peer_token" "$theirs/reg/$peer_id"
  run "node-oidc-provider: GET /reg/{id}" "$theirs/reg/$peer_id" -H "Authorization: Bearer $peer_token"
  warm_up -s "$work/post.lua" "$theirs/reg"
  run "node-oidc-provider: POST /reg" "$theirs/reg" -s "$work/post.lua"
  ratio() { awk -v a="${result[$1]%% *}" -v b="${result[$2]%% *}" 'BEGIN { r = (b > 0 ? a / b : 0); printf (r < 0.1 ? "%.3f" : "%.2f"), r }'; }
  echo "ours ÷ theirs, requests/s: read via gateway $(ratio "ours: GET /register/{id} via gateway" "node-oidc-provider: GET /reg/{id}")," \
       "read direct $(ratio "ours: GET /register/{id} direct, 1 replica" "node-oidc-provider: GET /reg/{id}")," \
       "create $(ratio "ours: POST /register via gateway" "node-oidc-provider: POST /reg")"
else
  echo "node is not installed: node-oidc-provider not measured (apt-get install nodejs npm)"
fi
bench/machine-costs.sh after
