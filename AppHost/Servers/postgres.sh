#!/usr/bin/env bash
# PostgreSQL from the Debian package, run by the AppHost as an Aspire executable resource when no container
# runtime answers (aspire-substitute.md §2.1). Environment: PG_STATE (its folder), PG_PORT, PG_PASSWORD,
# PG_EPHEMERAL=true for throwaway data (tests). Logs go to stderr, which the dashboard shows.
set -uo pipefail
: "${PG_STATE:?}" "${PG_PORT:?}" "${PG_PASSWORD:?}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/postgres" ] || { echo "error: PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root it runs as the package's own user. setpriv execs, so the
# process id below is the server's own and signals reach it (runuser would stay in between).
as=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres: "$PG_STATE"
  as=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

if [ ! -f "$PG_STATE/data/PG_VERSION" ]; then
  rm -rf "$PG_STATE/data"
  pwfile="$PG_STATE/initdb-password"
  ( umask 077; printf '%s\n' "$PG_PASSWORD" > "$pwfile" )
  [ ${#as[@]} -gt 0 ] && chown postgres: "$pwfile"
  "${as[@]}" "$bin/initdb" -D "$PG_STATE/data" -U postgres --pwfile="$pwfile" --auth-host=scram-sha-256 \
    --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 -N --no-instructions >&2 || { rm -f "$pwfile"; exit 1; }
  rm -f "$pwfile"
fi

# A server from the run before may still be stopping (DCP stops it after the AppHost has gone): this one would
# find its lock file and exit, so it waits for it first, as long as a fast shutdown can take.
pidfile="$PG_STATE/data/postmaster.pid"
for _ in $(seq 1 60); do
  old=$(head -1 "$pidfile" 2>/dev/null)
  [ -n "$old" ] && [ "$(cat "/proc/$old/comm" 2>/dev/null)" = postgres ] || break
  [ -z "${waited:-}" ] && echo "waiting for the previous PostgreSQL (pid $old) to stop" >&2 && waited=1
  sleep 0.5
done

extra=()
# Throwaway data needs no durability: no fsync (aspire-substitute.md §2.1).
[ "${PG_EPHEMERAL:-false}" = true ] && extra=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)

"${as[@]}" "$bin/postgres" -D "$PG_STATE/data" -p "$PG_PORT" -k "$PG_STATE" \
  -c listen_addresses=127.0.0.1 -c max_connections=300 "${extra[@]}" &
server=$!
# SIGTERM would be PostgreSQL's "smart" shutdown, which waits for every client to leave; SIGINT is "fast".
trap 'kill -INT "$server" 2>/dev/null' TERM INT
status=0
while kill -0 "$server" 2>/dev/null; do
  wait "$server"; status=$?
done
exit "$status"
