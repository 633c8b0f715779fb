// The CRD replicator: copies the peering resources (ResourceRequests, ResourceOffers,
// NetworkConfigs, NamespaceMaps) between peered clusters with the identity peering grants. It
// has nothing to replicate until peerings exist (issue 6); it starts, finds its identity, and
// reports ready.
import { retry, type Component } from '../component.js';
import { readClusterIdentity } from '../identity.js';

export async function runCrdReplicator(c: Component): Promise<void> {
  const identity = await retry('reading the cluster identity', c.log, () => readClusterIdentity(c.client, c.namespace));
  c.log(`replicating for cluster ${identity.clusterName}: no peerings yet`);
  c.setReady(true);
}
