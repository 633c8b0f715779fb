// A Deployment's status and conditions as sync.go's calculateStatus and progress.go's
// syncRolloutStatus compute them, pure: counts summed over its ReplicaSets; Available while at
// least replicas - maxUnavailable pods are available; Progressing moved to NewReplicaSetAvailable
// once the rollout completes, refreshed (ReplicaSetUpdated) while anything moves, and turned into
// ProgressDeadlineExceeded when nothing moved for progressDeadlineSeconds; a ReplicaSet's
// ReplicaFailure promoted to the Deployment. The messages are kube's, byte for byte.
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../../api/core-v1.js';
import { deepEqual } from '../../machinery/deep.js';
import { getCondition, newCondition, removeCondition, setCondition } from './conditions.js';
import { MAX_INT32, REASON } from './constants.js';
import { replicasOf } from './replicaset-lists.js';
import { desiredReplicas, maxUnavailable } from './rollout-math.js';

export const PROGRESSING = 'Progressing';
export const AVAILABLE = 'Available';
export const REPLICA_FAILURE = 'ReplicaFailure';

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MAX_INT32;
}

const total = (rss: (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number | undefined) =>
  rss.reduce((n, rs) => n + (rs ? f(rs) ?? 0 : 0), 0);

/** calculateStatus: counts and the Available condition. */
export function calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: Date): DeploymentStatus {
  const available = total(allRSs, (rs) => rs.status?.availableReplicas);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: total(allRSs, (rs) => rs.status?.replicas),
    updatedReplicas: total([newRS], (rs) => rs.status?.replicas),
    readyReplicas: total(allRSs, (rs) => rs.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total(allRSs, replicasOf) - available),
    collisionCount: d.status?.collisionCount,
    conditions: [...(d.status?.conditions ?? [])],
  };
  const cond = available >= desiredReplicas(d) - maxUnavailable(d)
    ? newCondition(AVAILABLE, 'True', REASON.minimumReplicasAvailable, 'Deployment has minimum availability.', now)
    : newCondition(AVAILABLE, 'False', REASON.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now);
  status.conditions = setCondition(status.conditions, cond);
  return status;
}

/** DeploymentComplete: every desired replica updated and available, no old pods left. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === desired && (s.replicas ?? 0) === desired && (s.availableReplicas ?? 0) === desired
    && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
    || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** DeploymentTimedOut: no progress reported for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(s.conditions, PROGRESSING);
  if (!cond || cond.reason === REASON.newRSAvailable) return false;
  if (cond.reason === REASON.timedOut) return true;
  const from = Date.parse(cond.lastUpdateTime ?? '') || 0;
  return from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < now.getTime();
}

function replicaFailure(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Condition | undefined {
  const failureOf = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === REPLICA_FAILURE);
  const c = failureOf(newRS) ?? allRSs.map(failureOf).find((x) => x !== undefined);
  return c && { type: REPLICA_FAILURE, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}

/** syncRolloutStatus's new status (the caller writes it when it differs). */
export function computeRolloutStatus(d: Deployment, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, now: Date): DeploymentStatus {
  const s = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) s.conditions = removeCondition(s.conditions, PROGRESSING);
  const current = getCondition(d.status?.conditions, PROGRESSING);
  const complete = s.replicas === s.updatedReplicas && current?.reason === REASON.newRSAvailable;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, s)) {
      s.conditions = setCondition(s.conditions, newCondition(PROGRESSING, 'True', REASON.newRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, s)) {
      let cond = newCondition(PROGRESSING, 'True', REASON.replicaSetUpdated, `${subject} is progressing.`, now);
      if (current?.status === 'True') cond = { ...cond, lastTransitionTime: current.lastTransitionTime };
      s.conditions = setCondition(removeCondition(s.conditions, PROGRESSING), cond);
    } else if (deploymentTimedOut(d, s, now)) {
      s.conditions = setCondition(s.conditions, newCondition(PROGRESSING, 'False', REASON.timedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  s.conditions = failure ? setCondition(s.conditions, failure) : removeCondition(s.conditions, REPLICA_FAILURE);
  return s;
}

/** checkPausedConditions: the conditions to write when pausing or resuming, else undefined. */
export function pausedConditions(d: Deployment, now: Date): Condition[] | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const cond = getCondition(d.status?.conditions, PROGRESSING);
  if (cond?.reason === REASON.timedOut) return undefined;
  const pausedExists = cond?.reason === REASON.paused;
  if (d.spec.paused && !pausedExists) return setCondition(d.status?.conditions, newCondition(PROGRESSING, 'Unknown', REASON.paused, 'Deployment is paused', now));
  if (!d.spec.paused && pausedExists) return setCondition(d.status?.conditions, newCondition(PROGRESSING, 'Unknown', REASON.resumed, 'Deployment is resumed', now));
  return undefined;
}

/** requeueStuckDeployment: when to look again for a progress deadline, if at all. */
export function progressCheckAfterMs(d: Deployment, s: DeploymentStatus, now: Date): number | undefined {
  const cond = getCondition(d.status?.conditions, PROGRESSING);
  if (!hasProgressDeadline(d) || !cond) return undefined;
  if (deploymentComplete(d, s) || cond.reason === REASON.timedOut) return undefined;
  const after = (Date.parse(cond.lastUpdateTime ?? '') || 0) + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - now.getTime();
  return after < 1000 ? 1000 : after + 1000;
}

/** Status as the API returns it: zero counts, empty lists and unset fields are all absent. */
function wire(s: DeploymentStatus | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s ?? {})) {
    if (v === undefined || v === null || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

export function deploymentStatusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return deepEqual(wire(a), wire(b));
}
