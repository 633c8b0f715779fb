// The values of one install, checked before anything is written: the cluster name (the flag, the
// installed one, or a generated "adjective-noun"), the labels with the provider's, the sharing
// percentage, the CIDRs (normalised), and the cluster ID kept across upgrades.
import { randomInt, randomUUID } from 'node:crypto';
import type { ConfigMap, Pod, Service } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { parseIPv4, parseIPv4Cidr } from '../../machinery/cidr.js';
import { CLUSTER_ID_CONFIGMAP, CLUSTER_ID_KEY, CLUSTER_NAME_KEY, PROVIDER_LABEL } from '../../liqo/consts.js';
import { normalizeCidr } from '../../liqo/network/ipam.js';
import { getIfExists } from '../../client/if-exists.js';
import type { InstallValues } from './manifests.js';
import type { Provider, ProviderConfig } from './providers.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const CLUSTER_NAME_ERROR = 'the cluster name may only contain lowercase letters, numbers and hyphens, and must not be no longer than 63 characters';

export function validateClusterName(name: string): void {
  if (!DNS1123_LABEL.test(name) || name.length > 63) throw new Error(CLUSTER_NAME_ERROR);
}

const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Label keys and values as Kubernetes accepts them (a bad one would fail on every virtual node). */
export function validateLabels(labels: Record<string, string>): void {
  for (const [k, v] of Object.entries(labels)) {
    const [prefix, name] = k.includes('/') ? [k.slice(0, k.indexOf('/')), k.slice(k.indexOf('/') + 1)] : ['', k];
    const prefixOk = !prefix || (prefix.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix));
    if (!prefixOk || !name || name.length > 63 || !QUALIFIED.test(name)) throw new Error(`invalid cluster label key "${k}": a label key is an optional DNS subdomain prefix and "/", then a name of up to 63 alphanumeric characters, "-", "_" or "."`);
    if (v.length > 63 || (v !== '' && !QUALIFIED.test(v))) throw new Error(`invalid cluster label value "${v}" for key "${k}": up to 63 alphanumeric characters, "-", "_" or ".", starting and ending alphanumeric`);
  }
}

const ADJECTIVES = ['autumn', 'bold', 'calm', 'crimson', 'damp', 'dawn', 'fragrant', 'gentle', 'hidden', 'lively', 'misty', 'quiet', 'silent', 'sparkling', 'still', 'wild'];
const NOUNS = ['bird', 'brook', 'cloud', 'dew', 'field', 'fire', 'forest', 'hill', 'lake', 'meadow', 'moon', 'river', 'sea', 'snow', 'sun', 'wave'];

export function generateName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}`;
}

export async function installedIdentity(client: Client, namespace: string): Promise<{ clusterID?: string; clusterName?: string }> {
  const cm = await getIfExists<ConfigMap>(client, CORE.configmaps, namespace, CLUSTER_ID_CONFIGMAP);
  return { clusterID: cm?.data?.[CLUSTER_ID_KEY] || undefined, clusterName: cm?.data?.[CLUSTER_NAME_KEY] || undefined };
}

function inCidr(ip: string, cidr: string): boolean {
  const c = parseIPv4Cidr(cidr);
  const v = parseIPv4(ip);
  if (!c || v === undefined) return true; // IPv6 and the like: not ours to judge
  return v >= c.network && v < c.network + 2 ** (32 - c.prefix);
}

/** Liqo's sanity check: the CIDRs it was given are the cluster's (pods and Services live in them). */
export async function validateCidrs(client: Client, podCIDR: string, serviceCIDR: string): Promise<void> {
  for (const pod of (await client.list<Pod>(CORE.pods)).items) {
    const ip = pod.status?.podIP;
    if (!ip || pod.spec.hostNetwork || pod.metadata.labels?.['liqo.io/shadowPod']) continue;
    if (!inCidr(ip, podCIDR)) throw new Error(`pod "${pod.metadata.namespace}/${pod.metadata.name}" does not match the provided Pod CIDR (IP: ${ip}, Pod CIDR: ${podCIDR})`);
  }
  for (const svc of (await client.list<Service>(CORE.services)).items) {
    const ip = svc.spec.clusterIP;
    if (!ip || ip === 'None') continue;
    if (!inCidr(ip, serviceCIDR)) throw new Error(`service "${svc.metadata.namespace}/${svc.metadata.name}" does not match the provided Service CIDR (IP: ${ip}, Service CIDR: ${serviceCIDR})`);
  }
}

export interface ValueFlags {
  clusterName?: string;
  clusterLabels: Record<string, string>;
  sharingPercentage: number;
  reservedSubnets: string[];
  namespace: string;
}

export function forgeValues(
  provider: Provider, flags: ValueFlags, cfg: ProviderConfig, installed: { clusterID?: string; clusterName?: string }, version: string, generatedName?: string,
): InstallValues {
  const clusterName = flags.clusterName || installed.clusterName || generatedName || generateName();
  validateClusterName(clusterName);
  const clusterLabels = { ...flags.clusterLabels, ...(provider !== 'generic' ? { [PROVIDER_LABEL]: provider } : {}) };
  validateLabels(clusterLabels);
  return {
    clusterID: installed.clusterID ?? randomUUID(), clusterName, clusterLabels, sharingPercentage: flags.sharingPercentage,
    podCIDR: normalizeCidr(cfg.podCIDR), serviceCIDR: normalizeCidr(cfg.serviceCIDR), reservedSubnets: flags.reservedSubnets.map(normalizeCidr),
    namespace: flags.namespace, version, serviceType: cfg.serviceType,
  };
}
