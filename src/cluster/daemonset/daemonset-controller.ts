// The DaemonSet controller (kube-controller-manager's, pkg/controller/daemon): for every DaemonSet,
// ensures its ControllerRevision history, then one daemon pod per eligible node (created with a
// node affinity the scheduler honours), the deletions planDaemonSet asks for (including a
// rolling update within maxUnavailable), old revisions pruned, and the status `kubectl get ds`
// and `kubectl rollout status ds` read. Pods are only those the DaemonSet controls: orphans
// matching its selector are not adopted.
import type { Node, Pod } from '../../api/core-v1.js';
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from '../../api/apps-batch-v1.js';
import { APPS, CORE } from '../../client/resource.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { CacheFence, FENCE_RETRY_MS } from '../../runtime/cache-fence.js';
import { Controller, type Result } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import { enqueueObject, enqueueOwner } from '../../runtime/handlers.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { CONTROLLER_REVISION_HASH_LABEL, isControlledBy } from '../history/controller-history.js';
import { ensureCurrentRevision, ensureHistoryPruned } from '../history/history-writes.js';
import { DAEMONSET_COMPONENT, DAEMONSET_WORKERS } from './consts.js';
import { forgeDaemonPod } from './forge-daemon-pod.js';
import { planDaemonSet } from './plan-daemonset.js';

const nodeShape = (n: Node) => [n.metadata.labels, n.spec?.taints, n.spec?.unschedulable];

export class DaemonSetController implements Runnable {
  readonly name = 'daemonset';
  private readonly daemonSets: Informer<DaemonSet>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly podFence = new CacheFence();
  private readonly revisionFence = new CacheFence();
  private readonly events: EventSink;
  private readonly controller: Controller;

  constructor(private readonly ctx: ClusterContext) {
    const m = ctx.manager;
    this.daemonSets = m.informer<DaemonSet>(APPS.daemonsets);
    this.pods = m.informer<Pod>(CORE.pods);
    this.nodes = m.informer<Node>(CORE.nodes);
    this.revisions = m.informer<ControllerRevision>(APPS.controllerrevisions);
    this.events = m.events(DAEMONSET_COMPONENT);
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: DAEMONSET_WORKERS, log: ctx.log });
    const queue = this.controller.queue;
    const all = () => { for (const ds of this.daemonSets.list()) queue.add(objectKey(ds)); };
    this.daemonSets.addHandlers(enqueueObject(queue));
    this.pods.addHandlers(this.podFence.observer());
    this.pods.addHandlers(enqueueOwner(queue, 'DaemonSet'));
    this.revisions.addHandlers(this.revisionFence.observer());
    this.revisions.addHandlers(enqueueOwner(queue, 'DaemonSet'));
    this.nodes.addHandlers({ onAdd: all, onDelete: all, onUpdate: (n, old) => { if (!deepEqual(nodeShape(n), nodeShape(old))) all(); } });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  async reconcile(key: string): Promise<Result | void> {
    if (!this.podFence.caughtUp(key) || !this.revisionFence.caughtUp(key)) return { requeueAfter: FENCE_RETRY_MS };
    const ds = this.daemonSets.get(key);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const revisions = this.revisions.list().filter((r) => r.metadata.namespace === ds.metadata.namespace && isControlledBy(r, ds));
    const current = await this.ensureHistory(key, ds, revisions);
    const hash = current.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    const pods = this.pods.list().filter((p) => p.metadata.namespace === ds.metadata.namespace && isControlledBy(p, ds));
    const plan = planDaemonSet(ds, this.nodes.list(), pods, hash, this.ctx.now());
    for (const node of plan.createOn) await this.ensurePodCreated(key, ds, node, hash);
    for (const pod of plan.deletePods) await this.ensurePodDeleted(key, ds, pod);
    await this.ensureHistoryPruned(ds, revisions, current, pods);
    await this.ensureStatus(ds, plan.status);
    // Pods ready but not yet available for minReadySeconds become available without an event.
    if ((ds.spec.minReadySeconds ?? 0) > 0 && plan.status.numberReady > (plan.status.numberAvailable ?? 0)) return { requeueAfter: 1000 };
  }

  private ensureHistory(key: string, ds: DaemonSet, revisions: ControllerRevision[]): Promise<ControllerRevision> {
    const owner = { ...ds, apiVersion: 'apps/v1', kind: 'DaemonSet' };
    return ensureCurrentRevision(this.ctx.manager.client, owner, revisions, (rev) => this.revisionFence.wrote(key, rev));
  }

  private async ensurePodCreated(key: string, ds: DaemonSet, node: string, hash: string): Promise<void> {
    try {
      const pod = await this.ctx.manager.client.create<Pod>(CORE.pods, forgeDaemonPod(ds, node, hash));
      this.podFence.wrote(key, pod);
      this.events.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (err) {
      this.events.event(ds, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }

  private async ensurePodDeleted(key: string, ds: DaemonSet, pod: Pod): Promise<void> {
    try {
      this.podFence.wrote(key, await this.ctx.manager.client.delete(CORE.pods, pod.metadata.namespace ?? '', pod.metadata.name ?? ''));
      this.events.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }

  private async ensureHistoryPruned(ds: DaemonSet, revisions: ControllerRevision[], current: ControllerRevision, pods: Pod[]): Promise<void> {
    const live = new Set(pods.map((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''));
    await ensureHistoryPruned(this.ctx.manager.client, revisions, current, live, ds.spec.revisionHistoryLimit ?? 10);
  }

  private async ensureStatus(ds: DaemonSet, status: DaemonSetStatus): Promise<void> {
    const { conditions: _c, ...current } = ds.status ?? ({} as DaemonSetStatus);
    if (deepEqual(current, status)) return;
    await this.ctx.manager.client.update<DaemonSet>(APPS.daemonsets, { ...ds, status: { ...status, ...(ds.status?.conditions ? { conditions: ds.status.conditions } : {}) } }, 'status');
  }
}
