// The network manager: at start it records the cluster's networks in the IpamStorage (pod and
// service CIDRs reserved, the external CIDR allocated from the pools, reserved subnets), which
// `liqoctl status` reads; then it runs the NetworkConfig exchange, the remapping of the peers'
// networks and the TunnelEndpoints (networkconfig-controller.ts).
import { Manager } from '../../runtime/manager.js';
import { retry, type Component } from '../component.js';
import { IPAM_STORAGE_LABEL, IPAM_STORAGE_NAME } from '../consts.js';
import { getIfExists } from '../../client/if-exists.js';
import type { IpamSpec, IpamStorage } from '../apis/net.js';
import { LIQO } from '../apis/resources.js';
import { DEFAULT_POOLS, Ipam, mustParseCidr, normalizeCidr } from './ipam.js';
import { NetworkConfigController } from './networkconfig-controller.js';

export interface NetworkFlags { podCidr: string; serviceCidr: string; reservedSubnets: string[] }

/** The IpamStorage of a fresh cluster; an existing one keeps its external CIDR. */
export function forgeIpamSpec(flags: NetworkFlags, previous?: Partial<IpamSpec>): IpamSpec {
  const podCIDR = normalizeCidr(flags.podCidr);
  const serviceCIDR = normalizeCidr(flags.serviceCidr);
  const reservedSubnets = flags.reservedSubnets.map(normalizeCidr);
  const ipam = new Ipam(DEFAULT_POOLS);
  for (const net of [podCIDR, serviceCIDR, ...reservedSubnets]) {
    if (!ipam.reserve(net)) throw new Error(`network ${net} overlaps another network of this cluster`);
  }
  const kept = previous?.externalCIDR && ipam.reserve(previous.externalCIDR) ? previous.externalCIDR : undefined;
  const externalCIDR = kept ?? ipam.allocate(mustParseCidr(podCIDR).prefix);
  if (!externalCIDR) throw new Error(`no free network of the pod CIDR's size (${podCIDR}) is left for the external CIDR`);
  return { ...previous, pools: DEFAULT_POOLS, podCIDR, serviceCIDR, externalCIDR, reservedSubnets };
}

async function ensureIpamStorage(c: Component, flags: NetworkFlags): Promise<IpamSpec> {
  const existing = await getIfExists<IpamStorage>(c.client, LIQO.ipamstorages, '', IPAM_STORAGE_NAME);
  const spec = forgeIpamSpec(flags, existing?.spec);
  if (existing) {
    await c.client.update(LIQO.ipamstorages, { ...existing, spec });
  } else {
    await c.client.create(LIQO.ipamstorages, {
      apiVersion: 'net.liqo.io/v1alpha1', kind: 'IpamStorage',
      metadata: { name: IPAM_STORAGE_NAME, labels: { [IPAM_STORAGE_LABEL]: 'true' } }, spec,
    });
  }
  return spec;
}

export async function runNetworkManager(c: Component, flags: NetworkFlags): Promise<void> {
  const spec = await retry('recording the cluster networks', c.log, () => ensureIpamStorage(c, flags));
  c.log(`pod CIDR ${spec.podCIDR}, service CIDR ${spec.serviceCIDR}, external CIDR ${spec.externalCIDR}`);
  const manager = new Manager(c.client, c.log);
  manager.add(new NetworkConfigController({ manager, namespace: c.namespace, log: c.log }));
  const abort = new AbortController();
  c.onStop(() => abort.abort());
  await retry('starting the network controllers', c.log, () => manager.start(abort.signal));
  c.setReady(true);
}
