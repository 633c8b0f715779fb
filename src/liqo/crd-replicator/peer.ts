// What the CRD replicator keeps for one remote cluster it has an identity on: the client acting
// there as this cluster, our tenant namespace there, the peering phase last read from the
// ForeignCluster, and one remote watch per resource replicated in that phase. Replaced as a whole
// when the identity changes; stopped when the ForeignCluster goes away.
import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/rest-client.js';
import type { Logger } from '../../runtime/controller.js';
import type { InformerHandlers } from '../../runtime/informer.js';
import { ORIGIN_ID_LABEL, REPLICATED_LABEL } from '../consts.js';
import type { PeeringPhase } from '../peering/phase.js';
import { RemoteWatch } from './remote-watch.js';
import { isReplicationEnabled, REPLICATED_RESOURCES, type ReplicatedResource } from './resources.js';

export interface PeerIdentity {
  clusterID: string;
  clusterName: string;
  /** Changes whenever the identity Secret does (uid and resourceVersion). */
  identityKey: string;
  client: Client;
  /** Our tenant namespace on the remote cluster. */
  namespace: string;
}

/** What the reflection hears from a peer's remote watches. */
export interface PeerEvents {
  /** A replica of `resource` changed or went away on the remote cluster. */
  onReplica(peer: Peer, resource: ReplicatedResource, replica: KubeObject): void;
  /** The remote watch of `resource` has listed: everything of that resource can be reconciled. */
  onSynced(peer: Peer, resource: ReplicatedResource): void;
}

export interface PeerOptions {
  fcName: string;
  identity: PeerIdentity;
  localClusterID: string;
  events: PeerEvents;
  log: Logger;
}

export class Peer {
  phase: PeeringPhase = 'None';
  readonly fcName: string;
  readonly identity: PeerIdentity;
  private readonly watches = new Map<string, RemoteWatch>();

  constructor(private readonly opts: PeerOptions) {
    this.fcName = opts.fcName;
    this.identity = opts.identity;
  }

  get clusterID(): string {
    return this.identity.clusterID;
  }

  get client(): Client {
    return this.identity.client;
  }

  get namespace(): string {
    return this.identity.namespace;
  }

  isEnabled(resource: ReplicatedResource): boolean {
    return isReplicationEnabled(resource, this.phase);
  }

  /** The remote watch of a resource, if it is replicated in the current phase. */
  watch(resource: ReplicatedResource): RemoteWatch | undefined {
    return this.watches.get(resource.name);
  }

  /** Moves to a phase: starts the watches of the resources it enables, stops the others. */
  setPhase(phase: PeeringPhase): void {
    this.phase = phase;
    for (const resource of REPLICATED_RESOURCES) {
      const running = this.watches.get(resource.name);
      if (this.isEnabled(resource) && !running) this.startWatch(resource);
      if (!this.isEnabled(resource) && running) {
        running.stop();
        this.watches.delete(resource.name);
      }
    }
  }

  stop(): void {
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
    this.identity.client.close();
  }

  private startWatch(resource: ReplicatedResource): void {
    const { events, localClusterID, log } = this.opts;
    const replica = (obj: KubeObject) => events.onReplica(this, resource, obj);
    const handlers: InformerHandlers<KubeObject> = { onAdd: replica, onUpdate: replica, onDelete: replica };
    const w = new RemoteWatch({
      client: this.client, ref: resource.ref, namespace: this.namespace,
      labelSelector: `${REPLICATED_LABEL}=true,${ORIGIN_ID_LABEL}=${localClusterID}`,
      handlers, onSynced: () => events.onSynced(this, resource),
      what: `${resource.name} of cluster ${this.identity.clusterName || this.clusterID}`, log,
    });
    this.watches.set(resource.name, w);
    w.start();
  }
}

/** The peers by ForeignCluster name, looked up by cluster ID by the reflection. */
export class PeerSet {
  private readonly byName = new Map<string, Peer>();

  get(fcName: string): Peer | undefined {
    return this.byName.get(fcName);
  }

  byClusterID(clusterID: string): Peer | undefined {
    if (!clusterID) return undefined;
    for (const p of this.byName.values()) if (p.clusterID === clusterID) return p;
    return undefined;
  }

  set(peer: Peer): void {
    this.byName.set(peer.fcName, peer);
  }

  delete(fcName: string): void {
    this.byName.delete(fcName);
  }

  all(): Peer[] {
    return [...this.byName.values()];
  }
}
