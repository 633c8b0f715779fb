#!/usr/bin/env bash
# The README's main command: the tutorial's playground (shared/seed/offloading-with-policies.md),
# three lkind clusters with Liqo installed, kubeconfigs in the directory npm was run from.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
export PLAYGROUND_DIR="${PLAYGROUND_DIR:-${INIT_CWD:-$PWD}}"
exec examples/offloading-with-policies/setup.sh
