// One sync of a DaemonSet as a pure plan (pkg/controller/daemon: manage, rollingUpdate,
// updateDaemonSetStatus): which nodes need a daemon pod, which pods go (failed ones, extras on a
// node, pods on nodes that should not run them, unscheduled pods for vanished nodes, old pods a
// rolling update may take down within maxUnavailable), and the status kubectl reads. The
// rolling update is kube's maxSurge=0 path: maxSurge > 0 is treated as 0, and failed pods are
// replaced without kube's per-node backoff.
import type { Node, Pod } from '../../api/core-v1.js';
import type { DaemonSet, DaemonSetStatus } from '../../api/apps-batch-v1.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/controller-history.js';
import { isPodAvailable, isPodReady, isPodTerminal } from '../pod-state.js';
import { nodeShouldRunDaemonPod, targetNodeName } from './forge-daemon-pod.js';

export interface DaemonSetPlan {
  createOn: string[];
  deletePods: Pod[];
  status: DaemonSetStatus;
}

const byAge = (a: Pod, b: Pod) => {
  const sa = a.spec.nodeName ? 0 : 1;
  const sb = b.spec.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta === tb ? (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '') : ta.localeCompare(tb);
};

/** getNodesToDaemonPods(includeDeletedTerminal=false): pods by target node, oldest first. */
export function podsByNode(pods: readonly Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp && isPodTerminal(pod)) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = out.get(node) ?? [];
    list.push(pod);
    out.set(node, list);
  }
  for (const list of out.values()) list.sort(byAge);
  return out;
}

export const isUpdated = (pod: Pod, hash: string) => pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;

/** intstr.GetScaledValueFromIntOrPercent, rounding up. */
export function scaledValue(v: number | string | undefined, total: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  return /^\d+$/.test(v) ? Number(v) : fallback;
}

function manage(ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>): { createOn: string[]; deletePods: Pod[] } {
  const createOn: string[] = [];
  const deletePods: Pod[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(ds, node);
    const pods = byNode.get(name) ?? [];
    if (shouldRun && pods.length === 0) {
      createOn.push(name);
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue;
        if (isPodTerminal(pod)) deletePods.push(pod);
        else running.push(pod);
      }
      deletePods.push(...running.slice(1));
    } else {
      deletePods.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
    }
  }
  // Pods pinned to nodes that no longer exist and never scheduled go too.
  const names = new Set(nodes.map((n) => n.metadata.name));
  for (const [node, pods] of byNode) {
    if (!names.has(node)) deletePods.push(...pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp));
  }
  return { createOn, deletePods };
}

function rollingUpdate(ds: DaemonSet, byNode: Map<string, Pod[]>, hash: string, desired: number, now: Date): Pod[] {
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, 1);
  if (maxUnavailable === 0) maxUnavailable = 1;
  const minReady = ds.spec.minReadySeconds ?? 0;
  let unavailable = 0;
  const replace: Pod[] = [];
  const candidates: Pod[] = [];
  for (const pods of byNode.values()) {
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const fresh = live.filter((p) => isUpdated(p, hash));
    const old = live.filter((p) => !isUpdated(p, hash));
    if (fresh.length > 1 || old.length > 1 || fresh.length === old.length) {
      unavailable++;
    } else if (fresh.length === 1) {
      if (!isPodAvailable(fresh[0]!, minReady, now)) unavailable++;
    } else if (!isPodAvailable(old[0]!, minReady, now)) {
      replace.push(old[0]!);
    } else if (unavailable < maxUnavailable) {
      candidates.push(old[0]!);
    }
  }
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return [...replace, ...candidates.slice(0, room)];
}

export function computeStatus(ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string, now: Date): DaemonSetStatus {
  let desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
  for (const node of nodes) {
    const pods = byNode.get(node.metadata.name ?? '') ?? [];
    if (!nodeShouldRunDaemonPod(ds, node).shouldRun) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    const pod = pods[0];
    if (!pod) continue;
    current++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, now)) available++;
    }
    if (isUpdated(pod, hash)) updated++;
  }
  return {
    currentNumberScheduled: current, numberMisscheduled: misscheduled, desiredNumberScheduled: desired, numberReady: ready,
    observedGeneration: ds.metadata.generation,
    // omitempty fields, as kube-apiserver serializes them.
    ...(updated ? { updatedNumberScheduled: updated } : {}),
    ...(available ? { numberAvailable: available } : {}),
    ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
    ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
  };
}

export function planDaemonSet(ds: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], hash: string, now: Date): DaemonSetPlan {
  const byNode = podsByNode(pods);
  const { createOn, deletePods } = manage(ds, nodes, byNode);
  const status = computeStatus(ds, nodes, byNode, hash, now);
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    for (const pod of rollingUpdate(ds, byNode, hash, status.desiredNumberScheduled, now)) {
      if (!deletePods.includes(pod)) deletePods.push(pod);
    }
  }
  return { createOn, deletePods, status };
}
