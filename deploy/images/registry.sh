#!/usr/bin/env bash
# Starts a local OCI registry (Debian's docker-registry, the CNCF "distribution" server) on loopback, for
# building images where no registry can be reached: the base image is pushed to it, the SDK pulls its base
# from it and pushes the services' images to it. Returns at once when one already answers there.
#
# Usage: deploy/images/registry.sh <host:port> <storage folder>
set -euo pipefail
address=${1:?host:port}
storage=${2:?storage folder}

if curl -fs -o /dev/null "http://$address/v2/"; then exit 0; fi
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
