// Pure builders of the network manager: where peers reach this cluster's gateway (from the
// liqo-gateway Service, as liqoctl finds the auth service), the NetworkConfig this cluster sends a
// peer (reference §3.4) and the TunnelEndpoint built from both NetworkConfigs of a peering (§3.5).
import type { Node, Service } from '../../api/core-v1.js';
import { nodeAddress } from '../auth/auth-url.js';
import {
  BACKEND_PORT, BACKEND_PUBLIC_KEY, GATEWAY_BACKEND_TYPE, OVERRIDE_ADDRESS_ANNOTATION, OVERRIDE_PORT_ANNOTATION,
  REMOTE_ID_LABEL, REPLICATION_LABEL, TEP_CLUSTER_ID_LABEL,
} from '../consts.js';
import { uniqueName, type ClusterIdentity } from '../identity.js';
import type { IpamSpec, NetworkConfig, TunnelEndpoint } from '../apis/net.js';
import { LIQO_API_VERSIONS } from '../apis/resources.js';
import { NONE, type RemoteNetworks } from './cluster-subnets.js';

export interface GatewayEndpoint { ip: string; port: number }

/**
 * How peers reach the gateway: override annotations first, then a LoadBalancer's ingress and
 * Service port, or a NodePort on the first non-virtual node's address.
 */
export function forgeGatewayEndpoint(svc: Service, nodes: Node[]): GatewayEndpoint {
  const annotations = svc.metadata.annotations ?? {};
  const port = svc.spec.ports?.[0];
  const type = svc.spec.type ?? 'ClusterIP';
  let ip = annotations[OVERRIDE_ADDRESS_ANNOTATION];
  let portNumber = annotations[OVERRIDE_PORT_ANNOTATION] ? Number(annotations[OVERRIDE_PORT_ANNOTATION]) : undefined;
  if (type === 'LoadBalancer') {
    const ingress = ((svc as { status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } }).status?.loadBalancer?.ingress ?? [])[0];
    ip ??= ingress?.ip || ingress?.hostname;
    portNumber ??= port?.port;
    if (!ip) throw new Error(`the ${svc.metadata.name} LoadBalancer Service has no external IP yet`);
  } else if (type === 'NodePort') {
    ip ??= nodeAddress(nodes);
    portNumber ??= port?.nodePort;
  }
  if (!ip || !portNumber) {
    throw new Error(`cannot expose the gateway with a ${type} Service: use a NodePort or LoadBalancer Service, or set the ${OVERRIDE_ADDRESS_ANNOTATION} and ${OVERRIDE_PORT_ANNOTATION} annotations`);
  }
  return { ip, port: portNumber };
}

/** The NetworkConfig a cluster sends a peer: named after the peer, in its tenant namespace. */
export function networkConfigName(remote: ClusterIdentity): string {
  return uniqueName(remote);
}

export interface LocalNetwork {
  ipam: Pick<IpamSpec, 'podCIDR' | 'externalCIDR'>;
  endpoint: GatewayEndpoint;
  publicKey: string;
}

export function forgeNetworkConfig(remote: ClusterIdentity, namespace: string, local: LocalNetwork): NetworkConfig {
  return {
    apiVersion: LIQO_API_VERSIONS.net, kind: 'NetworkConfig',
    metadata: { name: networkConfigName(remote), namespace, labels: { [REPLICATION_LABEL]: 'true', [REMOTE_ID_LABEL]: remote.clusterID } },
    spec: {
      cluster: { clusterID: remote.clusterID, clusterName: remote.clusterName },
      podCIDR: local.ipam.podCIDR, externalCIDR: local.ipam.externalCIDR, endpointIP: local.endpoint.ip,
      backendType: GATEWAY_BACKEND_TYPE,
      backend_config: { [BACKEND_PUBLIC_KEY]: local.publicKey, [BACKEND_PORT]: String(local.endpoint.port) },
    },
  };
}

export function tunnelEndpointName(remote: ClusterIdentity): string {
  return `tep-${uniqueName(remote)}`;
}

/**
 * The TunnelEndpoint of a peering: our networks and how the remote sees them (the status it wrote
 * on our NetworkConfig), its networks and how we see them (what we allocated), its gateway.
 */
export function forgeTunnelEndpoint(remote: ClusterIdentity, namespace: string, local: NetworkConfig, received: NetworkConfig, seen: RemoteNetworks): TunnelEndpoint {
  return {
    apiVersion: LIQO_API_VERSIONS.net, kind: 'TunnelEndpoint',
    metadata: { name: tunnelEndpointName(remote), namespace, labels: { [TEP_CLUSTER_ID_LABEL]: remote.clusterID } },
    spec: {
      clusterIdentity: { clusterID: remote.clusterID, clusterName: remote.clusterName },
      localPodCIDR: local.spec.podCIDR, localNATPodCIDR: local.status?.podCIDRNAT || NONE,
      localExternalCIDR: local.spec.externalCIDR, localNATExternalCIDR: local.status?.externalCIDRNAT || NONE,
      remotePodCIDR: received.spec.podCIDR, remoteNATPodCIDR: seen.podCIDRNAT,
      remoteExternalCIDR: received.spec.externalCIDR, remoteNATExternalCIDR: seen.externalCIDRNAT,
      endpointIP: received.spec.endpointIP, backendType: received.spec.backendType, backend_config: { ...received.spec.backend_config },
    },
  };
}
