#!/usr/bin/env bash
# The tutorial's setup script on lkind clusters (no Docker): three clusters venice, florence and
# naples from manifests/cluster.yaml, Liqo installed on each with its region label, kubeconfigs
# liqo_kubeconf_<name> in the current directory. Running it again replaces the old playground.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LKIND=(node "$ROOT/bin/lkind.mjs")
LIQOCTL=(node "$ROOT/bin/liqoctl.mjs")
OUT="${PLAYGROUND_DIR:-$PWD}"
declare -A LABELS=([venice]=topology.liqo.io/region=north [florence]=topology.liqo.io/region=center [naples]=topology.liqo.io/region=south)

fail() { printf 'ERROR\t%s\n' "$1" >&2; [ -n "${2:-}" ] && printf '%s\n' "$2" >&2; exit 1; }

for name in venice florence naples; do
  kubeconfig="$OUT/liqo_kubeconf_$name"
  "${LKIND[@]}" delete cluster --name "$name" --kubeconfig "$kubeconfig" >/dev/null 2>&1 || true
  rm -f "$kubeconfig"
  printf 'INFO\tCreating cluster "%s"...\n' "$name"
  out=$("${LKIND[@]}" create cluster --name "$name" --kubeconfig "$kubeconfig" --config "$HERE/manifests/cluster.yaml" --wait 5m 2>&1) ||
    fail "Failed to create cluster \"$name\"" "$out"
  printf 'SUCCESS\tCluster "%s" has been created.\n' "$name"
done
for name in venice florence naples; do
  printf 'INFO\tInstalling liqo on cluster "%s"...\n' "$name"
  out=$("${LIQOCTL[@]}" install kind --cluster-name "$name" --cluster-labels="${LABELS[$name]}" --kubeconfig "$OUT/liqo_kubeconf_$name" 2>&1) ||
    fail "Failed to install liqo on cluster \"$name\"" "$out"
  printf 'SUCCESS\tLiqo has been installed on cluster "%s".\n' "$name"
done
if [ "$OUT" != "$HERE" ] && [ ! -e "$OUT/manifests/deploy.yaml" ]; then
  mkdir -p "$OUT/manifests" && cp "$HERE/manifests/deploy.yaml" "$OUT/manifests/deploy.yaml"
fi
cat <<MSG

The playground is ready: three clusters with Liqo installed. Continue the tutorial with:
  export KUBECONFIG="$OUT/liqo_kubeconf_venice"
  export KUBECONFIG_FLORENCE="$OUT/liqo_kubeconf_florence"
  export KUBECONFIG_NAPLES="$OUT/liqo_kubeconf_naples"
  alias liqoctl="node $ROOT/bin/liqoctl.mjs"
  liqoctl status

Tear it all down with:
  for c in venice florence naples; do node $ROOT/bin/lkind.mjs delete cluster --name \$c --kubeconfig "$OUT/liqo_kubeconf_\$c"; done
MSG
