// The pod half of a simulated kubelet: follows the pods bound to the nodes it runs and carries
// out their stages (stages.ts) through the API: status writes through pods/status (with the
// cached resourceVersion, so a stale view loses the race and retries instead of overwriting),
// events, and the final delete with grace period 0 that ends a graceful deletion. Pod IPs come
// from each node's pod CIDR and are relearned from pod status after a restart. Pods of a process
// image are handed to the process runtime instead (process/, ADR 0009), when there is one.
import type { Node, Pod } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { Controller, type Logger, type Result } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import { isPodTerminal } from '../pod-state.js';
import { PodIPAllocator } from './ip-allocator.js';
import type { KubeletProfile } from './profiles.js';
import { nextStep } from './stages.js';
import type { ProcessRuntime } from './process/process-runtime.js';

interface RunNode { hostIP: string; ips: PodIPAllocator }

export class PodEngine {
  readonly controller: Controller;
  private readonly nodes = new Map<string, RunNode>();

  constructor(
    private readonly client: Client,
    private readonly pods: Informer<Pod>,
    nodes: Node[],
    private readonly profile: KubeletProfile,
    private readonly events: EventSink,
    private readonly now: () => Date,
    log: Logger,
    private readonly processes?: ProcessRuntime,
  ) {
    for (const n of nodes) {
      const hostIP = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '127.0.0.1';
      this.nodes.set(n.metadata.name ?? '', { hostIP, ips: new PodIPAllocator(n.spec?.podCIDR ?? '10.244.0.0/24') });
    }
    this.controller = new Controller('kubelet', (key) => this.reconcile(key), { workers: 8, log });
    pods.addHandlers({
      onAdd: (p) => this.observe(p),
      onUpdate: (p) => this.observe(p),
      onDelete: (p) => this.forget(p),
    });
  }

  private observe(pod: Pod): void {
    const node = this.nodes.get(pod.spec.nodeName ?? '');
    if (!node) return;
    const key = objectKey(pod);
    if (isPodTerminal(pod)) node.ips.release(key);
    else if (pod.status?.podIP) node.ips.observe(key, pod.status.podIP);
    this.controller.enqueue(key);
  }

  private forget(pod: Pod): void {
    this.nodes.get(pod.spec.nodeName ?? '')?.ips.release(objectKey(pod));
    this.processes?.forget(pod);
  }

  private async reconcile(key: string): Promise<Result | void> {
    const pod = this.pods.get(key);
    const node = pod && this.nodes.get(pod.spec.nodeName ?? '');
    if (!pod || !node) return;
    // A host-network pod shares its node's address, as with a real kubelet.
    const allocateIP = () => (pod.spec.hostNetwork ? node.hostIP : node.ips.allocate(key));
    if (this.processes?.owns(pod)) {
      return this.processes.reconcile(pod, { name: pod.spec.nodeName ?? '', hostIP: node.hostIP, allocateIP });
    }
    const now = this.now();
    const step = nextStep(pod, { profile: this.profile, now, hostIP: node.hostIP, allocateIP });
    if (!step) return;
    if (step.at > now.getTime()) return { requeueAfter: step.at - now.getTime() };
    const action = step.act();
    const { namespace = '', name = '' } = pod.metadata;
    if (action.kind === 'delete') {
      try {
        await this.client.delete(CORE.pods, namespace, name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
      } catch (err) {
        if (!(isStatusError(err) && (err.code === 404 || err.code === 409))) throw err;
      }
      node.ips.release(key);
      return;
    }
    try {
      await this.client.update(CORE.pods, { ...pod, status: action.status }, 'status');
    } catch (err) {
      if (isStatusError(err) && err.code === 404) return;
      throw err;
    }
    for (const [type, reason, message] of action.events) this.events.event({ ...pod, apiVersion: 'v1', kind: 'Pod' }, type, reason, message);
  }
}
