#!/usr/bin/env bash
# PostgreSQL, Redis and RabbitMQ images for compose, the Kubernetes dev overlay and the AppHost's container mode.
# Where the official images (postgres:15, redis:7, rabbitmq:4.0) can be pulled, they are used and nothing is built.
# Where no public registry answers (as here), the same three are built from Debian packages, with the official images'
# environment contract (servers/*/Containerfile): a minimal Debian root made by mmdebstrap from the package mirror,
# imported into Podman, then each server installed on it by `podman build`. A second run reuses what exists, unless
# its recipe (the server's folder here) changed since it was built.
#
# Prints, and writes to .deploy/server-images.env, the three references to use:
#   POSTGRES_IMAGE=…  REDIS_IMAGE=…  RABBITMQ_IMAGE=…
# which deploy/compose/up.sh and ./run.sh --servers containers read.
#
# Usage: deploy/images/servers.sh [--rebuild]
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/prerequisites.sh
clientplatform_install_deploy_tools || exit 1
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/podman/containers.conf}
rebuild=false; [ "${1:-}" = --rebuild ] && rebuild=true
out=.deploy/server-images.env
mkdir -p .deploy
elapsed() { echo $(( $(date +%s) - $1 )); }

declare -A official=([POSTGRES_IMAGE]=docker.io/library/postgres:15 [REDIS_IMAGE]=docker.io/library/redis:7 [RABBITMQ_IMAGE]=docker.io/library/rabbitmq:4.0)
declare -A local=([POSTGRES_IMAGE]=localhost/clientplatform/postgres:15 [REDIS_IMAGE]=localhost/clientplatform/redis:7 [RABBITMQ_IMAGE]=localhost/clientplatform/rabbitmq:4.0)
declare -A folder=([POSTGRES_IMAGE]=postgres [REDIS_IMAGE]=redis [RABBITMQ_IMAGE]=rabbitmq)
declare -A suite=([POSTGRES_IMAGE]=bookworm [REDIS_IMAGE]=bookworm [RABBITMQ_IMAGE]=trixie)
order=(POSTGRES_IMAGE REDIS_IMAGE RABBITMQ_IMAGE)

# The official images, when a registry answers within a few seconds (it never does here: no public registry is reachable).
if timeout 15 skopeo inspect --retry-times 0 --raw "docker://${official[POSTGRES_IMAGE]}" >/dev/null 2>&1; then
  : > "$out"
  for name in "${order[@]}"; do echo "$name=${official[$name]}" | tee -a "$out"; done
  exit 0
fi

# A Debian root for each suite the servers need (bookworm: PostgreSQL 15 and Redis 7; trixie: RabbitMQ 4.0).
for release in bookworm trixie; do
  base=localhost/clientplatform/debian:$release
  if $rebuild || ! podman image exists "$base"; then
    started=$(date +%s)
    mmdebstrap --variant=minbase --quiet --aptopt='Acquire::Retries "3"' "$release" - \
      | podman import --quiet --change 'CMD ["/bin/bash"]' --message "mmdebstrap --variant=minbase $release" - "$base" >/dev/null
    echo "base $base made in $(elapsed "$started") s" >&2
  fi
done

: > "$out"
for name in "${order[@]}"; do
  reference=${local[$name]}
  # The recipe's fingerprint, kept as a label: an image built from an older Containerfile or entry point is rebuilt.
  recipe=$(cd "deploy/images/servers/${folder[$name]}" && cat $(ls | sort) | sha256sum | cut -c1-16)
  built=$(podman image inspect --format '{{index .Labels "org.clientplatform.recipe"}}' "$reference" 2>/dev/null || true)
  if $rebuild || [ "$built" != "$recipe" ]; then
    started=$(date +%s)
    log=$(mktemp)
    if ! podman build --quiet --network host --build-arg "BASE=localhost/clientplatform/debian:${suite[$name]}" \
        --label "org.clientplatform.recipe=$recipe" --tag "$reference" "deploy/images/servers/${folder[$name]}" >"$log" 2>&1; then
      echo "error: the ${folder[$name]} image did not build:" >&2; tail -20 "$log" >&2; rm -f "$log"; exit 1
    fi
    rm -f "$log"
    echo "image $reference built in $(elapsed "$started") s" >&2
  fi
  echo "$name=$reference" | tee -a "$out"
done
