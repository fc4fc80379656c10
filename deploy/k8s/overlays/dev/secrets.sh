#!/usr/bin/env bash
# Writes the dev overlay's Secret sources, with random values, unless they exist: secrets/clientplatform.env
# (what the services read), secrets/data-services.env (the in-cluster servers' own passwords, the same ones the
# connection strings carry) and secrets/tls.crt and tls.key (the gateway's self-signed certificate). They are git-ignored: no usable secret is committed, not even a development one.
#   deploy/k8s/overlays/dev/secrets.sh && kubectl apply -k deploy/k8s/overlays/dev
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets
# Kept while they hold every key the manifests read (an older checkout's lack the newer ones).
[ -f secrets/clientplatform.env ] && [ -f secrets/data-services.env ] && [ -f secrets/tls.key ] \
  && grep -q '^audit-worker-messaging-connection-string=' secrets/clientplatform.env && grep -q 'GSS Encryption Mode' secrets/clientplatform.env && exit 0

random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n'; }
umask 077
postgres=$(random) redis=$(random) rabbitmq=$(random) api=$(random) audit=$(random)
declare -A broker=([registration-api]=$(random) [admin-api]=$(random) [audit-worker]=$(random))
# The broker's users: its administrator (clientplatform) and one per service, which its init container writes (rabbitmq.yaml).
cat > secrets/data-services.env <<ENV
postgres-password=$postgres
redis-password=$redis
rabbitmq-password=$rabbitmq
rabbitmq-registration-api-password=${broker[registration-api]}
rabbitmq-admin-api-password=${broker[admin-api]}
rabbitmq-audit-worker-password=${broker[audit-worker]}
ENV
cat > secrets/clientplatform.env <<ENV
admin-api-secret=$(random)
clientsdb-connection-string=Host=postgres;Port=5432;Database=clientsdb;Username=clientplatform;Password=$postgres;GSS Encryption Mode=Disable
clientsdb-api-connection-string=Host=postgres;Port=5432;Database=clientsdb;Username=clientplatform_api;Password=$api;GSS Encryption Mode=Disable
clientsdb-audit-connection-string=Host=postgres;Port=5432;Database=clientsdb;Username=clientplatform_audit;Password=$audit;GSS Encryption Mode=Disable
clientsdb-api-password=$api
clientsdb-audit-password=$audit
audit-chain-key=$(random)
cache-connection-string=redis:6379,password=$redis
ENV
for service in registration-api admin-api audit-worker; do
  echo "$service-messaging-connection-string=amqp://$service:${broker[$service]}@rabbitmq:5672/" >> secrets/clientplatform.env
done
# The gateway's certificate: self-signed, for localhost (the port-forward), 90 days.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout secrets/tls.key -out secrets/tls.crt 2>/dev/null
echo "Wrote deploy/k8s/overlays/dev/secrets/ (random values and a self-signed certificate, git-ignored)."
