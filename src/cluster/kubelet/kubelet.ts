// A simulated kubelet in kwok's style, for the nodes of one local cluster: it runs only the nodes
// it was given (never a virtual node another component registers), registers them, keeps their
// leases and status fresh, and drives the pods bound to them through the stages of its profile;
// pods of a process image run as host processes (process/, ADR 0009), reachable through their
// NodePort Services.
import type { EndpointSlice } from '../../api/apps-batch-v1.js';
import type { Node, Pod, Service } from '../../api/core-v1.js';
import { CORE, DISCOVERY } from '../../client/resource.js';
import { errorText } from '../../runtime/controller.js';
import type { ClusterContext } from '../controllers.js';
import type { Runnable } from '../../runtime/manager.js';
import type { Informer } from '../../runtime/informer.js';
import { CRASHLOOP_BACKOFF_MAX_MS, KUBE_PROXY_COMPONENT, KUBELET_COMPONENT, LEASE_RENEW_MS, NODE_STATUS_REPORT_MS } from './constants.js';
import { NodePortProxy } from './process/kube-proxy.js';
import { ProcessRuntime } from './process/process-runtime.js';
import { NodeAgent } from './node-agent.js';
import { PodEngine } from './pod-engine.js';
import { profileNamed } from './profiles.js';

export class SimulatedKubelet implements Runnable {
  readonly name = 'kubelet';
  private readonly agents: NodeAgent[];
  private readonly engine: PodEngine;
  private readonly pods: Informer<Pod>;
  private readonly processes: ProcessRuntime | undefined;
  private readonly proxy: NodePortProxy | undefined;
  private registered!: () => void;
  private readonly registration = new Promise<void>((r) => { this.registered = r; });

  constructor(private readonly ctx: ClusterContext) {
    const { manager } = ctx;
    this.agents = ctx.nodes.map((n: Node) => new NodeAgent(manager.client, n, ctx.clusterName, ctx.now));
    const pods = (this.pods = manager.informer<Pod>(CORE.pods));
    const host = ctx.nodes[0]?.metadata.name;
    const events = manager.events(KUBELET_COMPONENT, host);
    const cfg = ctx.processPods;
    let enqueue = (_key: string) => {};
    if (cfg) {
      this.processes = new ProcessRuntime({
        client: manager.client, events, log: ctx.log, now: ctx.now, podsDir: cfg.podsDir, nodesDir: cfg.nodesDir, podSubnet: ctx.podSubnet,
        apiServer: cfg.apiServer, processImages: cfg.images, backoff: { initialMs: cfg.crashLoopBackoffInitialMs, maxMs: CRASHLOOP_BACKOFF_MAX_MS },
      }, (key) => enqueue(key));
      const hostIPs = ctx.nodes.map((n) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '127.0.0.1');
      this.proxy = new NodePortProxy(manager.informer<Service>(CORE.services), manager.informer<EndpointSlice>(DISCOVERY.endpointslices),
        hostIPs, this.processes, manager.events(KUBE_PROXY_COMPONENT, host), ctx.log);
    }
    this.engine = new PodEngine(manager.client, pods, ctx.nodes, profileNamed(ctx.kubeletProfile), events, ctx.now, ctx.log, this.processes);
    enqueue = (key) => { this.engine.controller.enqueue(key); this.proxy?.schedule(); };
  }

  async run(signal: AbortSignal): Promise<void> {
    await this.each((a) => a.ensureRegistered());
    await this.each((a) => a.ensureLease());
    this.registered();
    const timers = [
      setInterval(() => void this.each((a) => a.ensureLease()), LEASE_RENEW_MS),
      setInterval(() => void this.each((a) => a.ensureRegistered()), NODE_STATUS_REPORT_MS),
    ];
    signal.addEventListener('abort', () => {
      for (const t of timers) clearInterval(t);
      this.proxy?.close();
      void this.processes?.stopAll(1000);
    }, { once: true });
    // What an earlier kubelet left running is stopped before any pod is started again.
    await this.processes?.cleanUp(this.pods.list());
    this.proxy?.start();
    await this.engine.controller.run(signal);
  }

  /** Nodes are registered (or were attempted): the cluster may report ready. */
  ready(): Promise<void> {
    return this.registration;
  }

  /** Runs fn on every node; a failure on one node is logged and retried on the next tick. */
  private async each(fn: (a: NodeAgent) => Promise<void>): Promise<void> {
    await Promise.all(this.agents.map(async (a) => {
      try {
        await fn(a);
      } catch (err) {
        this.ctx.log(`kubelet ${a.name}: ${errorText(err)}`);
      }
    }));
  }
}
