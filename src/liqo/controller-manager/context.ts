// What every controller of the controller manager is built from: the manager (one API client and
// the shared informers of the local cluster), this cluster's identity and settings, and the Liqo
// namespace. Adding a controller is one entry in controllers.ts.
import type { Logger } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import type { Manager, Runnable } from '../../runtime/manager.js';
import type { ClusterIdentity } from '../identity.js';

export interface LiqoContext {
  manager: Manager;
  /** The Liqo namespace (tokens, the identity ConfigMap, the auth Service). */
  namespace: string;
  identity: ClusterIdentity;
  clusterLabels: Record<string, string>;
  /** Percentage of free resources offered to consumers. */
  sharingPercentage: number;
  events: EventSink;
  log: Logger;
  now(): Date;
}

export type LiqoControllerFactory = (ctx: LiqoContext) => Runnable;
