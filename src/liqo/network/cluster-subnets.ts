// The IPAM's per-peering bookkeeping (reference §3.6, §4.7), as a pure edit of the IpamStorage
// spec: the networks a remote cluster's pods and external CIDR take here (its own, or a
// substitute of the same size on overlap, by best fit), kept in spec.clusterSubnets[clusterID] so
// they survive restarts and never move while the peering lasts; and how the remote remapped ours.
// The IPAM is rebuilt from the spec each time: the cluster's own networks, the reserved subnets
// and every other peering's networks are taken.
import type { IpamSpec, Subnets } from '../apis/net.js';
import { Ipam, mustParseCidr, normalizeCidr } from './ipam.js';

export const NONE = 'None';

/** The networks in use here, except those of `exceptClusterID`. */
function ipamOf(spec: IpamSpec, exceptClusterID?: string): Ipam {
  const used = [spec.podCIDR, spec.serviceCIDR, spec.externalCIDR, ...(spec.reservedSubnets ?? [])].filter(Boolean);
  for (const [id, s] of Object.entries(spec.clusterSubnets ?? {})) {
    if (id === exceptClusterID) continue;
    used.push(...[s.remotePodCIDR, s.remoteExternalCIDR].filter((c) => c && c !== NONE));
  }
  return new Ipam(spec.pools, used);
}

export interface RemoteNetworks {
  /** The network the remote's pods take here (its pod CIDR, or the substitute). */
  podCIDR: string;
  externalCIDR: string;
  /** NetworkConfig status: the substitute, or None when not remapped. */
  podCIDRNAT: string;
  externalCIDRNAT: string;
}

/** How the remote's networks appear here, from what clusterSubnets records. */
export function remoteNetworks(subnets: Subnets, remote: { podCIDR: string; externalCIDR: string }): RemoteNetworks {
  const nat = (taken: string, theirs: string) => (taken === normalizeCidr(theirs) ? NONE : taken);
  return {
    podCIDR: subnets.remotePodCIDR, externalCIDR: subnets.remoteExternalCIDR,
    podCIDRNAT: nat(subnets.remotePodCIDR, remote.podCIDR), externalCIDRNAT: nat(subnets.remoteExternalCIDR, remote.externalCIDR),
  };
}

/**
 * The networks of a remote cluster, allocated once: an existing entry is kept as it is (processing
 * a NetworkConfig again allocates nothing), unless it no longer fits the remote's CIDRs (a
 * different prefix length: the remote changed its pod CIDR). `changed` says whether `spec` moved.
 */
export function allocateClusterSubnets(spec: IpamSpec, clusterID: string, remote: { podCIDR: string; externalCIDR: string }): { spec: IpamSpec; subnets: Subnets; changed: boolean } {
  const existing = spec.clusterSubnets?.[clusterID];
  const sameSize = (taken: string | undefined, theirs: string) => !!taken && taken !== NONE && mustParseCidr(taken).prefix === mustParseCidr(theirs).prefix;
  if (existing && sameSize(existing.remotePodCIDR, remote.podCIDR) && sameSize(existing.remoteExternalCIDR, remote.externalCIDR)) {
    return { spec, subnets: existing, changed: false };
  }
  const ipam = ipamOf(spec, clusterID);
  const pod = ipam.reserveOrRemap(remote.podCIDR);
  if (!pod) throw new Error(`no free network of the size of ${remote.podCIDR} is left for the pods of cluster ${clusterID}`);
  const external = ipam.reserveOrRemap(remote.externalCIDR);
  if (!external) throw new Error(`no free network of the size of ${remote.externalCIDR} is left for the external CIDR of cluster ${clusterID}`);
  const subnets: Subnets = {
    remotePodCIDR: pod.cidr, remoteExternalCIDR: external.cidr,
    localNATPodCIDR: existing?.localNATPodCIDR ?? NONE, localNATExternalCIDR: existing?.localNATExternalCIDR ?? NONE,
  };
  return { spec: { ...spec, clusterSubnets: { ...spec.clusterSubnets, [clusterID]: subnets } }, subnets, changed: true };
}

/** Records how the remote remapped this cluster's networks (the status of our NetworkConfig). */
export function recordLocalNAT(spec: IpamSpec, clusterID: string, nat: { podCIDRNAT?: string; externalCIDRNAT?: string }): { spec: IpamSpec; changed: boolean } {
  const existing = spec.clusterSubnets?.[clusterID];
  if (!existing) return { spec, changed: false };
  const localNATPodCIDR = nat.podCIDRNAT || NONE;
  const localNATExternalCIDR = nat.externalCIDRNAT || NONE;
  if (existing.localNATPodCIDR === localNATPodCIDR && existing.localNATExternalCIDR === localNATExternalCIDR) return { spec, changed: false };
  return { spec: { ...spec, clusterSubnets: { ...spec.clusterSubnets, [clusterID]: { ...existing, localNATPodCIDR, localNATExternalCIDR } } }, changed: true };
}

/** Frees the networks of a peering that ended. */
export function releaseClusterSubnets(spec: IpamSpec, clusterID: string): { spec: IpamSpec; changed: boolean } {
  if (!spec.clusterSubnets?.[clusterID]) return { spec, changed: false };
  const { [clusterID]: _gone, ...rest } = spec.clusterSubnets;
  return { spec: { ...spec, clusterSubnets: rest }, changed: true };
}
