#!/usr/bin/env bash
# docker-compose against Podman: runs any docker-compose command on deploy/compose/docker-compose.yaml with Podman as
# the engine, e.g.
#   deploy/compose/compose.sh up -d          deploy/compose/compose.sh ps          deploy/compose/compose.sh down
# Why docker-compose (Debian's 1.29) and not podman-compose: Debian 12's podman-compose 1.0.3 ignores depends_on
# conditions, and the stack's order rests on them (the migration job completes before any service starts); `podman
# compose` arrived only in Podman 4.7. docker-compose honours them, and Podman serves the Docker API it speaks: this
# script starts that API on a private socket for the one command and stops it afterwards.
#
# What else it does for the command:
#  - images: the server images from deploy/images/servers.sh (official where pullable, built from Debian here), and the
#    service images from the local registry on loopback (deploy/podman/registries.conf says it speaks plain HTTP).
#  - TLS: a self-signed certificate for localhost in deploy/compose/tls/ when no TLS_DIRECTORY is given.
#  - health checks: Podman runs them from systemd timers; where systemd is not running (this machine, CI containers)
#    nothing would, every container would stay "starting" and `depends_on: service_healthy` wait for ever. Then a
#    background loop runs each container's check every 5 s (podman healthcheck run) until the project has no container left.
# Settings: the compose file's variables (.env beside it, or --env-file), COMPOSE_PROJECT_NAME, CONTAINERS_CONF.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/deploy/prerequisites.sh"
clientplatform_install_deploy_tools || exit 1
export CONTAINERS_CONF=${CONTAINERS_CONF:-$root/deploy/podman/containers.conf}
project=${COMPOSE_PROJECT_NAME:-compose}

# The server images: whatever servers.sh chose, unless set by the caller.
if [ -z "${POSTGRES_IMAGE:-}${REDIS_IMAGE:-}${RABBITMQ_IMAGE:-}" ] && [[ " $* " == *" up "* || " $* " == *" pull "* ]]; then
  [ -s "$root/.deploy/server-images.env" ] || "$root/deploy/images/servers.sh" >/dev/null
fi
if [ -s "$root/.deploy/server-images.env" ]; then
  while IFS='=' read -r name value; do [ -n "${!name:-}" ] || export "$name=$value"; done < "$root/.deploy/server-images.env"
fi

# The service images, from the registry on loopback that deploy/images/build.sh fills (plain HTTP: registries.conf).
export CONTAINERS_REGISTRIES_CONF=${CONTAINERS_REGISTRIES_CONF:-$root/deploy/podman/registries.conf}

# TLS for a local run: a self-signed certificate for localhost, unless the caller names a folder with theirs.
if [[ " $* " == *" up "* ]] && [ -z "${TLS_DIRECTORY:-}" ] && [ ! -s "$here/tls/tls.crt" ]; then
  mkdir -p "$here/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" -keyout "$here/tls/tls.key" -out "$here/tls/tls.crt" 2>/dev/null
  # The gateway runs as uid 1654: a throwaway local key may be world-readable; a real one belongs to 1654 alone.
  chmod 0644 "$here/tls/tls.key"
  echo "made a self-signed certificate for localhost: $here/tls/tls.crt" >&2
fi

# Podman's Docker API, for this command only.
api=$(mktemp -d)
podman system service --time=0 "unix://$api/podman.sock" &
service=$!
trap 'kill "$service" 2>/dev/null; wait "$service" 2>/dev/null; rm -rf "$api"' EXIT
for _ in $(seq 50); do [ -S "$api/podman.sock" ] && break; sleep 0.1; done
export DOCKER_HOST="unix://$api/podman.sock"

# Health checks where no systemd runs them: one loop per project, gone with the project's last container.
if [[ " $* " == *" up "* ]] && [ ! -d /run/systemd/system ]; then
  command=$$
  lock="$root/.deploy/compose-health-$project.lock"
  mkdir -p "$root/.deploy"
  (
    # One loop per project: a loop of an earlier `up` still running (and covering this one) keeps the lock; one about
    # to end (its project was just taken down) lets go within seconds.
    flock -w 20 9 || exit 0
    label="label=com.docker.compose.project=$project"
    # Until the project has a container, or this `up` has ended without one.
    seen=false
    while kill -0 "$command" 2>/dev/null; do
      [ -n "$(podman ps -aq --filter "$label")" ] && { seen=true; break; }
      sleep 2
    done
    [ -n "$(podman ps -aq --filter "$label")" ] && seen=true
    while $seen && [ -n "$(podman ps -aq --filter "$label")" ]; do
      # A container without a health check answers with an error, which is ignored.
      for container in $(podman ps -q --filter "$label"); do podman healthcheck run "$container" >/dev/null 2>&1 || true; done
      sleep 5
    done
  ) 9>"$lock" >/dev/null 2>&1 </dev/null &
  disown
fi

docker-compose --project-directory "$here" --file "$here/docker-compose.yaml" --project-name "$project" "$@"
