#!/usr/bin/env bash
# RabbitMQ from the Debian package, run by the AppHost as an Aspire executable resource when no container
# runtime answers (aspire-substitute.md §2.3): its own epmd on a private loopback port, its own distribution
# port and Erlang cookie, every file in RABBITMQ_STATE. Environment: RABBITMQ_STATE, RABBITMQ_PORT,
# RABBITMQ_PASSWORD, RABBITMQ_DIST_PORT, RABBITMQ_EPMD_PORT. Logs go to stdout, which the dashboard shows.
set -uo pipefail
: "${RABBITMQ_STATE:?}" "${RABBITMQ_PORT:?}" "${RABBITMQ_PASSWORD:?}" "${RABBITMQ_DIST_PORT:?}" "${RABBITMQ_EPMD_PORT:?}"
server_bin=/usr/lib/rabbitmq/bin/rabbitmq-server
epmd_bin=$(ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | sort -V | tail -1)
[ -x "$server_bin" ] && [ -n "$epmd_bin" ] || { echo "error: RabbitMQ is not installed: apt-get install rabbitmq-server" >&2; exit 1; }

state=$RABBITMQ_STATE
mkdir -p "$state/mnesia" "$state/log"
# default_user/default_pass apply on the first boot (empty mnesia); the kept password keeps them in step.
cat > "$state/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$RABBITMQ_PORT
default_user = guest
default_pass = $RABBITMQ_PASSWORD
loopback_users = none
log.console = true
log.console.level = info
log.file = false
CONF
# The services' users, their permissions and the audit topology (AppHost BrokerUsers), at every boot.
[ -f "$state/definitions.json" ] && echo "load_definitions = $state/definitions.json" >> "$state/rabbitmq.conf"
echo '[].' > "$state/enabled_plugins"
: > "$state/rabbitmq-env.conf"
if [ ! -s "$state/.erlang.cookie" ]; then
  ( umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$state/.erlang.cookie" )
fi
chmod 400 "$state/.erlang.cookie"

export HOME=$state # the Erlang cookie is read from $HOME
# One node name for the state folder, whatever port this run was given: the node's queues live under
# mnesia/<node name>, so a name with the port in it left the messages of the run before (audit events sent by the
# relay, not yet written by the worker) behind in a folder the next run never opened. The private epmd makes the
# name unique on the machine.
export RABBITMQ_NODENAME="clientplatform@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  RABBITMQ_NODE_PORT=$RABBITMQ_PORT ERL_EPMD_PORT=$RABBITMQ_EPMD_PORT ERL_EPMD_ADDRESS=127.0.0.1 \
  RABBITMQ_MNESIA_BASE=$state/mnesia RABBITMQ_LOG_BASE=$state/log RABBITMQ_LOGS=- \
  RABBITMQ_CONFIG_FILE=$state/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$state/enabled_plugins \
  RABBITMQ_CONF_ENV_FILE=$state/rabbitmq-env.conf RABBITMQ_ADVANCED_CONFIG_FILE=$state/advanced.config
# Erlang's schedulers spin while idle to cut wake-up latency; on a host the broker shares with the services
# that spinning is CPU taken from them (RabbitMQ's own advice for shared hosts).
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"

# A broker from the run before may still be stopping (DCP stops it after the AppHost has gone): two nodes must
# never open the same database folder, so this one waits for it first.
for _ in $(seq 1 60); do
  pgrep -f -- "-home $state " >/dev/null || break # the Erlang VM runs with -home <this folder>
  [ -z "${waited:-}" ] && echo "waiting for the previous RabbitMQ to stop" && waited=1
  sleep 0.5
done

# Our own epmd first: otherwise erl starts one as a daemon, on all interfaces, that outlives the broker.
"$epmd_bin" -port "$RABBITMQ_EPMD_PORT" -address 127.0.0.1 &
epmd=$!
"$server_bin" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null' TERM INT
status=0
while kill -0 "$server" 2>/dev/null; do
  wait "$server"; status=$?
done
kill -TERM "$epmd" 2>/dev/null; wait "$epmd" 2>/dev/null
exit "$status"
