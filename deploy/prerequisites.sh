# Sourced by deploy/ scripts and test.sh: installs the Debian packages that build, run and check the
# deployment offline when they are missing: the registry (docker-registry), image tools (skopeo, umoci), an
# OCI runtime (runc), a container engine (podman, run with deploy/podman/containers.conf, with netavark and aardvark-dns
# for its networks, which netavark builds with iptables, and catatonit, the init of kube play's pods), mmdebstrap (the Debian roots of the server images), jq and yq, docker-compose (run against Podman) and
# kubectl with kustomize.
source "$(dirname "${BASH_SOURCE[0]}")/../AppHost/prerequisites.sh"
clientplatform_install_deploy_tools() {
  local missing=() tool
  declare -A package=([docker-registry]=docker-registry [skopeo]=skopeo [umoci]=umoci [runc]=runc [podman]=podman [jq]=jq [yq]=yq [docker-compose]=docker-compose [mmdebstrap]=mmdebstrap [iptables]=iptables [catatonit]=catatonit)
  for tool in "${!package[@]}"; do command -v "$tool" >/dev/null || missing+=("${package[$tool]}"); done
  # Podman's network stack with name resolution between containers (compose's service names); not on PATH.
  for tool in netavark aardvark-dns; do [ -x "/usr/lib/podman/$tool" ] || missing+=("$tool"); done
  if ! command -v kubectl >/dev/null; then
    # Google's kubectl package where its apt source is configured, else Debian's (older, with kustomize built in).
    if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then missing+=(kubectl); else missing+=(kubernetes-client); fi
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  clientplatform_apt_install "${missing[@]}"
}
