#!/usr/bin/env bash
# Verifies the deployment here, with no registry beyond the package mirrors; ./test.sh runs it before the tests. It
# installs its tools (deploy/prerequisites.sh, Podman included), builds the five images on the base image it assembles
# offline (deploy/images/build.sh) and the servers' images (deploy/images/servers.sh), and checks that docker-compose
# and kustomize accept the manifests. The tests then prove what the files say: tests/Deployment.Tests (the rendered
# objects, loaded strictly), tests/Images.Tests (each image inspected, then run by runc against real servers) and
# tests/Containers.Tests (the compose stack brought up under Podman, over TLS, and used).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/prerequisites.sh
clientplatform_install_deploy_tools

started=$(date +%s)
deploy/images/build.sh
echo "images built in $(( $(date +%s) - started )) s"
# PostgreSQL, Redis and RabbitMQ for compose: official where pullable, else built from Debian (once; reused after).
started=$(date +%s)
deploy/images/servers.sh
echo "server images ready in $(( $(date +%s) - started )) s"

# Values only so that compose can resolve its ${VAR:?} references; nothing is started.
ADMIN_API_SECRET=verify-only-0123456789abcdefghijklmnop POSTGRES_PASSWORD=verify REDIS_PASSWORD=verify RABBITMQ_PASSWORD=verify \
  RABBITMQ_REGISTRATION_API_PASSWORD=verify RABBITMQ_ADMIN_API_PASSWORD=verify RABBITMQ_AUDIT_WORKER_PASSWORD=verify \
  POSTGRES_API_PASSWORD=verify-api-password POSTGRES_AUDIT_PASSWORD=verify-audit-password AUDIT_CHAIN_KEY=verify-only-0123456789abcdefghijklmnop \
  docker-compose -f deploy/compose/docker-compose.yaml config -q
echo "docker-compose $(docker-compose version --short) accepts deploy/compose/docker-compose.yaml"
deploy/k8s/overlays/dev/secrets.sh >/dev/null
for overlay in dev prod; do
  objects=$(kubectl kustomize "deploy/k8s/overlays/$overlay" | grep -c '^kind:')
  echo "kustomize renders deploy/k8s/overlays/$overlay: $objects objects"
done
