// Pure builders of what the provider writes for a consumer (reference §3.1, §3.3, §4.6): the
// ResourceOffer answering its ResourceRequest (in the same tenant namespace, named after the
// provider, replicated back to the consumer, owned by the request), and the ForeignCluster of an
// incoming peering, through which the provider authenticates back to the consumer.
import type { ResourceList } from '../../api/core-v1.js';
import type { ForeignCluster, ResourceRequest } from '../apis/discovery.js';
import { LIQO_API_VERSIONS } from '../apis/resources.js';
import type { ResourceOffer } from '../apis/sharing.js';
import { CLUSTER_ID_LABEL, DISCOVERY_TYPE_INCOMING, DISCOVERY_TYPE_LABEL, REMOTE_ID_LABEL, REPLICATION_LABEL } from '../consts.js';
import type { ClusterIdentity } from '../identity.js';

export interface OfferInput {
  rr: ResourceRequest;
  provider: ClusterIdentity;
  hard: ResourceList;
  clusterLabels: Record<string, string>;
}

export function forgeResourceOffer({ rr, provider, hard, clusterLabels }: OfferInput): ResourceOffer {
  const consumerID = rr.spec.clusterIdentity.clusterID;
  return {
    apiVersion: LIQO_API_VERSIONS.sharing, kind: 'ResourceOffer',
    metadata: {
      name: provider.clusterName, namespace: rr.metadata.namespace,
      labels: { [CLUSTER_ID_LABEL]: consumerID, [REPLICATION_LABEL]: 'true', [REMOTE_ID_LABEL]: consumerID },
      ownerReferences: [{ apiVersion: LIQO_API_VERSIONS.discovery, kind: 'ResourceRequest', name: rr.metadata.name ?? '', uid: rr.metadata.uid ?? '', controller: true }],
    },
    spec: { clusterId: provider.clusterID, resourceQuota: { hard }, labels: { ...clusterLabels } },
  };
}

/** The spec fields the provider keeps current on an existing offer (a merge patch). */
export function offerSpecPatch(desired: ResourceOffer): Partial<ResourceOffer['spec']> {
  return { resourceQuota: desired.spec.resourceQuota, labels: desired.spec.labels };
}

export function forgeIncomingForeignCluster(rr: ResourceRequest, name: string): ForeignCluster {
  const id = rr.spec.clusterIdentity;
  return {
    apiVersion: LIQO_API_VERSIONS.discovery, kind: 'ForeignCluster',
    metadata: { name, labels: { [DISCOVERY_TYPE_LABEL]: DISCOVERY_TYPE_INCOMING, [CLUSTER_ID_LABEL]: id.clusterID } },
    spec: {
      clusterIdentity: { clusterID: id.clusterID, clusterName: id.clusterName },
      foreignAuthUrl: rr.spec.authUrl, outgoingPeeringEnabled: 'Auto', incomingPeeringEnabled: 'Auto',
    },
  };
}
