// The StatefulSet controller (kube-controller-manager's, pkg/controller/statefulset): for every
// StatefulSet, ensures the ControllerRevision of its template (the update revision) beside the
// current one, carries out the steps planStatefulSet orders (stable names, OrderedReady or
// Parallel, scale down from the highest ordinal, rolling update down to the partition), prunes
// old revisions, and writes the status `kubectl get sts` and `kubectl rollout status sts` read.
// Pods are only those the StatefulSet controls: orphans are not adopted, PVCs not created.
import type { Pod } from '../../api/core-v1.js';
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from '../../api/apps-batch-v1.js';
import type { KubeObject } from '../../api/types.js';
import { APPS, CORE } from '../../client/resource.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { Controller, type Result } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { CONTROLLER_REVISION_HASH_LABEL, isControlledBy, planHistory, revisionsToPrune } from '../daemonset/controller-history.js';
import { CacheFence, FENCE_RETRY_MS } from '../endpoints/cache-fence.js';
import { STATEFULSET_COMPONENT, STATEFULSET_WORKERS } from './consts.js';
import { computeStatefulSetStatus, planStatefulSet, type Action, type Revisions } from './plan-statefulset.js';

function ownerKey(obj: KubeObject): string | undefined {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'StatefulSet');
  return ref ? `${obj.metadata.namespace}/${ref.name}` : undefined;
}

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
    const enqueue = (obj: KubeObject) => this.controller.enqueue(`${obj.metadata.namespace}/${obj.metadata.name}`);
    this.sets.addHandlers({ onAdd: enqueue, onUpdate: enqueue, onDelete: enqueue });
    const fromOwned = (fence: CacheFence) => (obj: KubeObject) => {
      fence.observe(obj);
      const key = ownerKey(obj);
      if (key) this.controller.enqueue(key);
    };
    const fromPod = fromOwned(this.podFence);
    this.pods.addHandlers({ onAdd: fromPod, onUpdate: fromPod, onDelete: fromPod });
    const fromRevision = fromOwned(this.revisionFence);
    this.revisions.addHandlers({ onAdd: fromRevision, onUpdate: fromRevision, onDelete: fromRevision });
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
    await this.ensureHistoryPruned(set, revisions, revs.update, live);
    const status = computeStatefulSetStatus(set, pods, revs, now);
    await this.ensureStatus(set, status);
    if ((set.spec.minReadySeconds ?? 0) > 0 && (status.readyReplicas ?? 0) > (status.availableReplicas ?? 0)) return { requeueAfter: 1000 };
  }

  private async ensureRevisions(key: string, set: StatefulSet, revisions: ControllerRevision[]): Promise<Revisions> {
    const plan = planHistory({ ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' }, revisions);
    const client = this.ctx.manager.client;
    let update = plan.current;
    if (plan.create) {
      update = await client.create(APPS.controllerrevisions, plan.current);
      this.revisionFence.wrote(key, update);
    } else if (plan.bump !== undefined) {
      update = await client.patch<ControllerRevision>(APPS.controllerrevisions, set.metadata.namespace ?? '', plan.current.metadata.name ?? '', { revision: plan.bump });
      this.revisionFence.wrote(key, update);
    }
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

  private async ensureHistoryPruned(set: StatefulSet, revisions: ControllerRevision[], update: ControllerRevision, live: Set<string>): Promise<void> {
    for (const rev of revisionsToPrune(revisions, update.metadata.name ?? '', live, set.spec.revisionHistoryLimit ?? 10)) {
      try {
        await this.ctx.manager.client.delete(APPS.controllerrevisions, rev.metadata.namespace ?? '', rev.metadata.name ?? '');
      } catch (err) {
        if (!(isStatusError(err) && err.code === 404)) throw err;
      }
    }
  }

  private async ensureStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    const { conditions: _c, ...current } = set.status ?? ({} as StatefulSetStatus);
    if (deepEqual(current, status)) return;
    const next = { ...status, ...(set.status?.conditions ? { conditions: set.status.conditions } : {}) };
    await this.ctx.manager.client.update<StatefulSet>(APPS.statefulsets, { ...set, status: next }, 'status');
  }
}
