// The CRD replicator component (`liqo.mjs crd-replicator`): copies the peering resources
// (ResourceRequests, ResourceOffers, NetworkConfigs, NamespaceMaps) labelled for replication into
// the tenant namespaces of the peered clusters, with the identity each peering grants, and brings
// their status back (replicator.ts). This file is the component's start-up: the cluster identity,
// the manager and its caches, readiness.
import { Manager } from '../../runtime/manager.js';
import { LIQO } from '../apis/resources.js';
import { retry, type Component } from '../component.js';
import { readClusterIdentity } from '../identity.js';
import { CrdReplicator } from './replicator.js';

export async function runCrdReplicator(c: Component): Promise<void> {
  const identity = await retry('reading the cluster identity', c.log, () => readClusterIdentity(c.client, c.namespace));
  c.log(`replicating for cluster ${identity.clusterName} (${identity.clusterID})`);
  // The caches start once the API answers for the Liqo resources (CRDs installed, RBAC bound).
  await retry('listing foreignclusters', c.log, () => c.client.list(LIQO.foreignclusters, { limit: 1 }));
  const manager = new Manager(c.client, c.log);
  manager.add(new CrdReplicator({ manager, localClusterID: identity.clusterID, log: c.log, userAgent: `liqo-ts/${c.name}` }));
  const abort = new AbortController();
  c.onStop(() => abort.abort());
  await manager.start(abort.signal);
  c.setReady(true);
}
