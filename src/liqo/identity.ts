// A cluster's Liqo identity: the ID and name in the clusterid ConfigMap (written at install, kept
// on upgrade), the UniqueName other clusters know it by, and the cluster labels' `k=v,k=v` form.
import { createHash } from 'node:crypto';
import type { ConfigMap } from '../api/core-v1.js';
import type { Client } from '../client/rest-client.js';
import { CORE } from '../client/resource.js';
import { CLUSTER_ID_CONFIGMAP, CLUSTER_ID_KEY, CLUSTER_NAME_KEY } from './consts.js';

export interface ClusterIdentity {
  clusterID: string;
  clusterName: string;
}

export async function readClusterIdentity(client: Client, namespace: string): Promise<ClusterIdentity> {
  const cm = await client.get<ConfigMap>(CORE.configmaps, namespace, CLUSTER_ID_CONFIGMAP);
  const clusterID = cm.data?.[CLUSTER_ID_KEY] ?? '';
  const clusterName = cm.data?.[CLUSTER_NAME_KEY] ?? '';
  if (!clusterID || !clusterName) {
    throw new Error(`configmap ${namespace}/${CLUSTER_ID_CONFIGMAP} has no ${!clusterID ? CLUSTER_ID_KEY : CLUSTER_NAME_KEY}: install Liqo with liqoctl, or set it`);
  }
  return { clusterID, clusterName };
}

/** `<name>-<first 6 hex of sha256(id)>`: tenant namespaces, NamespaceMaps and NetworkConfigs use it. */
export function uniqueName(identity: ClusterIdentity): string {
  return `${identity.clusterName}-${createHash('sha256').update(identity.clusterID).digest('hex').slice(0, 6)}`;
}

/** `k1=v1,k2=v2` as liqoctl's --cluster-labels; each chunk must hold exactly one `=`. */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const chunk of text.split(',').map((c) => c.trim()).filter(Boolean)) {
    const parts = chunk.split('=');
    if (parts.length !== 2) throw new Error(`invalid value ${chunk}`);
    labels[parts[0]!] = parts[1]!;
  }
  return labels;
}

export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}
