// The consumer's ResourceRequest towards a provider (reference §3.2): in the local tenant
// namespace, named after this cluster, replicated to the provider by the CRD replicator.
import type { ForeignCluster, ResourceRequest } from '../apis/discovery.js';
import { LIQO_API_VERSIONS } from '../apis/resources.js';
import { REMOTE_ID_LABEL, REPLICATION_LABEL } from '../consts.js';
import type { ClusterIdentity } from '../identity.js';

export function forgeResourceRequest(fc: ForeignCluster, tenantNamespace: string, local: ClusterIdentity, localAuthURL: string): ResourceRequest {
  return {
    apiVersion: LIQO_API_VERSIONS.discovery, kind: 'ResourceRequest',
    metadata: {
      name: local.clusterName, namespace: tenantNamespace,
      labels: { [REPLICATION_LABEL]: 'true', [REMOTE_ID_LABEL]: fc.spec.clusterIdentity?.clusterID ?? '' },
      ownerReferences: [{ apiVersion: LIQO_API_VERSIONS.discovery, kind: 'ForeignCluster', name: fc.metadata.name ?? '', uid: fc.metadata.uid ?? '', controller: true }],
    },
    spec: { clusterIdentity: local, authUrl: localAuthURL },
  };
}
