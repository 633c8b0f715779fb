// The virtual node's I/O on the home cluster, as a kubelet's node status manager does it:
// registration (create when absent; on a restart the node is adopted, never duplicated), the
// labels and taint the virtual kubelet owns (others' labels and the node lifecycle's taints are
// kept), a status posted when it changes and at least every minute, the Lease in kube-node-lease
// renewed every 10 s, and the node's removal when the offer is withdrawn.
import type { Lease, Node, Pod } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { getIfExists } from '../../client/if-exists.js';
import { CORE, COORDINATION } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import {
  forgeVirtualNode, labelsPatch, statusChanged, taintsWithVirtualNodeTaint, withConditionTimes, type NodeInput, type RemoteHealth,
} from './forge-node.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
/** A quarter of the lease duration, as the kubelet renews. */
export const LEASE_RENEW_MS = 10_000;
/** The kubelet's nodeStatusReportFrequency: a status is posted at least this often. */
export const NODE_STATUS_REPORT_MS = 60_000;

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** A Lease's renewTime is a MicroTime. */
const microTime = (d: Date) => d.toISOString().replace('Z', '000Z');

function notFound(err: unknown): boolean {
  return isStatusError(err) && err.code === 404;
}

export class VirtualNodeAgent {
  private uid: string | undefined;
  private lastStatusAt = 0;
  /** The offer labels applied last, to remove those a new offer drops. */
  private offeredLabels = new Set<string>();

  constructor(private readonly client: Client, readonly name: string, private readonly now: () => Date, private readonly log: (msg: string) => void = () => {}) {}

  private current(): Promise<Node | undefined> {
    return getIfExists<Node>(this.client, CORE.nodes, '', this.name);
  }

  /** Creates or adopts the node, brings its labels and taint to the offer's, and posts its status when due. */
  async ensureNode(input: NodeInput, health: RemoteHealth): Promise<'created' | 'updated' | 'unchanged'> {
    const forged = forgeVirtualNode(input, health);
    let node = await this.current();
    let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
    if (!node) {
      // Status is dropped on create, as kube does: it is posted through the subresource below.
      node = await this.client.create<Node>(CORE.nodes, { ...forged, status: undefined });
      this.lastStatusAt = 0;
      outcome = 'created';
    } else if (node.metadata.deletionTimestamp) {
      throw new Error(`node ${this.name} is being deleted: waiting for it to go before registering it again`);
    } else {
      const labels = labelsPatch(node.metadata.labels, forged.metadata.labels ?? {}, this.offeredLabels);
      const taints = taintsWithVirtualNodeTaint(node.spec?.taints);
      if (labels || taints) {
        node = await this.client.patch<Node>(CORE.nodes, '', this.name, { metadata: labels ? { labels } : undefined, spec: taints ? { taints } : undefined });
        outcome = 'updated';
      }
    }
    this.uid = node.metadata.uid;
    this.offeredLabels = new Set(Object.keys(input.offer.spec.labels ?? {}));
    const status = forged.status ?? {};
    const due = this.now().getTime() - this.lastStatusAt >= NODE_STATUS_REPORT_MS;
    if (due || statusChanged(node.status, status)) {
      const at = this.now();
      const conditions = withConditionTimes(status.conditions ?? [], node.status?.conditions, rfc3339(at));
      await this.client.patch(CORE.nodes, '', this.name, { status: { ...status, conditions } }, 'merge', { subresource: 'status' });
      this.lastStatusAt = at.getTime();
      if (outcome === 'unchanged') outcome = 'updated';
    }
    return outcome;
  }

  /** Renews (or creates) the node's Lease, which the node lifecycle controller watches. */
  async ensureLease(): Promise<void> {
    if (!this.uid) return;
    const spec = { holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTime(this.now()) };
    try {
      await this.client.patch(COORDINATION.leases, NODE_LEASE_NAMESPACE, this.name, { spec });
    } catch (err) {
      if (!notFound(err)) throw err;
      await this.client.create<Lease>(COORDINATION.leases, {
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
        metadata: { name: this.name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: this.uid }] },
        spec,
      });
    }
  }

  /**
   * Unpeering: cordons the node, drains it (its pods are deleted at once: this kubelet is the one
   * that would finish them), then deletes the node and its Lease; resolves true once the node is
   * gone (other finalizers may hold it).
   */
  async removeNode(): Promise<boolean> {
    if (await this.current()) {
      try {
        await this.client.patch(CORE.nodes, '', this.name, { spec: { unschedulable: true } });
        const pods = await this.client.list<Pod>(CORE.pods, { fieldSelector: `spec.nodeName=${this.name}` });
        for (const pod of pods.items) {
          await this.client.delete(CORE.pods, pod.metadata.namespace ?? '', pod.metadata.name ?? '', { gracePeriodSeconds: 0 }).catch((err: unknown) => { if (!notFound(err)) throw err; });
        }
      } catch (err) {
        // A drain that cannot finish must not hold the unpeering: the node goes anyway, and the
        // garbage collector of the pods' owners takes it from there.
        this.log(`draining node ${this.name}: ${(err as Error).message}`);
      }
    }
    this.uid = undefined;
    for (const [ref, ns] of [[CORE.nodes, ''], [COORDINATION.leases, NODE_LEASE_NAMESPACE]] as const) {
      try {
        await this.client.delete(ref, ns, this.name);
      } catch (err) {
        if (!notFound(err)) throw err;
      }
    }
    return (await this.current()) === undefined;
  }
}
