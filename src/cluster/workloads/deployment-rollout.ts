// The strategies of a Deployment sync (rolling.go, recreate.go, sync.go): RollingUpdate grows the
// new ReplicaSet within maxSurge, then shrinks old ones within maxUnavailable, one step per sync
// (a step that scaled anything ends the sync; the ReplicaSet events bring the next); Recreate
// scales every old ReplicaSet to zero, waits until none of their pods runs, then brings the new
// one up; a scaling event or a paused Deployment only resizes (proportionally mid-rollout).
// Every path ends by writing the status, and returns when to check the progress deadline.
import type { Deployment, Pod, ReplicaSet } from '../../api/core-v1.js';
import { isPodTerminal } from '../pod-state.js';
import { DESIRED_REPLICAS_ANNOTATION } from './constants.js';
import type { DeploymentWrites } from './deployment-writes.js';
import { calculateStatus, computeRolloutStatus, deploymentComplete, deploymentStatusEqual, progressCheckAfterMs } from './deployment-status.js';
import { activeOf, findActiveOrLatest, findNewReplicaSet, findOldReplicaSets, isSaturated, replicasOf } from './replicaset-lists.js';
import { desiredReplicas, isRollingUpdate, newRSNewReplicas, planOldScaleDown, planProportionalScale } from './rollout-math.js';

export interface ReplicaSetsOf {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

export class DeploymentRollout {
  constructor(private readonly w: DeploymentWrites, private readonly now: () => Date) {}

  /** getAllReplicaSetsAndSyncRevision. */
  async replicaSets(d: Deployment, rsList: ReplicaSet[], create: boolean): Promise<ReplicaSetsOf> {
    const newRS = findNewReplicaSet(d, rsList);
    const oldRSs = findOldReplicaSets(rsList, newRS);
    return { newRS: await this.w.ensureNewReplicaSet(d, rsList, oldRSs, create), oldRSs };
  }

  /** isScalingEvent: an active ReplicaSet was told another size than the Deployment wants. */
  async isScalingEvent(d: Deployment, rsList: ReplicaSet[]): Promise<boolean> {
    const { newRS, oldRSs } = await this.replicaSets(d, rsList, false);
    return activeOf([...oldRSs, newRS]).some((rs) => {
      const v = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      return v !== undefined && /^-?\d+$/.test(v) && Number(v) !== desiredReplicas(d);
    });
  }

  /** sync: scaling events and paused Deployments. */
  async sync(d: Deployment, rsList: ReplicaSet[]): Promise<number | undefined> {
    const { newRS, oldRSs } = await this.replicaSets(d, rsList, false);
    await this.scale(d, newRS, oldRSs);
    if (d.spec.paused) await this.w.cleanup(oldRSs, d);
    await this.syncStatus([...oldRSs, newRS], newRS, d);
    return undefined;
  }

  /** syncStatusOnly, for a Deployment being deleted. */
  async statusOnly(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.replicaSets(d, rsList, false);
    await this.syncStatus([...oldRSs, newRS], newRS, d);
  }

  private async scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
    const only = findActiveOrLatest(newRS, oldRSs);
    if (only) {
      if (replicasOf(only) !== desiredReplicas(d)) await this.w.scaleTo(only, desiredReplicas(d), d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeOf(oldRSs)) await this.w.scaleTo(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const steps = planProportionalScale(d, activeOf([...oldRSs, newRS]));
    const before = steps.reduce((n, s) => n + replicasOf(s.rs), 0);
    const after = steps.reduce((n, s) => n + s.to, 0);
    const op = after > before ? 'up' : after < before ? 'down' : '';
    for (const s of steps) await this.w.scale(s.rs, s.to, d, op);
  }

  async rolling(d: Deployment, rsList: ReplicaSet[]): Promise<number | undefined> {
    const { newRS, oldRSs } = await this.replicaSets(d, rsList, true);
    if (!newRS) throw new Error(`deployment ${d.metadata.namespace}/${d.metadata.name}: no new replica set`);
    let current = newRS;
    const all = () => [...oldRSs, current];
    if (replicasOf(current) !== desiredReplicas(d)) {
      const to = replicasOf(current) > desiredReplicas(d) ? desiredReplicas(d) : newRSNewReplicas(d, all(), current);
      const r = await this.w.scaleTo(current, to, d);
      current = r.rs;
      if (r.scaled) return this.syncRolloutStatus(all(), current, d);
    }
    if (await this.scaleDownOld(d, all(), oldRSs, current)) return this.syncRolloutStatus(all(), current, d);
    if (deploymentComplete(d, d.status ?? {})) await this.w.cleanup(oldRSs, d);
    return this.syncRolloutStatus(all(), current, d);
  }

  /** reconcileOldReplicaSets; replaces the entries of oldRSs it scaled. */
  private async scaleDownOld(d: Deployment, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
    let scaled = false;
    const latest = new Map<string, ReplicaSet>();
    for (const step of planOldScaleDown(d, allRSs, activeOf(oldRSs), newRS)) {
      const uid = step.rs.metadata.uid ?? '';
      const r = await this.w.scaleTo(latest.get(uid) ?? step.rs, step.to, d);
      latest.set(uid, r.rs);
      scaled ||= r.scaled;
    }
    oldRSs.forEach((rs, i) => { oldRSs[i] = latest.get(rs.metadata.uid ?? '') ?? rs; });
    return scaled;
  }

  async recreate(d: Deployment, rsList: ReplicaSet[], podsByRS: Map<string, Pod[]>): Promise<number | undefined> {
    let { newRS, oldRSs } = await this.replicaSets(d, rsList, false);
    let scaledDown = false;
    for (const old of activeOf(oldRSs)) scaledDown = (await this.w.scaleTo(old, 0, d)).scaled || scaledDown;
    if (scaledDown || oldPodsRunning(newRS, oldRSs, podsByRS)) return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
    if (!newRS) ({ newRS, oldRSs } = await this.replicaSets(d, rsList, true));
    if (newRS) newRS = (await this.w.scaleTo(newRS, desiredReplicas(d), d)).rs;
    if (deploymentComplete(d, d.status ?? {})) await this.w.cleanup(oldRSs, d);
    return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
  }

  /** syncDeploymentStatus: counts and Available, no progress estimate. */
  private async syncStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
    const status = calculateStatus(allRSs, newRS, d, this.now());
    if (!deploymentStatusEqual(d.status, status)) await this.w.updateStatus(d, status);
  }

  /** syncRolloutStatus: writes the status if it changed, else returns when to check progress. */
  private async syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<number | undefined> {
    const status = computeRolloutStatus(d, allRSs, newRS, this.now());
    if (deploymentStatusEqual(d.status, status)) {
      return progressCheckAfterMs(d, status, this.now());
    }
    await this.w.updateStatus(d, status);
    return undefined;
  }
}

/** oldPodsRunning: an old ReplicaSet still reports pods, or one of its pods is not finished. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podsByRS: Map<string, Pod[]>): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && newRS.metadata.uid === uid) continue;
    if (pods.some((p) => !isPodTerminal(p))) return true;
  }
  return false;
}
