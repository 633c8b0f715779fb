// net.liqo.io/v1alpha1 kinds (NetworkConfig, TunnelEndpoint, IpamStorage, NatMapping) as they
// travel on the wire, mirroring liqo's apis/net/v1alpha1 of v0.7 (deploy/crd-*.net.liqo.io.yaml).
// The odd field names (backend_config, ExternalCIDROriginalIP...) are upstream's wire names.
// Nothing here has behaviour.
import type { KubeObject } from '../../api/types.js';
import type { ClusterIdentity } from './discovery.js';

/** The value CIDR fields hold when a network is not remapped. */
export type CIDROrNone = string;

export interface NetworkConfigSpec {
  /** The cluster that receives this configuration. */
  cluster: ClusterIdentity;
  podCIDR: string;
  externalCIDR: string;
  endpointIP: string;
  backendType: string;
  backend_config: Record<string, string>;
}

export interface NetworkConfigStatus {
  processed: boolean;
  podCIDRNAT?: CIDROrNone;
  externalCIDRNAT?: CIDROrNone;
}

export interface NetworkConfig extends KubeObject {
  spec: NetworkConfigSpec;
  status?: NetworkConfigStatus;
}

export interface TunnelEndpointSpec {
  clusterIdentity: ClusterIdentity;
  localPodCIDR: string;
  localNATPodCIDR?: CIDROrNone;
  localExternalCIDR: string;
  localNATExternalCIDR?: CIDROrNone;
  remotePodCIDR: string;
  remoteNATPodCIDR?: CIDROrNone;
  remoteExternalCIDR: string;
  remoteNATExternalCIDR?: CIDROrNone;
  endpointIP: string;
  backendType: string;
  backend_config: Record<string, string>;
}

export type ConnectionStatus = 'Connected' | 'Connecting' | 'Error';

export interface ConnectionLatency {
  value?: string;
  timestamp?: string;
}

export interface Connection {
  status?: ConnectionStatus;
  statusMessage?: string;
  peerConfiguration?: Record<string, string>;
  latency?: ConnectionLatency;
}

export interface TunnelEndpointStatus {
  tunnelIFaceIndex?: number;
  tunnelIFaceName?: string;
  vethIFaceIndex?: number;
  vethIFaceName?: string;
  vethIP?: string;
  gatewayIP?: string;
  connection?: Connection;
}

export interface TunnelEndpoint extends KubeObject {
  spec: TunnelEndpointSpec;
  status?: TunnelEndpointStatus;
}

/** The networks in use for one peered cluster. */
export interface Subnets {
  remotePodCIDR: string;
  remoteExternalCIDR: string;
  localNATPodCIDR: CIDROrNone;
  localNATExternalCIDR: CIDROrNone;
}

export interface ClusterMapping {
  ExternalCIDRNattedIP: string;
}

export interface EndpointMapping {
  ExternalCIDROriginalIP: string;
  /** Keyed by cluster ID. */
  clusterMappings: Record<string, ClusterMapping>;
}

/** The maps are optional (upstream always writes them): a fresh cluster records only its networks. */
export interface IpamSpec {
  pools: string[];
  /** The allocator's own state, keyed by prefix CIDR (opaque: the CRD preserves unknown fields). */
  prefixes?: Record<string, unknown>;
  reservedSubnets: string[];
  podCIDR: string;
  serviceCIDR: string;
  externalCIDR: string;
  /** Keyed by cluster ID. */
  clusterSubnets?: Record<string, Subnets>;
  /** Keyed by the endpoint's IP. */
  endpointMappings?: Record<string, EndpointMapping>;
  /** Keyed by cluster ID; the values are always empty objects. */
  natMappingsConfigured?: Record<string, Record<string, never>>;
}

/** Cluster-scoped, no status. */
export interface IpamStorage extends KubeObject {
  spec: IpamSpec;
}

export interface NatMappingSpec {
  clusterID: string;
  podCIDR: string;
  externalCIDR: string;
  /** Original IP -> translated IP. */
  clusterMappings: Record<string, string>;
}

/** Cluster-scoped; its status is empty. */
export interface NatMapping extends KubeObject {
  spec: NatMappingSpec;
  status?: Record<string, never>;
}
