// The resources the CRD replicator mirrors (reference §4.5) and the peering phases each one is
// replicated in. Gating follows who writes what: a ResourceRequest travels as soon as the clusters
// are authenticated (it is what starts a peering); a ResourceOffer only from a provider (we have
// an incoming peering); a NetworkConfig in either direction; a NamespaceMap only from a consumer
// (we have an outgoing peering). The remote cluster grants the matching permissions in the same
// phases (deploy/liqo.yaml, liqo-remote-peering-basic|incoming|outgoing).
import type { ResourceRef } from '../../client/resource.js';
import { LIQO, LIQO_API_VERSIONS } from '../apis/resources.js';
import type { PeeringPhase } from '../peering/phase.js';

export interface ReplicatedResource {
  /** The plural, also the resource's part of the reflection keys. */
  name: string;
  kind: string;
  apiVersion: string;
  ref: ResourceRef;
  enabledIn: readonly PeeringPhase[];
}

export const REPLICATED_RESOURCES: readonly ReplicatedResource[] = [
  { name: 'resourcerequests', kind: 'ResourceRequest', apiVersion: LIQO_API_VERSIONS.discovery, ref: LIQO.resourcerequests, enabledIn: ['Authenticated', 'Outgoing', 'Incoming', 'Bidirectional'] },
  { name: 'resourceoffers', kind: 'ResourceOffer', apiVersion: LIQO_API_VERSIONS.sharing, ref: LIQO.resourceoffers, enabledIn: ['Incoming', 'Bidirectional'] },
  { name: 'networkconfigs', kind: 'NetworkConfig', apiVersion: LIQO_API_VERSIONS.net, ref: LIQO.networkconfigs, enabledIn: ['Outgoing', 'Incoming', 'Bidirectional'] },
  { name: 'namespacemaps', kind: 'NamespaceMap', apiVersion: LIQO_API_VERSIONS.virtualkubelet, ref: LIQO.namespacemaps, enabledIn: ['Outgoing', 'Bidirectional'] },
];

export function replicatedResource(name: string): ReplicatedResource | undefined {
  return REPLICATED_RESOURCES.find((r) => r.name === name);
}

export function isReplicationEnabled(resource: ReplicatedResource, phase: PeeringPhase): boolean {
  return resource.enabledIn.includes(phase);
}
