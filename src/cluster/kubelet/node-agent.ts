// The node half of a simulated kubelet: registers its Node (creating it from the forged object
// when absent, as a kubelet's registration does), posts a Ready status on start and every minute,
// and renews the node's Lease in kube-node-lease every 10 s, which is what the node lifecycle
// controller watches. A user's changes to the node's spec (cordon, taints, labels) are kept: only
// status is rewritten.
import type { Lease, Node, NodeStatus } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE, COORDINATION } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { LEASE_DURATION_SECONDS, NODE_LEASE_NAMESPACE, SIMULATED_BY_ANNOTATION } from './constants.js';
import { rfc3339 } from './pod-status.js';

/** Fresh heartbeat and transition times on the forged status's conditions, kept where unchanged. */
export function forgeNodeStatus(forged: NodeStatus, current: NodeStatus | undefined, now: Date): NodeStatus {
  const t = rfc3339(now);
  const old = new Map((current?.conditions ?? []).map((c) => [c.type, c]));
  return {
    ...current, ...forged,
    conditions: (forged.conditions ?? []).map((c) => {
      const prev = old.get(c.type);
      return { ...c, lastHeartbeatTime: t, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : t };
    }),
  };
}

export function forgeNodeLease(node: Node, now: Date): Lease {
  const name = node.metadata.name ?? '';
  return {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: {
      name, namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: node.metadata.uid ? [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] : undefined,
    },
    spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: now.toISOString().replace('Z', '000Z') },
  };
}

export class NodeAgent {
  private uid: string | undefined;

  constructor(private readonly client: Client, private readonly forged: Node, private readonly clusterName: string, private readonly now: () => Date) {}

  get name(): string {
    return this.forged.metadata.name ?? '';
  }

  /** Creates the node if missing, else posts a fresh Ready status on it. */
  async ensureRegistered(): Promise<void> {
    const annotations = { ...this.forged.metadata.annotations, [SIMULATED_BY_ANNOTATION]: this.clusterName };
    try {
      const current = await this.client.get<Node>(CORE.nodes, '', this.name);
      this.uid = current.metadata.uid;
      await this.ensureStatus(current);
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
      const node = { ...this.forged, metadata: { ...this.forged.metadata, annotations } };
      const created = await this.client.create<Node>(CORE.nodes, { ...node, status: forgeNodeStatus(this.forged.status ?? {}, undefined, this.now()) });
      this.uid = created.metadata.uid;
      // Status is dropped on create (as kube resets it); post it through the status subresource.
      await this.ensureStatus(created);
    }
  }

  async ensureStatus(current?: Node): Promise<void> {
    const node = current ?? await this.client.get<Node>(CORE.nodes, '', this.name);
    const status = forgeNodeStatus(this.forged.status ?? {}, node.status, this.now());
    await this.client.update(CORE.nodes, { ...node, status }, 'status');
  }

  /** Renews (or creates) the node's Lease. */
  async ensureLease(): Promise<void> {
    const lease = forgeNodeLease({ ...this.forged, metadata: { ...this.forged.metadata, uid: this.uid } }, this.now());
    try {
      await this.client.patch(COORDINATION.leases, NODE_LEASE_NAMESPACE, this.name, { spec: lease.spec });
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
      await this.client.create(COORDINATION.leases, lease);
    }
  }
}
