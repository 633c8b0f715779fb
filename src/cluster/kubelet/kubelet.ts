// A simulated kubelet in kwok's style, for the nodes of one local cluster: it runs only the nodes
// it was given (never a virtual node another component registers), registers them, keeps their
// leases and status fresh, and drives the pods bound to them through the stages of its profile.
import type { Node, Pod } from '../../api/core-v1.js';
import { CORE } from '../../client/resource.js';
import { errorText } from '../../runtime/controller.js';
import type { ClusterContext } from '../controllers.js';
import type { Runnable } from '../../runtime/manager.js';
import { KUBELET_COMPONENT, LEASE_RENEW_MS, NODE_STATUS_REPORT_MS } from './constants.js';
import { NodeAgent } from './node-agent.js';
import { PodEngine } from './pod-engine.js';
import { profileNamed } from './profiles.js';

export class SimulatedKubelet implements Runnable {
  readonly name = 'kubelet';
  private readonly agents: NodeAgent[];
  private readonly engine: PodEngine;
  private registered!: () => void;
  private readonly registration = new Promise<void>((r) => { this.registered = r; });

  constructor(private readonly ctx: ClusterContext) {
    const { manager } = ctx;
    this.agents = ctx.nodes.map((n: Node) => new NodeAgent(manager.client, n, ctx.clusterName, ctx.now));
    const pods = manager.informer<Pod>(CORE.pods);
    const events = manager.events(KUBELET_COMPONENT, ctx.nodes[0]?.metadata.name);
    this.engine = new PodEngine(manager.client, pods, ctx.nodes, profileNamed(ctx.kubeletProfile), events, ctx.now, ctx.log);
  }

  async run(signal: AbortSignal): Promise<void> {
    await this.each((a) => a.ensureRegistered());
    await this.each((a) => a.ensureLease());
    this.registered();
    const timers = [
      setInterval(() => void this.each((a) => a.ensureLease()), LEASE_RENEW_MS),
      setInterval(() => void this.each((a) => a.ensureRegistered()), NODE_STATUS_REPORT_MS),
    ];
    signal.addEventListener('abort', () => { for (const t of timers) clearInterval(t); }, { once: true });
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
