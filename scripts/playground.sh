#!/usr/bin/env bash
# The tutorial's playground (shared/seed/offloading-with-policies.md): three local clusters,
# venice, florence and naples, each a single control-plane node on pod subnet 10.200.0.0/16, with
# their kubeconfigs written to ./liqo_kubeconf_<name> as the tutorial expects. Installing Liqo on
# them (`liqoctl install kind ...`) arrives with the Liqo issues; until then this stops after the
# clusters are up and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
OUT="${PLAYGROUND_DIR:-$PWD}"
CONFIG="$(mktemp)"
trap 'rm -f "$CONFIG"' EXIT
cat >"$CONFIG" <<'YAML'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  podSubnet: 10.200.0.0/16
  serviceSubnet: 10.80.0.0/12
nodes:
  - role: control-plane
YAML
for name in venice florence naples; do
  kubeconfig="$OUT/liqo_kubeconf_$name"
  node bin/lkind.mjs delete cluster --name "$name" --kubeconfig "$kubeconfig" >/dev/null 2>&1 || true
  node bin/lkind.mjs create cluster --name "$name" --kubeconfig "$kubeconfig" --config "$CONFIG"
done
cat <<MSG

The three clusters are running. Use them with:
  export KUBECONFIG="$OUT/liqo_kubeconf_venice"
  export KUBECONFIG_FLORENCE="$OUT/liqo_kubeconf_florence"
  export KUBECONFIG_NAPLES="$OUT/liqo_kubeconf_naples"
  kubectl get nodes

Not yet available: installing Liqo (liqoctl install) and peering; they come with the Liqo issues.
Tear down with: node bin/lkind.mjs delete cluster --name venice (and florence, naples)
MSG
