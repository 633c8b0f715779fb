// The writes of the Deployment controller, each one idempotent and mirroring sync.go: the
// Deployment's status (PUT on /status with the resourceVersion read, so a decision taken on a
// stale cache fails with a conflict and is retried, as in kube), its revision annotation, scaling
// a ReplicaSet (with its desired/max-replicas annotations and the ScalingReplicaSet event),
// ensuring the new ReplicaSet exists (hash collisions bump collisionCount), and deleting old
// ReplicaSets past revisionHistoryLimit. The working copy `d` is kept current after every write.
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { APPS } from '../../client/resource.js';
import { clone } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { errorText } from '../../runtime/controller.js';
import { getCondition, newCondition, setCondition } from './conditions.js';
import { REASON, REVISION_ANNOTATION } from './constants.js';
import { controllerOf } from './controller-ref.js';
import type { EventSink } from '../../runtime/events.js';
import { hasProgressDeadline, hasRevisionHistoryLimit, PROGRESSING } from './deployment-status.js';
import { forgeNewReplicaSet, newReplicaSetAnnotations, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './forge-replicaset.js';
import { computeHash } from './pod-template-hash.js';
import { byRevision, equalIgnoreHash, findNewReplicaSet, maxRevision, replicasOf } from './replicaset-lists.js';
import { desiredReplicas, maxSurge, newRSNewReplicas } from './rollout-math.js';

const DEPLOYMENT_KIND = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;

export class DeploymentWrites {
  constructor(private readonly client: Client, private readonly events: EventSink, private readonly now: () => Date) {}

  event(d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.event({ ...d, ...DEPLOYMENT_KIND }, type, reason, message);
  }

  async updateStatus(d: Deployment, status: DeploymentStatus): Promise<void> {
    // DeploymentStatus fields are all omitempty: zeros and empty lists travel as absent fields.
    const wire = Object.fromEntries(Object.entries(status).filter(([, v]) => v !== 0 && v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)));
    const updated = await this.client.update<Deployment>(APPS.deployments, { ...d, ...DEPLOYMENT_KIND, status: wire }, 'status');
    d.metadata.resourceVersion = updated.metadata.resourceVersion;
    d.status = updated.status ?? status;
  }

  /** SetDeploymentRevision, written through the main resource (our /status keeps metadata as is). */
  async ensureRevision(d: Deployment, revision: string): Promise<void> {
    if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return;
    const patch = { metadata: { annotations: { [REVISION_ANNOTATION]: revision } } };
    const updated = await this.client.patch<Deployment>(APPS.deployments, d.metadata.namespace ?? '', d.metadata.name ?? '', patch);
    d.metadata.annotations = updated.metadata.annotations;
    d.metadata.resourceVersion = updated.metadata.resourceVersion;
  }

  /** scaleReplicaSet: size and replicas annotations; returns the ReplicaSet as written. */
  async scale(rs: ReplicaSet, to: number, d: Deployment, operation?: string): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const from = replicasOf(rs);
    const sizeChanges = from !== to;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, d)) return { scaled: false, rs };
    const copy = clone(rs);
    copy.spec.replicas = to;
    copy.metadata.annotations = { ...copy.metadata.annotations };
    setReplicasAnnotations(copy.metadata.annotations, desiredReplicas(d), desiredReplicas(d) + maxSurge(d));
    const updated = await this.client.update<ReplicaSet>(APPS.replicasets, { ...copy, apiVersion: 'apps/v1', kind: 'ReplicaSet' });
    if (sizeChanges) {
      const op = operation ?? (from < to ? 'up' : 'down');
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name} from ${from} to ${to}`);
    }
    return { scaled: sizeChanges, rs: updated };
  }

  /** scaleReplicaSetAndRecordEvent. */
  scaleTo(rs: ReplicaSet, to: number, d: Deployment): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    return replicasOf(rs) === to ? Promise.resolve({ scaled: false, rs }) : this.scale(rs, to, d);
  }

  /**
   * getNewReplicaSet: the ReplicaSet running the current template with its annotations and the
   * Deployment's revision in sync; created (when `create`) if missing.
   */
  async ensureNewReplicaSet(d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) return this.syncExisting(d, existing, newRevision);
    if (!create) return undefined;
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const forged = forgeNewReplicaSet(d, hash, 0, newRevision);
    forged.spec.replicas = newRSNewReplicas(d, [...oldRSs, forged], forged);
    let created: ReplicaSet;
    let alreadyExisted = false;
    try {
      created = await this.client.create<ReplicaSet>(APPS.replicasets, forged);
    } catch (err) {
      if (!(isStatusError(err) && err.reason === 'AlreadyExists')) return this.createFailed(d, forged, err);
      const found = await this.client.get<ReplicaSet>(APPS.replicasets, d.metadata.namespace ?? '', forged.metadata.name ?? '');
      if (controllerOf(found)?.uid !== d.metadata.uid || !equalIgnoreHash(d.spec.template, found.spec.template)) {
        // A hash collision: another template hashed to this name. Salt the next hash and retry.
        await this.updateStatus(d, { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 });
        throw err;
      }
      created = found;
      alreadyExisted = true;
    }
    const replicas = forged.spec.replicas ?? 0;
    if (!alreadyExisted && replicas > 0) {
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`);
    }
    await this.ensureRevision(d, String(newRevision));
    if (!alreadyExisted && hasProgressDeadline(d)) {
      const cond = newCondition(PROGRESSING, 'True', REASON.newReplicaSet, `Created new replica set "${created.metadata.name}"`, this.now());
      await this.updateStatus(d, { ...d.status, conditions: setCondition(d.status?.conditions, cond) });
    }
    return created;
  }

  private async syncExisting(d: Deployment, existing: ReplicaSet, newRevision: number): Promise<ReplicaSet> {
    const { annotations, changed } = newReplicaSetAnnotations(d, existing.metadata.annotations, newRevision, true);
    if (changed || (existing.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
      const copy = clone(existing);
      copy.metadata.annotations = annotations;
      copy.spec.minReadySeconds = d.spec.minReadySeconds;
      // As in kube, the Deployment's own revision catches up on the next sync.
      return this.client.update<ReplicaSet>(APPS.replicasets, { ...copy, apiVersion: 'apps/v1', kind: 'ReplicaSet' });
    }
    await this.ensureRevision(d, existing.metadata.annotations?.[REVISION_ANNOTATION] ?? String(newRevision));
    if (hasProgressDeadline(d) && !getCondition(d.status?.conditions, PROGRESSING)) {
      const cond = newCondition(PROGRESSING, 'True', REASON.foundNewRS, `Found new replica set "${existing.metadata.name}"`, this.now());
      await this.updateStatus(d, { ...d.status, conditions: setCondition(d.status?.conditions, cond) });
    }
    return existing;
  }

  private async createFailed(d: Deployment, forged: ReplicaSet, err: unknown): Promise<never> {
    if (isStatusError(err) && err.code === 403 && /because it is being terminated/.test(err.message)) throw err;
    const msg = `Failed to create new replica set "${forged.metadata.name}": ${errorText(err)}`;
    if (hasProgressDeadline(d)) {
      const cond = newCondition(PROGRESSING, 'False', REASON.failedRSCreate, msg, this.now());
      await this.updateStatus(d, { ...d.status, conditions: setCondition(d.status?.conditions, cond) }).catch(() => {});
    }
    this.event(d, 'Warning', REASON.failedRSCreate, msg);
    throw err;
  }

  /** cleanupDeployment: deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
  async cleanup(oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - (d.spec.revisionHistoryLimit ?? 0);
    for (const rs of cleanable.slice(0, Math.max(0, diff))) {
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
      if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        await this.client.delete(APPS.replicasets, rs.metadata.namespace ?? '', rs.metadata.name ?? '');
      } catch (err) {
        if (!(isStatusError(err) && err.code === 404)) throw err;
      }
    }
  }
}
