// The StatefulSet controller (kube-controller-manager's, pkg/controller/statefulset): for every
// StatefulSet, ensures the ControllerRevision of its template (the update revision) beside the
// current one, carries out the steps planStatefulSet orders (stable names, OrderedReady or
// Parallel, scale down from the highest ordinal, rolling update down to the partition), prunes
// old revisions, and writes the status `kubectl get sts` and `kubectl rollout status sts` read.
// Pods are only those the StatefulSet controls: orphans are not adopted, PVCs not created.
import type { Pod } from '../../api/core-v1.js';
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from '../../api/apps-batch-v1.js';
import { APPS, CORE } from '../../client/resource.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { CacheFence, FENCE_RETRY_MS } from '../../runtime/cache-fence.js';
import { Controller, type Result } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import { enqueueObject, enqueueOwner } from '../../runtime/handlers.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { CONTROLLER_REVISION_HASH_LABEL, isControlledBy } from '../history/controller-history.js';
import { ensureCurrentRevision, ensureHistoryPruned } from '../history/history-writes.js';
import { STATEFULSET_COMPONENT, STATEFULSET_WORKERS } from './consts.js';
import { computeStatefulSetStatus, planStatefulSet, type Action, type Revisions } from './plan-statefulset.js';

export class StatefulSetController implements Runnable {
  readonly name = 'statefulset';
  private readonly sets: Informer<StatefulSet>;
  private readonly pods: Informer<Pod>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly podFence = new CacheFence();
  private readonly revisionFence = new CacheFence();
  private readonly events: EventSink;
  private readonly controller: Controller;

  constructor(private readonly ctx: ClusterContext) {
    const m = ctx.manager;
    this.sets = m.informer<StatefulSet>(APPS.statefulsets);
    this.pods = m.informer<Pod>(CORE.pods);
    this.revisions = m.informer<ControllerRevision>(APPS.controllerrevisions);
    this.events = m.events(STATEFULSET_COMPONENT);
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: STATEFULSET_WORKERS, log: ctx.log });
    const queue = this.controller.queue;
    this.sets.addHandlers(enqueueObject(queue));
    this.pods.addHandlers(this.podFence.observer());
    this.pods.addHandlers(enqueueOwner(queue, 'StatefulSet'));
    this.revisions.addHandlers(this.revisionFence.observer());
    this.revisions.addHandlers(enqueueOwner(queue, 'StatefulSet'));
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  async reconcile(key: string): Promise<Result | void> {
    if (!this.podFence.caughtUp(key) || !this.revisionFence.caughtUp(key)) return { requeueAfter: FENCE_RETRY_MS };
    const set = this.sets.get(key);
    if (!set || set.metadata.deletionTimestamp) return;
    const revisions = this.revisions.list().filter((r) => r.metadata.namespace === set.metadata.namespace && isControlledBy(r, set));
    const revs = await this.ensureRevisions(key, set, revisions);
    const pods = this.pods.list().filter((p) => p.metadata.namespace === set.metadata.namespace && isControlledBy(p, set));
    const now = this.ctx.now();
    for (const action of planStatefulSet(set, pods, revs, now)) await this.ensureAction(key, set, action);
    const live = new Set(pods.map((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''));
    live.add(revs.current.metadata.name ?? '');
    await ensureHistoryPruned(this.ctx.manager.client, revisions, revs.update, live, set.spec.revisionHistoryLimit ?? 10);
    const status = computeStatefulSetStatus(set, pods, revs, now);
    await this.ensureStatus(set, status);
    if ((set.spec.minReadySeconds ?? 0) > 0 && (status.readyReplicas ?? 0) > (status.availableReplicas ?? 0)) return { requeueAfter: 1000 };
  }

  private async ensureRevisions(key: string, set: StatefulSet, revisions: ControllerRevision[]): Promise<Revisions> {
    const owner = { ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' };
    const update = await ensureCurrentRevision(this.ctx.manager.client, owner, revisions, (rev) => this.revisionFence.wrote(key, rev));
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update };
  }

  private async ensureAction(key: string, set: StatefulSet, action: Action): Promise<void> {
    const client = this.ctx.manager.client;
    const name = action.pod.metadata.name ?? '';
    if (action.type === 'create') {
      try {
        this.podFence.wrote(key, await client.create(CORE.pods, action.pod));
        this.events.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} successful`);
      } catch (err) {
        this.events.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
      return;
    }
    try {
      this.podFence.wrote(key, await client.delete(CORE.pods, action.pod.metadata.namespace ?? '', name));
      this.events.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${set.metadata.name} successful`);
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }

  private async ensureStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    const { conditions: _c, ...current } = set.status ?? ({} as StatefulSetStatus);
    if (deepEqual(current, status)) return;
    const next = { ...status, ...(set.status?.conditions ? { conditions: set.status.conditions } : {}) };
    await this.ctx.manager.client.update<StatefulSet>(APPS.statefulsets, { ...set, status: next }, 'status');
  }
}
