// discovery.liqo.io/v1alpha1 kinds (ForeignCluster, ResourceRequest) as they travel on the wire,
// mirroring liqo's apis/discovery/v1alpha1 of v0.7. The CRDs are deploy/crd-*.discovery.liqo.io.yaml;
// defaults (peeringType OutOfBand, *PeeringEnabled Auto...) are applied by the API server from
// there, so every defaulted field stays optional here. Nothing here has behaviour.
import type { KubeObject } from '../../api/types.js';

// Enum values as arrays (in CRD order) so tests can hold them against the CRD schemas.
export const PEERING_TYPES = ['OutOfBand', 'InBand'] as const;
export type PeeringType = (typeof PEERING_TYPES)[number];

export const PEERING_ENABLED_TYPES = ['Auto', 'No', 'Yes'] as const;
export type PeeringEnabledType = (typeof PEERING_ENABLED_TYPES)[number];

export const PEERING_CONDITION_TYPES = [
  'OutgoingPeering', 'IncomingPeering', 'NetworkStatus', 'AuthenticationStatus', 'ProcessForeignClusterStatus',
] as const;
export type PeeringConditionType = (typeof PEERING_CONDITION_TYPES)[number];

export const PEERING_CONDITION_STATUSES = [
  'None', 'Pending', 'Established', 'Disconnecting', 'Denied', 'EmptyDenied', 'Error', 'Success',
] as const;
export type PeeringConditionStatus = (typeof PEERING_CONDITION_STATUSES)[number];

/** Who a cluster is: also used by ResourceRequest, NetworkConfig and TunnelEndpoint. */
export interface ClusterIdentity {
  clusterID: string;
  clusterName: string;
}

export interface ForeignClusterSpec {
  peeringType?: PeeringType;
  clusterIdentity?: ClusterIdentity;
  outgoingPeeringEnabled?: PeeringEnabledType;
  incomingPeeringEnabled?: PeeringEnabledType;
  foreignAuthUrl: string;
  foreignProxyUrl?: string;
  insecureSkipTLSVerify?: boolean;
  ttl?: number;
}

export interface TenantNamespace {
  local?: string;
  remote?: string;
}

export interface PeeringCondition {
  type: PeeringConditionType;
  status: PeeringConditionStatus;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ForeignClusterStatus {
  tenantNamespace?: TenantNamespace;
  peeringConditions?: PeeringCondition[];
}

export interface ForeignCluster extends KubeObject {
  spec: ForeignClusterSpec;
  status?: ForeignClusterStatus;
}

export const OFFER_STATES = ['None', 'Created'] as const;
export type OfferState = (typeof OFFER_STATES)[number];

export interface ResourceRequestSpec {
  clusterIdentity: ClusterIdentity;
  authUrl: string;
  withdrawalTimestamp?: string;
}

export interface ResourceRequestStatus {
  offerState: OfferState;
  offerWithdrawalTimestamp?: string;
}

export interface ResourceRequest extends KubeObject {
  spec: ResourceRequestSpec;
  status?: ResourceRequestStatus;
}
