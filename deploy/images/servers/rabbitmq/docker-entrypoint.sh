#!/bin/bash
# Started as root (compose, Aspire): the data folder becomes rabbitmq's, then the server runs as rabbitmq in the
# foreground. The server itself reads RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS and RABBITMQ_NODENAME.
set -Eeuo pipefail
if [ "$(id -u)" = 0 ]; then
  find /var/lib/rabbitmq \! -user rabbitmq -exec chown rabbitmq:rabbitmq '{}' +
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "${BASH_SOURCE[0]}" "$@"
fi
exec "$@"
