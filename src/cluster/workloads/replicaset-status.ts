// The status a ReplicaSet reports about its pods (pkg/controller/replicaset/replica_set_utils.go's
// calculateStatus): replicas (active pods it owns), fullyLabeledReplicas (those carrying every label
// of the template), readyReplicas, availableReplicas (ready for minReadySeconds), and a
// ReplicaFailure condition while creating or deleting pods fails. Pure.
import type { Condition, Pod, ReplicaSet, ReplicaSetStatus } from '../../api/core-v1.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPodAvailable, isPodReady, podReadySince } from '../pod-state.js';
import { rfc3339 } from './conditions.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

function hasAllLabels(pod: Pod, labels: Record<string, string>): boolean {
  const have = pod.metadata.labels ?? {};
  return Object.entries(labels).every(([k, v]) => have[k] === v);
}

export function computeReplicaSetStatus(rs: ReplicaSet, pods: Pod[], manageError: unknown, now: Date): ReplicaSetStatus {
  const templateLabels = rs.spec.template.metadata?.labels ?? {};
  const minReady = rs.spec.minReadySeconds ?? 0;
  let conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== REPLICA_FAILURE);
  const failure = rs.status?.conditions?.find((c) => c.type === REPLICA_FAILURE);
  if (manageError !== undefined && manageError !== null) {
    const diff = pods.length - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const message = manageError instanceof Error ? manageError.message : String(manageError);
    const cond: Condition = failure ?? { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: rfc3339(now), reason, message };
    conditions = [...conditions, cond];
  }
  const status: ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.filter((p) => hasAllLabels(p, templateLabels)).length,
    readyReplicas: pods.filter(isPodReady).length,
    availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now)).length,
    observedGeneration: rs.metadata.generation,
  };
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/** Whether the status differs from what the ReplicaSet reports (updateReplicaSetStatus's check). */
export function replicaSetStatusChanged(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur = rs.status ?? { replicas: 0 };
  return (cur.replicas ?? 0) !== next.replicas
    || (cur.fullyLabeledReplicas ?? 0) !== next.fullyLabeledReplicas
    || (cur.readyReplicas ?? 0) !== next.readyReplicas
    || (cur.availableReplicas ?? 0) !== next.availableReplicas
    || (cur.observedGeneration ?? 0) !== (rs.metadata.generation ?? 0)
    || !deepEqual(cur.conditions ?? [], next.conditions ?? []);
}

/**
 * When to look again so availableReplicas catches up with pods that are ready but not yet for
 * minReadySeconds: the soonest moment one of them becomes available, plus a second of slack.
 */
export function availabilityRecheckMs(rs: ReplicaSet, pods: Pod[], now: Date): number | undefined {
  const minReady = rs.spec.minReadySeconds ?? 0;
  if (minReady <= 0) return undefined;
  let soonest: number | undefined;
  for (const p of pods) {
    if (!isPodReady(p) || isPodAvailable(p, minReady, now)) continue;
    const since = podReadySince(p) || now.getTime();
    const at = since + minReady * 1000 - now.getTime() + 1000;
    soonest = soonest === undefined ? at : Math.min(soonest, at);
  }
  return soonest === undefined ? undefined : Math.max(soonest, 1000);
}
