#!/bin/bash
# The official postgres image's start-up, for the variables it documents: on an empty PGDATA, initdb as
# POSTGRES_USER with POSTGRES_PASSWORD (from a file, never a command line), POSTGRES_DB created, the scripts in
# /docker-entrypoint-initdb.d run; then the server in the foreground as the postgres user, listening on every address.
set -Eeuo pipefail
[ "${1:0:1}" = - ] && set -- postgres "$@"

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  # Started as root (compose, Aspire): the data folder becomes postgres's, then the rest runs as postgres.
  mkdir -p "$PGDATA"
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "error: the database is uninitialized and POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)." >&2
    exit 1
  fi
  user=${POSTGRES_USER:-postgres}
  database=${POSTGRES_DB:-$user}
  password_file=$(mktemp)
  printf '%s' "${POSTGRES_PASSWORD:-}" > "$password_file"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as in the official image
  initdb --username="$user" --pwfile="$password_file" ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$password_file"
  printf '\nhost all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\n" >> "$PGDATA/postgresql.conf"

  # A server on the socket alone while the database and the init scripts are set up.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" -w start >/dev/null
  export PGPASSWORD=${POSTGRES_PASSWORD:-} PGUSER=$user PGHOST=/var/run/postgresql
  psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --dbname postgres)
  if [ "$database" != postgres ]; then
    "${psql[@]}" --set db="$database" <<<'CREATE DATABASE :"db";'
  fi
  for script in /docker-entrypoint-initdb.d/*; do
    case "$script" in
      *.sh) echo "running $script"; . "$script" ;;
      *.sql) echo "running $script"; "${psql[@]}" --dbname "$database" -f "$script" ;;
      *.sql.gz) echo "running $script"; gunzip -c "$script" | "${psql[@]}" --dbname "$database" ;;
    esac
  done
  unset PGPASSWORD PGUSER PGHOST
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@"
