// Which pods a ReplicaSet deletes first when it has too many, in the order of kube-controller-manager
// 1.32's controller.ActivePodsWithRanks (with PodDeletionCost and LogarithmicScaleDown on, their
// defaults): unscheduled before scheduled; Pending before Unknown before Running; not ready before
// ready; lower pod-deletion-cost first; more pods of the same owner on the node first; ready for
// less time first; more restarts first; newer first. Times compare on a log2 scale, ties broken by
// UID, so equivalent pods are picked pseudo-randomly rather than strictly by age. Pure.
import type { Pod } from '../../api/core-v1.js';
import { isPodActive, isPodReady, maxContainerRestarts, podReadySince } from '../pod-state.js';
import { POD_DELETION_COST_ANNOTATION } from './constants.js';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

interface Ranked { pod: Pod; rank: number }

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return 0;
  const n = Number(v);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

function createdAt(pod: Pod): number {
  return pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) || 0 : 0;
}

/** floor(log2(age in ns)), or -1 for a time not in the past (logarithmicRankDiff). */
function logRank(t: number, now: number): number {
  const ns = (now - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/**
 * Negative when a should go first; compares zero times as kube does (a zero time sorts first)
 * and otherwise the more recent first, on the log scale when `now` is given.
 */
function compareTimes(a: Pod, b: Pod, ta: number, tb: number, now: number): number {
  if (ta === 0 || tb === 0 || now === 0) return ta === 0 ? -1 : tb === 0 ? 1 : tb - ta;
  const diff = logRank(ta, now) - logRank(tb, now);
  if (diff !== 0) return diff;
  const ua = a.metadata.uid ?? '';
  const ub = b.metadata.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** Negative when a is preferred for deletion over b (ActivePodsWithRanks.Less). */
export function compareForDeletion(a: Ranked, b: Ranked, now: number): number {
  const na = a.pod.spec.nodeName ?? '';
  const nb = b.pod.spec.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[a.pod.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.pod.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a.pod);
  const rb = isPodReady(b.pod);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a.pod);
  const cb = deletionCost(b.pod);
  if (ca !== cb) return ca - cb;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (ra && rb) {
    const ta = podReadySince(a.pod);
    const tb = podReadySince(b.pod);
    if (ta !== tb) {
      const c = compareTimes(a.pod, b.pod, ta, tb, now);
      if (c !== 0) return c;
    }
  }
  const xa = maxContainerRestarts(a.pod);
  const xb = maxContainerRestarts(b.pod);
  if (xa !== xb) return xb - xa;
  const ta = createdAt(a.pod);
  const tb = createdAt(b.pod);
  if (ta !== tb) return compareTimes(a.pod, b.pod, ta, tb, now);
  return 0;
}

/**
 * The `count` pods to delete (getPodsToDelete): ranked by how many active related pods (pods of
 * every ReplicaSet with the same owner) share their node, then sorted by compareForDeletion.
 */
export function podsToDelete(pods: Pod[], related: Pod[], count: number, now: Date): Pod[] {
  if (count >= pods.length) return pods.slice();
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (isPodActive(p)) onNode.set(p.spec.nodeName ?? '', (onNode.get(p.spec.nodeName ?? '') ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => compareForDeletion(a, b, now.getTime()));
  return ranked.slice(0, count).map((r) => r.pod);
}
