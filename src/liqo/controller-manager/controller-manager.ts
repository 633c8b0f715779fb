// The controller manager: the ForeignCluster controller (authentication, peering conditions),
// resource negotiation (ResourceRequests on providers, ResourceOffers and virtual kubelets on
// consumers) and, with offloading, the NamespaceOffloading and NamespaceMap controllers and the
// pod webhook. Every controller is an API client of the local cluster (controllers.ts).
import { Manager } from '../../runtime/manager.js';
import { retry, type Component } from '../component.js';
import { readClusterIdentity } from '../identity.js';
import type { LiqoContext } from './context.js';
import { LIQO_CONTROLLERS } from './controllers.js';

export interface ControllerManagerFlags {
  clusterLabels: Record<string, string>;
  resourceSharingPercentage: number;
}

export async function runControllerManager(c: Component, flags: ControllerManagerFlags): Promise<void> {
  const identity = await retry('reading the cluster identity', c.log, () => readClusterIdentity(c.client, c.namespace));
  const labels = Object.entries(flags.clusterLabels).map(([k, v]) => `${k}=${v}`).join(',') || '(none)';
  c.log(`cluster ${identity.clusterName} (${identity.clusterID}), labels ${labels}, sharing ${flags.resourceSharingPercentage}% of free resources`);
  const manager = new Manager(c.client, c.log);
  const ctx: LiqoContext = {
    manager, namespace: c.namespace, identity, clusterLabels: flags.clusterLabels, sharingPercentage: flags.resourceSharingPercentage,
    events: manager.events('liqo-controller-manager'), log: c.log, now: () => new Date(),
  };
  for (const [name, factory] of Object.entries(LIQO_CONTROLLERS)) {
    manager.add(factory(ctx));
    c.log(`controller ${name} added`);
  }
  const abort = new AbortController();
  c.onStop(() => abort.abort());
  await retry('starting the controllers', c.log, () => manager.start(abort.signal));
  c.setReady(true);
}
