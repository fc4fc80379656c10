#!/usr/bin/env bash
# Builds the five images (four services and the migrator) with the .NET SDK's container support (no Dockerfile, no container engine)
# and pushes them to a registry, then prints each image's size and build time.
#
#   deploy/images/build.sh                      offline: a local registry on 127.0.0.1:5000 (.deploy/registry)
#                                               and a base image assembled here (base-image.sh)
#   CLIENTPLATFORM_REGISTRY=registry.example.com \
#   CLIENTPLATFORM_BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled deploy/images/build.sh
#                                               production: Microsoft's base image, your registry (log in first:
#                                               the SDK reads the Docker credential store)
#
# Settings (environment): CLIENTPLATFORM_REGISTRY (default 127.0.0.1:5000, started here when it is that),
# CLIENTPLATFORM_BASE_IMAGE (default: assembled offline into the local registry), CLIENTPLATFORM_TAG (default:
# the projects' Version), CLIENTPLATFORM_IMAGES (default: all five).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/prerequisites.sh
clientplatform_install_deploy_tools || exit 1

registry=${CLIENTPLATFORM_REGISTRY:-127.0.0.1:5000}
work=.deploy
images=(${CLIENTPLATFORM_IMAGES:-gateway registration-api admin-api audit-worker migrator})
elapsed() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }
declare -A projects=([gateway]=Gateway/Gateway [registration-api]=Registration.Api/Registration.Api [admin-api]=Admin.Api/Admin.Api
  [audit-worker]=Audit.Worker/Audit.Worker [migrator]=Clients.Core/Clients.Migrator/Clients.Migrator)

if [ "$registry" = 127.0.0.1:5000 ]; then
  deploy/images/registry.sh "$registry" "$work/registry"
  # The SDK speaks HTTPS to a registry unless told this one is plain HTTP (it only listens on loopback).
  export DOTNET_CONTAINER_INSECURE_REGISTRIES=$registry
fi
base=${CLIENTPLATFORM_BASE_IMAGE:-}
if [ -z "$base" ]; then
  started=$(date +%s%N)
  base=$(deploy/images/base-image.sh "$registry" "$work/base")
  echo "base image $base assembled in $(elapsed "$started") s"
fi

tag_args=()
[ -n "${CLIENTPLATFORM_TAG:-}" ] && tag_args=(-p:ContainerImageTag="$CLIENTPLATFORM_TAG")
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
tls=(); [ -n "${DOTNET_CONTAINER_INSECURE_REGISTRIES:-}" ] && tls=(--tls-verify=false)
printf '%-17s %14s %7s %8s  %s\n' image "compressed MB" layers seconds reference
for image in "${images[@]}"; do
  project=${projects[$image]:?unknown image $image}
  started=$(date +%s%N)
  log=$(mktemp)
  if ! dotnet publish "$project.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly -t:PublishContainer \
      -p:ContainerBaseImage="$base" -p:ContainerRegistry="$registry" -p:SourceRevisionId="$revision" "${tag_args[@]}" >"$log" 2>&1; then
    echo "error: the $image image did not build:" >&2; grep -v '^\s*at ' "$log" | head -30 >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
  seconds=$(elapsed "$started")
  tag=${CLIENTPLATFORM_TAG:-$(dotnet msbuild "$project.csproj" -getProperty:Version -nologo)}
  reference="$registry/clientplatform/$image:$tag"
  read -r size layers < <(skopeo inspect "${tls[@]}" --raw "docker://$reference" | jq -r '"\([.layers[].size] | add / 1e6 * 10 | round / 10) \(.layers | length)"')
  printf '%-17s %14s %7s %8s  %s\n' "$image" "$size" "$layers" "$seconds" "$reference"
done
