// What each `liqoctl install <provider>` learns from the cluster before installing: the pod and
// service CIDRs and how the auth and gateway Services are exposed. kind and kubeadm read the
// kube-controller-manager's flags from its mirror pod in kube-system (defaults when absent, as
// liqoctl does); k3s has fixed defaults; the generic install takes them from flags.
import type { Pod } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { parseIPv4Cidr } from '../../machinery/cidr.js';

export const PROVIDERS = ['kind', 'k3s', 'kubeadm'] as const;
export type Provider = (typeof PROVIDERS)[number] | 'generic';

export interface ProviderConfig {
  podCIDR: string;
  serviceCIDR: string;
  serviceType: 'NodePort' | 'LoadBalancer';
}

export interface CidrFlags { podCidr?: string; serviceCidr?: string }

const KCM_DEFAULTS = { podCIDR: '172.16.0.0/16', serviceCIDR: '10.96.0.0/12' };
const K3S_DEFAULTS = { podCIDR: '10.42.0.0/16', serviceCIDR: '10.43.0.0/16' };

/** `--flag=value` or `--flag value` in a command line. */
export function commandFlag(command: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < command.length; i++) {
    const a = command[i]!;
    if (a.startsWith(`--${flag}=`)) return a.slice(flag.length + 3);
    if (a === `--${flag}`) return command[i + 1];
  }
  return undefined;
}

async function fromControllerManager(client: Client): Promise<{ podCIDR: string; serviceCIDR: string }> {
  const pods = await client.list<Pod>(CORE.pods, { namespace: 'kube-system', labelSelector: 'component=kube-controller-manager' });
  const c = pods.items[0]?.spec.containers[0];
  const command = [...(c?.command ?? []), ...(c?.args ?? [])];
  return {
    podCIDR: commandFlag(command, 'cluster-cidr') ?? KCM_DEFAULTS.podCIDR,
    serviceCIDR: commandFlag(command, 'service-cluster-ip-range') ?? KCM_DEFAULTS.serviceCIDR,
  };
}

export function requireGenericCidrs(flags: CidrFlags): void {
  const missing = [!flags.podCidr && '--pod-cidr', !flags.serviceCidr && '--service-cidr'].filter(Boolean);
  if (missing.length) throw new Error(`${missing.join(' and ')} must be set for a generic install (or choose a provider: liqoctl install ${PROVIDERS.join('|')})`);
  for (const cidr of [flags.podCidr!, flags.serviceCidr!]) {
    if (!parseIPv4Cidr(cidr)) throw new Error(`invalid CIDR address: ${cidr}`);
  }
}

export async function providerConfig(provider: Provider, client: Client, flags: CidrFlags): Promise<ProviderConfig> {
  switch (provider) {
    case 'kind': return { ...(await fromControllerManager(client)), serviceType: 'NodePort' };
    case 'kubeadm': return { ...(await fromControllerManager(client)), serviceType: 'LoadBalancer' };
    case 'k3s': return { podCIDR: flags.podCidr ?? K3S_DEFAULTS.podCIDR, serviceCIDR: flags.serviceCidr ?? K3S_DEFAULTS.serviceCIDR, serviceType: 'LoadBalancer' };
    case 'generic':
      requireGenericCidrs(flags);
      return { podCIDR: flags.podCidr!, serviceCIDR: flags.serviceCidr!, serviceType: 'LoadBalancer' };
  }
}
