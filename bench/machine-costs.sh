#!/usr/bin/env bash
# One line: what this virtual machine charges for entering the kernel and for a round trip between two processes
# over a pipe (perf bench). A read through the gateway makes about 13 system calls and 4 context switches in the
# platform's nine processes (perf stat, 2026-12-05), where node-oidc-provider's read stays in one, and the VM's speed
# moves between sessions (bench/README.md): sidebyside.sh, RegistrationBench and AdminBench print this before and
# after a run, so that runs of different sessions can be compared on it too. "?" where perf gave no figure (not
# installed: apt-get install linux-perf).
# Usage: bench/machine-costs.sh <when, e.g. before>
set -uo pipefail
# perf bench's microseconds per operation, printed with <format>, or "?".
per_operation() {
  local format=$1; shift
  perf bench "$@" 2>/dev/null | awk -v f="$format" '/usecs\/op/ { printf f, $1; found = 1 } END { if (!found) printf "?" }'
}
echo "machine (${1:-now}): a system call $(per_operation %.2f syscall basic -l 1000000) µs," \
  "a round trip between two processes over a pipe $(per_operation %.1f sched pipe -l 50000) µs (perf bench)"
