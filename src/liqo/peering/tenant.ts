// The tenant namespace each cluster keeps for every remote cluster it knows:
// `liqo-tenant-<UniqueName(remote)>`, labelled with the remote's cluster ID. Peering objects live
// there, and a remote cluster's permissions stop there.
import type { Namespace } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { CLUSTER_ID_LABEL, TENANT_NAMESPACE_LABEL } from '../consts.js';
import { uniqueName, type ClusterIdentity } from '../identity.js';

export function tenantNamespaceName(remote: ClusterIdentity): string {
  return `liqo-tenant-${uniqueName(remote)}`;
}

export async function ensureTenantNamespace(client: Client, remote: ClusterIdentity): Promise<string> {
  const name = tenantNamespaceName(remote);
  try {
    await client.create<Namespace>(CORE.namespaces, {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { name, labels: { [CLUSTER_ID_LABEL]: remote.clusterID, [TENANT_NAMESPACE_LABEL]: 'true' } },
    });
  } catch (err) {
    if (!isStatusError(err) || err.code !== 409) throw err;
  }
  return name;
}
