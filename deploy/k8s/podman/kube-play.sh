#!/usr/bin/env bash
# The Kubernetes dev overlay's pods run under `podman kube play` on this machine, no cluster needed:
#   deploy/k8s/podman/kube-play.sh up       render, convert, play; then https://localhost:8443 (admin: https://127.0.0.1:8081)
#   deploy/k8s/podman/kube-play.sh down     remove the pods, their Secrets and the network (--volumes: the data too)
#
# What it takes with Debian's Podman 4.3 (for-podman.jq converts the rendered overlay):
#  - Podman plays Pods, Deployments, PersistentVolumeClaims, ConfigMaps and Secrets. It has no StatefulSet or Job: each
#    becomes a Pod (the Job's restarts on failure, as its back-off would), its volumeClaimTemplates Podman volumes made
#    here (kube play refuses a claim whose volume exists, so a second `up` would fail).
#  - It has no Services: on the pods' network a pod is found by its own name, so each workload becomes one Pod named
#    as its Service (a Deployment's pods would be "<name>-pod-0"). One replica each: no HorizontalPodAutoscaler.
#  - It ignores NetworkPolicies, PodDisruptionBudgets, ServiceAccounts and Namespaces, which are left out and stay
#    checked statically (tests/Deployment.Tests); so here nothing isolates the pods from each other.
#  - It stores a Secret it plays as YAML and then cannot read it back: each Secret is made a Podman secret here instead,
#    in the form kube play reads (one for secretKeyRef, another for secret volumes); a secret volume needs `optional`
#    said, or kube play crashes. Files from a secret volume are the root's, 0644: defaultMode is not applied.
#  - It publishes every containerPort on the host (two services on 8080 collide): only the gateway's HTTPS and admin
#    ports are kept, published (hostPort), and the public base URL names them; the pods reach each other directly.
#  - Where no public registry answers, the server images are deploy/images/servers.sh's local builds (same uids).
# Settings: KUBE_PLAY_HTTPS_PORT (8443), KUBE_PLAY_ADMIN_PORT (8081), KUBE_PLAY_NETWORK (clientplatform-kube),
# CONTAINERS_CONF. The service images come from the local registry deploy/images/build.sh fills.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$root/deploy/prerequisites.sh"
clientplatform_install_deploy_tools || exit 1
export CONTAINERS_CONF=${CONTAINERS_CONF:-$root/deploy/podman/containers.conf}
export CONTAINERS_REGISTRIES_CONF=${CONTAINERS_REGISTRIES_CONF:-$root/deploy/podman/registries.conf}
network=${KUBE_PLAY_NETWORK:-clientplatform-kube}
played=$root/.deploy/kube-play/dev.yaml

case "${1:-}" in
  up)
    "$root/deploy/k8s/overlays/dev/secrets.sh" >/dev/null
    images='{}'
    if [ -s "$root/.deploy/server-images.env" ] || "$root/deploy/images/servers.sh" >/dev/null; then
      source "$root/.deploy/server-images.env"
      images=$(jq -n --arg p "$POSTGRES_IMAGE" --arg r "$REDIS_IMAGE" --arg q "$RABBITMQ_IMAGE" \
        '{"postgres:15": $p, "redis:7": $r, "rabbitmq:4.0-management": $q}')
    fi
    rendered=$(kubectl kustomize "$root/deploy/k8s/overlays/dev" | yq -c .)
    # Each Secret as a Podman secret, in the form kube play reads it: for secretKeyRef a JSON object of base64 values;
    # for a secret volume a Secret whose data holds the files' contents decoded (kube play writes the values as they are).
    mkdir -p "$(dirname "$played")"
    jq -r 'select(.kind == "Secret") | .metadata.name' <<<"$rendered" > "$played.secrets"
    mounted=$(jq -c '[.. | objects | .secret?.secretName? // empty]' <<<"$rendered" | jq -sc 'add | unique')
    while read -r secret; do
      # A secret volume is a Podman volume named as the secret, filled once: an older one would keep older files.
      podman secret rm "$secret" >/dev/null 2>&1 || true
      podman volume rm --force "$secret" >/dev/null 2>&1 || true
      jq -c --arg name "$secret" --argjson mounted "$mounted" 'select(.kind == "Secret" and .metadata.name == $name)
          | if ($mounted | index($name)) then {apiVersion, kind, metadata: {name: $name}, data: (.data | map_values(gsub("\\s"; "") | @base64d))}
            else .data end' <<<"$rendered" \
        | podman secret create "$secret" - >/dev/null
    done < "$played.secrets"
    jq -c --arg https "${KUBE_PLAY_HTTPS_PORT:-8443}" --arg admin "${KUBE_PLAY_ADMIN_PORT:-8081}" --argjson images "$images" \
          -f "$here/for-podman.jq" <<<"$rendered" > "$played.json"
    # Each PersistentVolumeClaim a Podman volume, made once: kube play would refuse one that exists (a second `up`).
    jq -r 'select(.kind == "PersistentVolumeClaim") | .metadata.name' "$played.json" > "$played.volumes"
    while read -r volume; do
      podman volume exists "$volume" || podman volume create "$volume" >/dev/null
    done < "$played.volumes"
    jq -c 'select(.kind != "PersistentVolumeClaim")' "$played.json" | sed 's/$/\n---/' > "$played"
    rm "$played.json"
    podman network exists "$network" || podman network create "$network" >/dev/null
    echo "$network" > "$played.network"
    # The service images: the ones in the registry now, not an older copy in Podman's store.
    for image in $(grep -o '"image":"[^"]*"' "$played" | cut -d'"' -f4 | sort -u | grep ':[0-9]*/clientplatform/[a-z-]*:'); do
      podman pull --quiet "$image" >/dev/null
    done
    podman kube play --quiet --network "$network" "$played"
    ;;
  down)
    [ -s "$played" ] || { echo "nothing was played from here ($played)"; exit 0; }
    podman kube down "$played" >/dev/null 2>&1 || true
    while read -r secret; do podman secret rm "$secret" >/dev/null 2>&1 || true; done < "$played.secrets"
    # The volumes Podman made for the pods' emptyDirs, Secrets and ConfigMaps; the claims' (the data) with --volumes.
    made=$(yq -r '.spec.volumes[]? | (select(.emptyDir) | .name), .secret.secretName?, .configMap.name? | select(. != null)' "$played")
    [ "${2:-}" = --volumes ] && made="$made $(cat "$played.volumes")"
    for volume in $made; do podman volume rm --force "$volume" >/dev/null 2>&1 || true; done
    # The network `up` made, whatever KUBE_PLAY_NETWORK says now.
    [ -s "$played.network" ] && network=$(cat "$played.network")
    if podman network exists "$network"; then podman network rm "$network" >/dev/null; fi
    ;;
  *)
    echo "usage: $0 up | down [--volumes]" >&2; exit 2 ;;
esac
