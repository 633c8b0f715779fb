// Pod predicates shared by the cluster controllers (k8s.io/kubernetes pkg/api/v1/pod's podutil and
// pkg/controller's IsPodActive): terminal and active pods, readiness, availability after
// minReadySeconds, when a pod became ready. Pure functions of the pod; times come from the caller.
// Which pods back a Service is the endpoints controllers' own (endpoints/service-pods.ts).
import type { Condition, Pod } from '../api/core-v1.js';

/** Succeeded or Failed: the pod will not run again. */
export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Not finished (Succeeded/Failed) and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** The first Ready condition (podutil.GetPodReadyCondition). */
export function podReadyCondition(pod: Pod): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
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
