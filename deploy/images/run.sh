#!/usr/bin/env bash
# Runs one service image here without a container engine: the image is copied from the registry into an
# OCI layout (skopeo), unpacked into a runtime bundle (umoci), and run by runc, the OCI runtime under
# Docker, containerd and CRI-O, as a Kubernetes pod of deploy/k8s would run it: as the image's user (1654),
# a read-only root filesystem with a tmpfs at /tmp, no capabilities, no new privileges. The one difference:
# it shares this machine's network (docker's --network host), where the servers it talks to listen.
#
# Usage: deploy/images/run.sh <image reference> <container name> [-e NAME=VALUE]... [-- argument...]
#   deploy/images/run.sh 127.0.0.1:5000/clientplatform/admin-api:0.1.0 migrate-1 \
#       -e ConnectionStrings__clientsdb="Host=127.0.0.1;…" -- migrate
# Stop it with `runc kill <name> TERM` (a graceful stop, as Kubernetes sends) or Ctrl+C.
set -euo pipefail
reference=${1:?image reference}
name=${2:?container name}
shift 2
env_json='[]' args_json='[]'
while [ $# -gt 0 ]; do
  case "$1" in
    -e) env_json=$(jq -c --arg v "$2" '. + [$v]' <<<"$env_json"); shift 2 ;;
    --) shift; args_json=$(jq -c -n '$ARGS.positional' --args "$@"); break ;;
    *) echo "error: unexpected argument '$1' (use -e NAME=VALUE, and -- before the image's arguments)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)/.deploy
layout="$root/layout" bundle="$root/bundles/$name"
tls=(); [[ "$reference" == 127.0.0.1:* || "$reference" == localhost:* ]] && tls=(--src-tls-verify=false)
mkdir -p "$root/bundles"
rm -rf "$bundle"
# The layout is only a way station (its index is rewritten by each copy, so copies take turns); the bundle is what runs.
(
  flock 9
  skopeo copy -q "${tls[@]}" "docker://$reference" "oci:$layout:$name"
  umoci unpack --image "$layout:$name" "$bundle" >/dev/null
  umoci rm --image "$layout:$name" && umoci gc --layout "$layout"
) 9>"$root/layout.lock"

jq --argjson env "$env_json" --argjson args "$args_json" '
  .linux.namespaces |= map(select(.type != "network"))
  | .root.readonly = true
  | .mounts += [
      {destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["nosuid", "nodev", "noexec", "mode=1777", "size=64m"]},
      # A container engine (and the kubelet) gives every container these two files; the image has neither.
      {destination: "/etc/hosts", type: "bind", source: "/etc/hosts", options: ["rbind", "ro"]},
      {destination: "/etc/resolv.conf", type: "bind", source: "/etc/resolv.conf", options: ["rbind", "ro"]}
    ]
  | .process.terminal = false
  | .process.noNewPrivileges = true
  | .process.capabilities = {bounding: [], effective: [], inheritable: [], permitted: [], ambient: []}
  | .process.env += $env
  | .process.args += $args
' "$bundle/config.json" > "$bundle/config.json.new"
mv "$bundle/config.json.new" "$bundle/config.json"
# Stopped or exited, the container leaves nothing behind: runc removes its state, this its unpacked bundle.
status=0
runc run --bundle "$bundle" "$name" || status=$?
rm -rf "$bundle"
exit $status
