#!/usr/bin/env bash
# Runs every test project against real PostgreSQL, Redis and RabbitMQ (installed here if missing) and prints how long
# each step took, ending with one line summing them all: "N passed, N failed, N skipped".
#
# One Release build serves everything: the tests run it (as ./run.sh does), and deploy/verify.sh publishes the images
# from it, so each package is compiled ReadyToRun once (Directory.Build.targets), not once per configuration.
# The projects then run in two lanes, each project a process of its own on its own servers and ports: the AppHost's
# own tests (which mostly wait on processes starting and stopping) beside everything else. 2 cores are kept busy
# without either lane's timing-sensitive tests sharing a machine with more than one other platform.
set -uo pipefail
cd "$(dirname "$0")"
started=$SECONDS
source AppHost/prerequisites.sh
clientplatform_install_prerequisites || exit 1
clientplatform_install_browser || exit 1

echo "Building…"
step=$SECONDS
dotnet build ClientPlatform.sln -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
echo "Time: build $((SECONDS - step)) s"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Prints a finished step's lines in one piece, whichever lane it ran in.
report() { flock "$results/.print" cat "$1"; }

# deploy/verify.sh: the images built offline from the Release build, the manifests rendered (their tests run below).
verify() {
  local step=$SECONDS out="$results/verify.out"
  echo "=== deploy/verify.sh" >"$out"
  if deploy/verify.sh >>"$out" 2>&1; then echo "0 0 0" >"$results/verify.sum"; else echo "  deploy/verify.sh failed" >>"$out"; echo "0 1 0" >"$results/verify.sum"; fi
  sed -i '2,$s/^/  /' "$out"
  echo "  deploy/verify.sh ($((SECONDS - step)) s)" >>"$out"
  echo "$((SECONDS - step))" >"$results/verify.time"
  report "$out"
}

# One test project: each test's outcome, the failures in full, its counts and time.
run_project() {
  local project=$1 name step=$SECONDS log out total p f s
  name=$(basename "$project" .csproj)
  log="$results/$name.log" out="$results/$name.out"
  echo "=== $name" >"$out"
  dotnet test --project "$project" --no-build -c Release --no-progress --output Detailed >"$log" 2>&1
  grep -E '^\s*(passed|failed|skipped) ' "$log" | sed 's/^/  /' >>"$out"
  grep -qE '^failed ' "$log" && sed -n '/^failed /,/^$/p' "$log" >>"$out"
  total=$(grep -Eo '^\s+total: [0-9]+' "$log" | grep -Eo '[0-9]+' | tail -1)
  if [ -z "$total" ]; then
    { echo "  no test summary from $name (did it crash?):"; tail -40 "$log"; } >>"$out"
    echo "0 1 0" >"$results/$name.sum"
  else
    f=$(grep -Eo '^\s+failed: [0-9]+' "$log" | grep -Eo '[0-9]+' | tail -1)
    p=$(grep -Eo '^\s+succeeded: [0-9]+' "$log" | grep -Eo '[0-9]+' | tail -1)
    s=$(grep -Eo '^\s+skipped: [0-9]+' "$log" | grep -Eo '[0-9]+' | tail -1)
    echo "${p:-0} ${f:-0} ${s:-0}" >"$results/$name.sum"
    echo "  $name: ${p:-0} passed, ${f:-0} failed, ${s:-0} skipped ($((SECONDS - step)) s)" >>"$out"
  fi
  echo "$((SECONDS - step))" >"$results/$name.time"
  report "$out"
}

# Lane 1: the AppHost binary's tests, the scale-out platform and the API documents. Lane 2: verify.sh, then every other
# project (a new project lands here by itself). Measured on 2 cores, each lane takes about 10 minutes.
lane1=(tests/AppHost.Tests/AppHost.Tests.csproj tests/ScaleOut.Tests/ScaleOut.Tests.csproj tests/ApiDocuments.Tests/ApiDocuments.Tests.csproj)
lane2=()
for project in tests/*/*.Tests.csproj; do
  [[ " ${lane1[*]} " == *" $project "* ]] || lane2+=("$project")
done
tests_started=$SECONDS
( for project in "${lane1[@]}"; do run_project "$project"; done ) &
lane1_pid=$!
verify
for project in "${lane2[@]}"; do run_project "$project"; done
wait "$lane1_pid"

passed=0 failed=0 skipped=0 timings=""
for sum in "$results"/*.sum; do
  name=$(basename "$sum" .sum)
  read -r p f s <"$sum"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  timings="$timings, $([ "$name" = verify ] && echo deploy/verify.sh || echo "$name") $(cat "$results/$name.time") s"
done
echo "Time: tests (two lanes) $((SECONDS - tests_started)) s${timings}; total $((SECONDS - started)) s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
