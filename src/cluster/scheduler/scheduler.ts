// kube-scheduler for a local cluster, as an API client: pods without a node (and for the default
// scheduler) are queued; each is decided against the current nodes and the pods on them by the
// pure filter/score core (schedule.ts); a fit is assumed in the cache at once and bound through
// pods/binding in the background, so decisions never wait on the network; a misfit gets the
// `PodScheduled=False/Unschedulable` condition with kube's message and a FailedScheduling event,
// and waits until nodes or pods change (with kube's 1-10 s backoff) or a minute passes. It
// schedules onto any node, including nodes no simulated kubelet runs (Liqo's virtual nodes).
import type { Condition, Node, Pod } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/rest-client.js';
import { CORE, resourcePath } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { Controller, errorText, type Logger, type Result } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { isPodTerminal } from '../pod-state.js';
import { DEFAULT_SCHEDULER_NAME, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS, MAX_INFLIGHT_BINDINGS, UNSCHEDULABLE_FLUSH_MS } from './constants.js';
import { SchedulerCache } from './scheduler-cache.js';
import { isSchedulingCandidate, schedulePod } from './schedule.js';

interface Attempt { count: number; last: number }

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class Scheduler implements Runnable {
  readonly name = 'scheduler';
  private readonly client: Client;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly namespaces: Informer<KubeObject>;
  private readonly cache = new SchedulerCache();
  private readonly controller: Controller;
  private readonly events: EventSink;
  private readonly unschedulable = new Map<string, Attempt>();
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly ctx: ClusterContext, private readonly log: Logger = ctx.log) {
    const { manager } = ctx;
    this.client = manager.client;
    this.events = manager.events(DEFAULT_SCHEDULER_NAME);
    this.pods = manager.informer<Pod>(CORE.pods);
    this.nodes = manager.informer<Node>(CORE.nodes);
    this.namespaces = manager.informer(CORE.namespaces);
    this.controller = new Controller('scheduler', (key) => this.reconcile(key), { workers: 1, log });
    this.pods.addHandlers({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (p, old) => this.podChanged(p, old),
      onDelete: (p) => this.podGone(p),
    });
    this.nodes.addHandlers({ onAdd: () => this.flush(), onUpdate: (n, old) => { if (nodeMayFitMore(n, old)) this.flush(); } });
  }

  async run(signal: AbortSignal): Promise<void> {
    const tick = setInterval(() => this.flush(), UNSCHEDULABLE_FLUSH_MS);
    signal.addEventListener('abort', () => clearInterval(tick), { once: true });
    await this.controller.run(signal);
  }

  private podChanged(pod: Pod, old?: Pod): void {
    const key = objectKey(pod);
    this.cache.observe(key, pod);
    if (isSchedulingCandidate(pod)) {
      if (!this.unschedulable.has(key)) this.controller.enqueue(key);
      return;
    }
    this.unschedulable.delete(key);
    if (isPodTerminal(pod) && !(old && isPodTerminal(old))) this.flush();
  }

  private podGone(pod: Pod): void {
    const key = objectKey(pod);
    this.cache.observe(key, undefined);
    this.unschedulable.delete(key);
    if (pod.spec.nodeName) this.flush();
  }

  /** Something changed that may let waiting pods fit: retry them once their backoff allows. */
  private flush(): void {
    const now = this.ctx.now().getTime();
    for (const [key, a] of this.unschedulable) {
      const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** (a.count - 1), MAX_BACKOFF_MS);
      this.controller.queue.addAfter(key, Math.max(0, a.last + backoff - now));
    }
  }

  private async reconcile(key: string): Promise<Result | void> {
    const pod = this.pods.get(key);
    if (!pod || !isSchedulingCandidate(pod) || this.cache.isAssumed(key)) return;
    const result = schedulePod(pod, {
      nodes: this.nodes.list(), podsByNode: this.cache.podsByNode(),
      namespaceLabels: (ns) => this.namespaces.get(ns)?.metadata.labels,
    });
    if ('nodeName' in result) {
      this.unschedulable.delete(key);
      this.cache.assume(pod, result.nodeName);
      await this.throttle();
      const p = this.bind(pod, result.nodeName).finally(() => this.inflight.delete(p));
      this.inflight.add(p);
      return;
    }
    const prior = this.unschedulable.get(key);
    this.unschedulable.set(key, { count: (prior?.count ?? 0) + 1, last: this.ctx.now().getTime() });
    await this.ensureUnschedulableCondition(pod, result.message);
    this.events.event({ ...pod, apiVersion: 'v1', kind: 'Pod' }, 'Warning', 'FailedScheduling', result.message);
  }

  private async throttle(): Promise<void> {
    while (this.inflight.size >= MAX_INFLIGHT_BINDINGS) await Promise.race(this.inflight);
  }

  private async bind(pod: Pod, node: string): Promise<void> {
    const { namespace = '', name = '', uid } = pod.metadata;
    const key = objectKey(pod);
    try {
      await this.client.request('POST', resourcePath(CORE.pods, namespace, name, 'binding'), {
        apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace, uid }, target: { apiVersion: 'v1', kind: 'Node', name: node },
      });
      this.events.event({ ...pod, apiVersion: 'v1', kind: 'Pod' }, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
    } catch (err) {
      this.cache.forget(key);
      if (isStatusError(err) && (err.code === 404 || err.code === 409)) return; // gone, or bound by someone else
      this.log(`scheduler: binding ${key} to ${node}: ${errorText(err)}`);
      this.controller.queue.addRateLimited(key);
    }
  }

  private async ensureUnschedulableCondition(pod: Pod, message: string): Promise<void> {
    const conditions = pod.status?.conditions ?? [];
    const current = conditions.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.reason === 'Unschedulable' && current.message === message) return;
    const next: Condition = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: stamp(this.ctx.now()) };
    const status = { ...pod.status, conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), next] };
    try {
      await this.client.update(CORE.pods, { ...pod, status }, 'status');
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }
}

/** Node changes that can make a waiting pod fit; heartbeats alone cannot. */
function nodeMayFitMore(n: Node, old: Node): boolean {
  const ready = (x: Node) => x.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return JSON.stringify(n.spec) !== JSON.stringify(old.spec) || JSON.stringify(n.metadata.labels) !== JSON.stringify(old.metadata.labels)
    || JSON.stringify(n.status?.allocatable) !== JSON.stringify(old.status?.allocatable) || ready(n) !== ready(old);
}
