// The ReplicaSet controller of kube-controller-manager (pkg/controller/replicaset): keeps
// spec.replicas active pods that match the selector and are controlled by the ReplicaSet. One
// reconcile is: ensureClaimed (adopt matching orphans, release pods that stopped matching),
// ensureReplicas (create from the template in slow-start batches, or delete the pods kube would
// pick first, at most BURST_REPLICAS per sync, guarded by expectations), then ensureStatus through
// the /status subresource. Pod and ReplicaSet events are routed by replicaset-handlers.ts.
// It does not implement the ReplicationController flavour of the same controller.
import type { Pod, ReplicaSet } from '../../api/core-v1.js';
import { APPS, CORE } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { selectorFromLabelSelector, type Selector } from '../../machinery/selectors.js';
import { Controller, errorText, type Result } from '../../runtime/controller.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { isPodActive, podKey } from '../pod-state.js';
import { BURST_REPLICAS, REPLICASET_COMPONENT, REPLICASET_WORKERS, SLOW_START_INITIAL_BATCH_SIZE } from './constants.js';
import { controllerOf, forgeAdoptPatch, forgeControllerRef, forgeReleasePatch, planClaims } from './controller-ref.js';
import type { EventSink } from '../../runtime/events.js';
import { Expectations } from './expectations.js';
import { forgePodFromTemplate } from './forge-pod.js';
import { OwnerIndex } from './owner-index.js';
import { podsToDelete } from './pod-deletion-order.js';
import { addReplicaSetHandlers } from './replicaset-handlers.js';
import { availabilityRecheckMs, computeReplicaSetStatus, replicaSetStatusChanged } from './replicaset-status.js';
import { slowStartBatch } from './slow-start.js';

const RS_KIND = { apiVersion: 'apps/v1', kind: 'ReplicaSet' } as const;

export class ReplicaSetController implements Runnable {
  readonly name = 'replicaset';
  readonly controller: Controller;
  readonly expectations: Expectations;
  private readonly rses: Informer<ReplicaSet>;
  private readonly podIndex: OwnerIndex<Pod>;
  private readonly rsIndex: OwnerIndex<ReplicaSet>;
  private readonly events: EventSink;

  constructor(private readonly ctx: ClusterContext) {
    const { manager } = ctx;
    this.rses = manager.informer<ReplicaSet>(APPS.replicasets);
    const pods = manager.informer<Pod>(CORE.pods);
    // The indexes subscribe first, so the handlers below always see them up to date.
    this.rsIndex = new OwnerIndex(this.rses);
    this.podIndex = new OwnerIndex(pods);
    this.expectations = new Expectations(() => ctx.now().getTime());
    this.events = manager.events(REPLICASET_COMPONENT);
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: REPLICASET_WORKERS, log: ctx.log });
    addReplicaSetHandlers({ rses: this.rses, pods, rsIndex: this.rsIndex, expectations: this.expectations, queue: this.controller.queue });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  async reconcile(key: string): Promise<Result | void> {
    const rs = this.rses.get(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = selectorFromLabelSelector(rs.spec.selector);
    const pods = await this.ensureClaimed(rs, selector, this.podIndex.candidatesFor(rs).filter(isPodActive));
    let manageError: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        await this.ensureReplicas(key, rs, pods);
      } catch (err) {
        manageError = err;
      }
    }
    const now = this.ctx.now();
    await this.ensureStatus(rs, computeReplicaSetStatus(rs, pods, manageError, now));
    if (manageError !== undefined) throw manageError;
    const recheck = availabilityRecheckMs(rs, pods, now);
    return recheck === undefined ? undefined : { requeueAfter: recheck };
  }

  /** Adopts matching orphans and releases pods that no longer match; returns the pods it owns. */
  private async ensureClaimed(rs: ReplicaSet, selector: Selector, candidates: Pod[]): Promise<Pod[]> {
    const plan = planClaims(rs, selector, candidates);
    const { namespace = '' } = rs.metadata;
    for (const pod of plan.release) {
      try {
        await this.ctx.manager.client.patch(CORE.pods, namespace, pod.metadata.name ?? '', forgeReleasePatch(pod, rs.metadata.uid ?? ''), 'strategic');
      } catch (err) {
        if (!(isStatusError(err) && (err.code === 404 || err.code === 422))) throw err;
      }
    }
    if (plan.adopt.length === 0) return plan.owned;
    await this.ensureCanAdopt(rs);
    const ref = forgeControllerRef(rs, RS_KIND.apiVersion, RS_KIND.kind);
    const lost = new Set<Pod>();
    for (const pod of plan.adopt) {
      try {
        await this.ctx.manager.client.patch(CORE.pods, namespace, pod.metadata.name ?? '', forgeAdoptPatch(pod, ref), 'strategic');
      } catch (err) {
        if (!(isStatusError(err) && err.code === 404)) throw err;
        lost.add(pod);
      }
    }
    return plan.owned.filter((p) => !lost.has(p));
  }

  /** RecheckDeletionTimestamp: adopt only for a live ReplicaSet, read fresh from the API. */
  private async ensureCanAdopt(rs: ReplicaSet): Promise<void> {
    const fresh = await this.ctx.manager.client.get<ReplicaSet>(APPS.replicasets, rs.metadata.namespace ?? '', rs.metadata.name ?? '');
    if (fresh.metadata.uid !== rs.metadata.uid) {
      throw new Error(`original ReplicaSet ${rs.metadata.namespace}/${rs.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${rs.metadata.uid}`);
    }
    if (fresh.metadata.deletionTimestamp) {
      throw new Error(`ReplicaSet ${rs.metadata.namespace}/${rs.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  }

  /** manageReplicas: creates or deletes pods so their number meets spec.replicas. */
  private async ensureReplicas(key: string, rs: ReplicaSet, pods: Pod[]): Promise<void> {
    const diff = pods.length - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, n);
      const ref = forgeControllerRef(rs, RS_KIND.apiVersion, RS_KIND.kind);
      const { successes, error } = await slowStartBatch(n, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs, ref));
      // Pods never created will never be observed.
      for (let i = successes; i < n; i++) this.expectations.creationObserved(key);
      if (error !== undefined) throw error;
      return;
    }
    if (diff === 0) return;
    const n = Math.min(diff, BURST_REPLICAS);
    const victims = podsToDelete(pods, this.relatedPods(rs), n, this.ctx.now());
    this.expectations.expectDeletions(key, victims.map(podKey));
    const errors: unknown[] = [];
    await Promise.all(victims.map(async (pod) => {
      try {
        await this.deletePod(rs, pod);
      } catch (err) {
        this.expectations.deletionObserved(key, podKey(pod));
        if (!(isStatusError(err) && err.code === 404)) errors.push(err);
      }
    }));
    if (errors.length > 0) throw errors[0];
  }

  private async createPod(rs: ReplicaSet, ref: ReturnType<typeof forgeControllerRef>): Promise<void> {
    const rsObj = { ...rs, ...RS_KIND };
    try {
      const pod = await this.ctx.manager.client.create<Pod>(CORE.pods, forgePodFromTemplate(rs, ref));
      this.events.event(rsObj, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (err) {
      // Nothing can be created in a terminating namespace, and nothing needs to be.
      if (isStatusError(err) && err.code === 403 && /because it is being terminated/.test(err.message)) return;
      this.events.event(rsObj, 'Warning', 'FailedCreate', `Error creating: ${errorText(err)}`);
      throw err;
    }
  }

  private async deletePod(rs: ReplicaSet, pod: Pod): Promise<void> {
    const rsObj = { ...rs, ...RS_KIND };
    try {
      await this.ctx.manager.client.delete(CORE.pods, pod.metadata.namespace ?? '', pod.metadata.name ?? '');
      this.events.event(rsObj, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) this.events.event(rsObj, 'Warning', 'FailedDelete', `Error deleting: ${errorText(err)}`);
      throw err;
    }
  }

  /** Pods of every ReplicaSet with the same controller (getIndirectlyRelatedPods), for ranking. */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerOf(rs);
    if (!owner) return [];
    return this.rsIndex.ownedBy(owner.uid).flatMap((r) => this.podIndex.ownedBy(r.metadata.uid));
  }

  private async ensureStatus(rs: ReplicaSet, status: ReturnType<typeof computeReplicaSetStatus>): Promise<void> {
    if (!replicaSetStatusChanged(rs, status)) return;
    // Every field but replicas is omitempty on the wire: a zero is written as an absent field.
    const patch = { status: Object.fromEntries(Object.entries(status).map(([k, v]) => [k, k !== 'replicas' && (v === 0 || v === undefined) ? null : v])) };
    try {
      await this.ctx.manager.client.patch(APPS.replicasets, rs.metadata.namespace ?? '', rs.metadata.name ?? '', patch, 'merge', { subresource: 'status' });
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }
}
