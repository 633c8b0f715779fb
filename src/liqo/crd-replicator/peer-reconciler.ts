// The ForeignCluster side of the CRD replicator: for each ForeignCluster, is there a peer to
// replicate to? There is when the ForeignCluster is not being deleted, knows the remote cluster ID
// and its local tenant namespace, and this cluster holds an identity Secret there
// (findIdentitySecret). The peer's client is rebuilt when that Secret changes; its remote watches
// follow the peering phase of the ForeignCluster's conditions.
import { Client } from '../../client/rest-client.js';
import type { Logger, Result } from '../../runtime/controller.js';
import type { Informer } from '../../runtime/informer.js';
import type { ForeignCluster } from '../apis/discovery.js';
import { findIdentitySecret, parseIdentitySecret, remoteRestConfig, type RemoteIdentity } from '../peering/identity-secret.js';
import { peeringPhaseOf } from '../peering/phase.js';
import { Peer, type PeerEvents, type PeerSet } from './peer.js';
import { REPLICATED_RESOURCES } from './resources.js';

/** ForeignClusters are looked at again now and then: an identity Secret can change unseen by the FC. */
const RESYNC_MS = 30_000;

export interface PeerReconcilerOptions {
  client: Client;
  fcs: Informer<ForeignCluster>;
  peers: PeerSet;
  localClusterID: string;
  events: PeerEvents;
  /** A peer started, stopped or changed phase: its local objects must be looked at again. */
  onPeerChanged(clusterID: string): void;
  log: Logger;
  /** For what the peers' remote watches say: their refusals repeat for as long as a peering lacks permissions. */
  watchLog: Logger;
  userAgent: string;
}

interface FoundIdentity {
  clusterID: string;
  clusterName: string;
  identityKey: string;
  remote: RemoteIdentity;
}

export class PeerReconciler {
  constructor(private readonly opts: PeerReconcilerOptions) {}

  async reconcile(fcName: string): Promise<Result | void> {
    const fc = this.opts.fcs.get(fcName);
    const found = fc && !fc.metadata.deletionTimestamp ? await this.identityOf(fc) : undefined;
    let peer = this.opts.peers.get(fcName);
    if (peer && (!found || found.identityKey !== peer.identity.identityKey || found.clusterID !== peer.clusterID)) {
      this.stopPeer(peer, found ? 'its identity changed' : 'no foreigncluster with an identity any more');
      peer = undefined;
    }
    if (!fc || !found) return;
    if (!peer) peer = this.startPeer(fcName, found);
    const phase = peeringPhaseOf(fc, true);
    if (phase !== peer.phase) {
      peer.setPhase(phase);
      const replicated = REPLICATED_RESOURCES.filter((r) => peer.isEnabled(r)).map((r) => r.name).join(', ') || 'nothing';
      this.opts.log(`cluster ${found.clusterName}: peering phase ${phase}, replicating ${replicated}`);
      this.opts.onPeerChanged(peer.clusterID);
    }
    return { requeueAfter: RESYNC_MS };
  }

  stopAll(): void {
    for (const p of this.opts.peers.all()) this.stopPeer(p, 'shutting down');
  }

  private async identityOf(fc: ForeignCluster): Promise<FoundIdentity | undefined> {
    const clusterID = fc.spec.clusterIdentity?.clusterID;
    const tenant = fc.status?.tenantNamespace?.local;
    if (!clusterID || !tenant) return undefined;
    const secret = await findIdentitySecret(this.opts.client, tenant, clusterID);
    if (!secret) return undefined;
    const remote = parseIdentitySecret(secret);
    if (!remote.apiServerUrl || !remote.namespace) return undefined;
    return { clusterID, clusterName: fc.spec.clusterIdentity?.clusterName || fc.metadata.name || clusterID, identityKey: `${secret.metadata.uid}/${secret.metadata.resourceVersion}`, remote };
  }

  private startPeer(fcName: string, found: FoundIdentity): Peer {
    const client = new Client(remoteRestConfig(found.remote, this.opts.userAgent));
    const identity = { clusterID: found.clusterID, clusterName: found.clusterName, identityKey: found.identityKey, client, namespace: found.remote.namespace };
    const peer = new Peer({ fcName, identity, localClusterID: this.opts.localClusterID, events: this.opts.events, log: this.opts.watchLog });
    this.opts.peers.set(peer);
    this.opts.log(`cluster ${found.clusterName} (${found.clusterID}): replicating into namespace ${found.remote.namespace} of ${found.remote.apiServerUrl}`);
    return peer;
  }

  private stopPeer(peer: Peer, why: string): void {
    peer.stop();
    this.opts.peers.delete(peer.fcName);
    this.opts.log(`cluster ${peer.identity.clusterName}: replication stopped (${why})`);
    this.opts.onPeerChanged(peer.clusterID);
  }
}
