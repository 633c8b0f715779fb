// Predicates on a pod's lifecycle as the workload controllers read them (k8s.io/kubernetes/pkg/api/v1/pod
// and pkg/controller's IsPodActive): active, ready, available after minReadySeconds, and when it
// became ready. Pure; times come from the caller.
import type { Condition, Pod } from '../../api/core-v1.js';

/** Not finished (Succeeded/Failed) and not being deleted: counts towards a ReplicaSet's replicas. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function podReadyCondition(pod: Pod): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** When the pod last became ready, in ms since the epoch; 0 when it is not ready or unknown. */
export function podReadySince(pod: Pod): number {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True' || !c.lastTransitionTime) return 0;
  return Date.parse(c.lastTransitionTime) || 0;
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable: strictly before now). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = podReadySince(pod);
  return since !== 0 && since + minReadySeconds * 1000 < now.getTime();
}

export function maxContainerRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
