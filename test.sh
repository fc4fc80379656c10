#!/usr/bin/env bash
# Runs every test project against real PostgreSQL, Redis and RabbitMQ (installed here if missing), one
# project after another (2 cores), prints how long each step took, and ends with one line summing them all:
# "N passed, N failed, N skipped".
# Before them, deploy/verify.sh builds the service images offline and checks the manifests (installing its tools, Podman
# among them); after them the end-to-end tests run again with the servers as containers under Podman.
# One Release build serves everything: the tests run it, as ./run.sh does, and deploy/verify.sh publishes the images
# from it, so each package is compiled ReadyToRun once (Directory.Build.targets), not once per configuration. The
# projects run one after another: run beside each other on 2 cores, the fault tests' budgets and the first start's
# clean log stop holding (measured: 820 s instead of 1,061 s, and two of them failed).
set -uo pipefail
cd "$(dirname "$0")"
started=$SECONDS
source AppHost/prerequisites.sh
clientplatform_install_prerequisites || exit 1
clientplatform_install_browser || exit 1

# The servers' images (deploy/images/servers.sh: Debian roots made by mmdebstrap, mostly downloading and unpacking
# packages) need nothing from the build, so they are made while it runs; deploy/verify.sh then finds them ready.
source deploy/prerequisites.sh
clientplatform_install_deploy_tools || exit 1
servers_log=$(mktemp)
deploy/images/servers.sh >"$servers_log" 2>&1 &
servers_pid=$!

echo "Building…"
step=$SECONDS
dotnet build ClientPlatform.sln -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
timings="build $((SECONDS - step)) s"
if ! wait "$servers_pid"; then
  echo "deploy/images/servers.sh failed:"; sed 's/^/  /' "$servers_log"
fi
timings="$timings (server images beside it: $(grep -c ' built in ' "$servers_log") built)"
rm -f "$servers_log"

passed=0 failed=0 skipped=0
# The local registry deploy/verify.sh starts, when none was running: stopped at the end like everything else the tests
# start (its images stay on disk for the next run).
registry=127.0.0.1:5000 registry_was_running=false
curl -fs -o /dev/null "http://$registry/v2/" && registry_was_running=true
# The deployment: images built offline, manifests rendered (their tests follow with the others).
echo "=== deploy/verify.sh"
step=$SECONDS
if ! deploy/verify.sh 2>&1 | sed 's/^/  /'; then
  echo "  deploy/verify.sh failed"; failed=$((failed + 1))
fi
timings="$timings, deploy/verify.sh $((SECONDS - step)) s"
log=$(mktemp) failures=$(mktemp)
# One test project: each test's outcome, the failures in full, and its line in the timings.
run_project() {
  local name=$1 project=$2 total f p s
  echo "=== $name"
  step=$SECONDS
  dotnet test --project "$project" --no-build -c Release --no-progress --output Detailed >"$log" 2>&1
  grep -E '^\s*(passed|failed|skipped) ' "$log" | sed 's/^/  /'
  grep -qE '^failed ' "$log" && sed -n '/^failed /,/^$/p' "$log"
  # Each failure's name and first lines once more at the very end, where a log cut to its tail still shows them.
  grep -A4 -E '^failed ' "$log" | sed "s|^|  [$name] |" >>"$failures"
  total=$(grep -Eo '^\s+total: [0-9]+' "$log" | grep -Eo '[0-9]+' | tail -1)
  if [ -z "$total" ]; then
    echo "  no test summary from $name (did it crash?):"; tail -40 "$log"
    failed=$((failed + 1)); return
  fi
  f=$(grep -Eo '^\s+failed: [0-9]+' "$log" | grep -Eo '[0-9]+' | tail -1)
  p=$(grep -Eo '^\s+succeeded: [0-9]+' "$log" | grep -Eo '[0-9]+' | tail -1)
  s=$(grep -Eo '^\s+skipped: [0-9]+' "$log" | grep -Eo '[0-9]+' | tail -1)
  echo "  $name: ${p:-0} passed, ${f:-0} failed, ${s:-0} skipped ($((SECONDS - step)) s)"
  timings="$timings, $name $((SECONDS - step)) s"
  failed=$((failed + ${f:-0})); passed=$((passed + ${p:-0})); skipped=$((skipped + ${s:-0}))
}
for project in tests/*/*.Tests.csproj; do
  run_project "$(basename "$project" .csproj)" "$project"
done
# The end-to-end tests again, with PostgreSQL, Redis and RabbitMQ as the AppHost's containers under Podman (issue 32).
CLIENTPLATFORM_TEST_SERVERS=containers run_project "EndToEnd.Tests (servers in containers)" tests/EndToEnd.Tests/EndToEnd.Tests.csproj
rm -f "$log"
$registry_was_running || deploy/images/registry.sh --stop "$registry"

if [ -s "$failures" ]; then echo "Failed tests:"; cut -c1-400 "$failures"; fi
rm -f "$failures"
echo "Time: $timings; total $((SECONDS - started)) s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
