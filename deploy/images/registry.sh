#!/usr/bin/env bash
# Starts a local OCI registry (Debian's docker-registry, the CNCF "distribution" server) on loopback, for
# building images where no registry can be reached: the base image is pushed to it, the SDK pulls its base
# from it and pushes the services' images to it. Returns at once when one already answers there, unless that
# one is a registry whose storage is gone (its checkout was deleted): it answers /v2/ but fails every upload
# with a 500, so it is stopped and a new one started.
#
# Usage: deploy/images/registry.sh <host:port> <storage folder>
#        deploy/images/registry.sh --stop <host:port>     stops the docker-registry serving there (its images stay on disk)
set -euo pipefail
if [ "${1:-}" = --stop ]; then
  address=${2:?host:port}
  pid=$(ss -ltnpH "sport = :${address##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  if [ -n "$pid" ] && grep -qa docker-registry "/proc/$pid/cmdline"; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
  fi
  exit 0
fi
address=${1:?host:port}
storage=${2:?storage folder}

# The folder a running docker-registry on this port serves from is gone: its config no longer exists.
stale_registry() {
  local pid config
  pid=$(ss -ltnpH "sport = :${address##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [ -n "$pid" ] && grep -qa docker-registry "/proc/$pid/cmdline" || return 1
  config=$(tr '\0' '\n' < "/proc/$pid/cmdline" | tail -1)
  [[ $config == /* ]] || config="$(readlink "/proc/$pid/cwd")/$config"
  [ -f "$config" ] && return 1
  echo "$pid"
}

if curl -fs -o /dev/null "http://$address/v2/"; then
  stale=$(stale_registry) || exit 0
  echo "The registry on $address serves a folder that no longer exists; starting a new one." >&2
  kill "$stale"
  for _ in $(seq 1 50); do curl -fs -o /dev/null "http://$address/v2/" || break; sleep 0.2; done
fi
mkdir -p "$storage"
cat > "$storage/config.yml" <<YAML
version: 0.1
log: { level: warn, accesslog: { disabled: true } }
storage:
  filesystem: { rootdirectory: $storage/data }
  delete: { enabled: true }
http: { addr: $address }
YAML
setsid docker-registry serve "$storage/config.yml" >"$storage/registry.log" 2>&1 < /dev/null &
for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://$address/v2/" && exit 0
  sleep 0.2
done
echo "error: the registry did not answer on $address; its log:" >&2
tail -20 "$storage/registry.log" >&2
exit 1
