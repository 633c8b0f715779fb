// kube-controller-manager's node lifecycle controller, for every node of the cluster (simulated or
// virtual): every 5 s it checks each node's lease; a node silent for 40 s gets its conditions set
// to Unknown and its pods marked not Ready; the node's Ready condition decides its lifecycle
// taints (unreachable / not-ready, NoSchedule and NoExecute, removed when Ready returns); and
// pods on nodes with NoExecute taints are evicted (deleted) when their tolerations run out.
import type { Condition, Lease, Node, Pod } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE, COORDINATION } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { Controller, type Logger, type Result } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { NODE_CONTROLLER_COMPONENT, NODE_MONITOR_PERIOD_MS } from './constants.js';
import { desiredTaints, forgeUnknownConditions, isSilent } from './node-health.js';
import { evictionTime } from './taint-eviction.js';
import { NODE_LEASE_NAMESPACE } from '../kubelet/constants.js';

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class NodeLifecycleController implements Runnable {
  readonly name = 'nodelifecycle';
  private readonly nodes: Informer<Node>;
  private readonly leases: Informer<Lease>;
  private readonly pods: Informer<Pod>;
  private readonly client: Client;
  private readonly events: EventSink;
  private readonly nodeController: Controller;
  private readonly evictions: Controller;
  /** node name → keys of its pods (the eviction controller's index). */
  private readonly podsByNode = new Map<string, Set<string>>();
  /** node name → when this controller first saw it. */
  private readonly firstSeen = new Map<string, number>();

  constructor(private readonly ctx: ClusterContext, log: Logger = ctx.log) {
    const { manager } = ctx;
    this.client = manager.client;
    this.events = manager.events(NODE_CONTROLLER_COMPONENT);
    this.nodes = manager.informer<Node>(CORE.nodes);
    this.leases = manager.informer<Lease>(COORDINATION.leases, { namespace: NODE_LEASE_NAMESPACE });
    this.pods = manager.informer<Pod>(CORE.pods);
    this.nodeController = new Controller('node-lifecycle', (name) => this.reconcileNode(name), { workers: 4, log });
    this.evictions = new Controller('taint-eviction', (key) => this.reconcilePod(key), { workers: 4, log });
    this.nodes.addHandlers({
      onAdd: (n) => this.nodeChanged(n),
      onUpdate: (n) => this.nodeChanged(n),
    });
    this.pods.addHandlers({
      onAdd: (p) => this.index(p),
      onUpdate: (p, old) => { this.unindex(old); this.index(p); },
      onDelete: (p) => this.unindex(p),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    const tick = setInterval(() => { for (const n of this.nodes.list()) this.nodeController.enqueue(n.metadata.name ?? ''); }, NODE_MONITOR_PERIOD_MS);
    signal.addEventListener('abort', () => clearInterval(tick), { once: true });
    await Promise.all([this.nodeController.run(signal), this.evictions.run(signal)]);
  }

  private nodeChanged(node: Node): void {
    const name = node.metadata.name ?? '';
    this.nodeController.enqueue(name);
    for (const key of this.podsByNode.get(name) ?? []) this.evictions.enqueue(key);
  }

  private index(pod: Pod): void {
    const node = pod.spec.nodeName;
    if (!node) return;
    let set = this.podsByNode.get(node);
    if (!set) this.podsByNode.set(node, (set = new Set()));
    set.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if ((this.nodes.get(node)?.spec?.taints ?? []).some((t) => t.effect === 'NoExecute')) this.evictions.enqueue(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }

  private unindex(pod: Pod): void {
    if (pod.spec.nodeName) this.podsByNode.get(pod.spec.nodeName)?.delete(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }

  private async reconcileNode(name: string): Promise<Result | void> {
    let node = this.nodes.get(name);
    if (!node) return;
    const now = this.ctx.now();
    if (!this.firstSeen.has(name)) this.firstSeen.set(name, now.getTime());
    if (isSilent(node, this.leases.get(`${NODE_LEASE_NAMESPACE}/${name}`), now, this.firstSeen.get(name)!, this.ctx.nodeMonitorGraceMs)) {
      const conditions = forgeUnknownConditions(node, stamp(now));
      if (conditions) {
        node = await this.client.update<Node>(CORE.nodes, { ...node, status: { ...node.status, conditions } }, 'status');
        this.events.event({ ...node, apiVersion: 'v1', kind: 'Node' }, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        await this.markPodsNotReady(name);
      }
    }
    const taints = desiredTaints(node, stamp(now));
    if (taints) await this.client.patch(CORE.nodes, '', name, [{ op: 'test', path: '/metadata/resourceVersion', value: node.metadata.resourceVersion }, { op: 'add', path: '/spec/taints', value: taints }], 'json');
  }

  /** Pods on a silent node are not Ready any more (kube's MarkPodsNotReady). */
  private async markPodsNotReady(node: string): Promise<void> {
    for (const key of this.podsByNode.get(node) ?? []) {
      const pod = this.pods.get(key);
      const ready = pod?.status?.conditions?.find((c) => c.type === 'Ready');
      if (!pod || !ready || ready.status !== 'True') continue;
      const conditions: Condition[] = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: stamp(this.ctx.now()) } : c));
      try {
        await this.client.update(CORE.pods, { ...pod, status: { ...pod.status, conditions } }, 'status');
      } catch (err) {
        if (!(isStatusError(err) && (err.code === 404 || err.code === 409))) throw err;
      }
    }
  }

  private async reconcilePod(key: string): Promise<Result | void> {
    const pod = this.pods.get(key);
    const node = pod?.spec.nodeName ? this.nodes.get(pod.spec.nodeName) : undefined;
    if (!pod || !node || pod.metadata.deletionTimestamp) return;
    const now = this.ctx.now();
    const at = evictionTime(pod, node.spec?.taints ?? [], now);
    if (at === undefined) return;
    if (at > now.getTime()) return { requeueAfter: at - now.getTime() };
    this.events.event({ ...pod, apiVersion: 'v1', kind: 'Pod' }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    try {
      await this.client.delete(CORE.pods, pod.metadata.namespace ?? '', pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (!(isStatusError(err) && (err.code === 404 || err.code === 409))) throw err;
    }
  }
}
