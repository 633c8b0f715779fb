// The controller manager: home of the ForeignCluster, resource negotiation, NamespaceOffloading
// and NamespaceMap controllers and of the pod webhook, which arrive with the peering and
// offloading issues. Today it checks its configuration and the cluster identity and reports ready.
import { retry, type Component } from '../component.js';
import { readClusterIdentity } from '../identity.js';

export interface ControllerManagerFlags {
  clusterLabels: Record<string, string>;
  resourceSharingPercentage: number;
}

export async function runControllerManager(c: Component, flags: ControllerManagerFlags): Promise<void> {
  const identity = await retry('reading the cluster identity', c.log, () => readClusterIdentity(c.client, c.namespace));
  const labels = Object.entries(flags.clusterLabels).map(([k, v]) => `${k}=${v}`).join(',') || '(none)';
  c.log(`cluster ${identity.clusterName} (${identity.clusterID}), labels ${labels}, sharing ${flags.resourceSharingPercentage}% of free resources`);
  c.setReady(true);
}
