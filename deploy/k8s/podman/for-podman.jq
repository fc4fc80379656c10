# The rendered dev overlay (one JSON object per input, from `yq -c .`) as Podman 4.3's `kube play` can run it, one JSON
# object per output. kube-play.sh says why each rule is needed; in short:
#  - Deployments, StatefulSets and the Job become one Pod each, named as the workload, so that its Service's name is
#    its name on the network (Podman has no Services; it names a Deployment's pods "<name>-pod-0").
#  - A StatefulSet's volumeClaimTemplates become PersistentVolumeClaims (Podman volumes).
#  - No containerPort is declared (Podman would publish each on the host) but the gateway's HTTPS and admin ports,
#    published ($https, and $admin on loopback), and the public base URL says so.
#  - A secret volume says it is not optional (Podman 4.3 crashes otherwise).
#  - Each emptyDir is named after its pod (Podman 4.3 would share one volume per name between all pods).
#  - No probes (Podman's health checks need systemd); a pod with init containers restarts on failure only (Podman
#    4.3 would restart a finished init container for ever).
#  - Secrets are left out: kube-play.sh makes each a Podman secret itself (Podman 4.3 stores a played Secret as YAML
#    and cannot read it back).
#  - Server images are replaced where $images names a local build (no public registry answers here).
#  - Namespaces, ServiceAccounts, Services, NetworkPolicies, HorizontalPodAutoscalers and PodDisruptionBudgets are left
#    out: Podman has no such objects (the static tests in tests/Deployment.Tests check them).
# Arguments: --arg https PORT --arg admin PORT --argjson images {"postgres:15": "localhost/…", …}

def with_images: .containers |= map(.image = ($images[.image] // .image))
  | if .initContainers then .initContainers |= map(.image = ($images[.image] // .image)) else . end;

# Podman 4.3 crashes on a secret volume that does not say whether it is optional.
def with_secret_volumes: if .volumes then .volumes |= map(if .secret then .secret.optional = false else . end) else . end;

# Podman 4.3 publishes every containerPort on the host: none is declared, but the gateway's HTTPS and admin ports.
def without_ports: .containers |= map(del(.ports)) | if .initContainers then .initContainers |= map(del(.ports)) else . end;

# Podman 4.3 makes each emptyDir a named volume called as the pod's volume: every pod's "tmp" would be one volume. Each is
# named after its pod instead, so that it starts from the image's folder (its owner) and belongs to that pod alone.
def own_empty_dirs($pod):
  ([.volumes[]? | select(.emptyDir) | .name]) as $empty
  | def renamed: (.name) as $n | if any($empty[]; . == $n) then .name = "\($pod)-\($n)" else . end;
    (if .volumes then .volumes |= map(renamed) else . end)
  | .containers |= map(if .volumeMounts then .volumeMounts |= map(renamed) else . end)
  | if .initContainers then .initContainers |= map(if .volumeMounts then .volumeMounts |= map(renamed) else . end) else . end;

# Podman turns probes into health checks run by systemd timers: none runs where systemd does not (and each is an error).
def without_probes: .containers |= map(del(.livenessProbe, .readinessProbe, .startupProbe));

def as_pod($restart): (.metadata.name) as $name | {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {name: $name, labels: (.spec.template.metadata.labels // {})},
  spec: (.spec.template.spec
    | if $name == "gateway" then
        .containers |= map(.ports |= [.[]? | if .name == "https" then {containerPort, hostPort: ($https | tonumber)}
          elif .name == "admin" then {containerPort, hostPort: ($admin | tonumber), hostIP: "127.0.0.1"} else empty end])
      else without_ports end
    | with_images | with_secret_volumes | own_empty_dirs($name) | without_probes
    # Podman 4.3 restarts init containers by the pod's policy: "Always" would run one for ever.
    | if $restart != null then .restartPolicy = $restart elif .initContainers then .restartPolicy = "OnFailure" else . end)
};

if .kind == "Deployment" then as_pod(null)
elif .kind == "Job" then as_pod("OnFailure")
elif .kind == "StatefulSet" then
  (.metadata.name) as $set
  | (.spec.volumeClaimTemplates // []) as $claims
  | ($claims[] | {apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: {name: "\(.metadata.name)-\($set)"}, spec: .spec}),
    (as_pod(null) | .spec.volumes = ((.spec.volumes // []) + [$claims[] | {name: .metadata.name, persistentVolumeClaim: {claimName: "\(.metadata.name)-\($set)"}}]))
elif .kind == "ConfigMap" and (.metadata.name | startswith("clientplatform-public")) then
  .data["public-base-url"] = "https://localhost:\($https)"
elif .kind == "ConfigMap" then .
else empty
end
