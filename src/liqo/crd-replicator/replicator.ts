// The CRD replicator's runnable: the local informers (ForeignClusters, identity Secrets, and the
// four replicated resources restricted to objects labelled for replication), the peer controller
// keyed by ForeignCluster name and the reflection controller keyed by object (keys.ts), and the
// handlers that turn events on either cluster into reflection keys. Mirrors Liqo's
// crdReplicator (the ForeignCluster reconciler plus its reflection manager).
import type { Secret } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';
import { CORE } from '../../client/resource.js';
import { Controller, type Logger } from '../../runtime/controller.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import type { Manager, Runnable } from '../../runtime/manager.js';
import type { ForeignCluster } from '../apis/discovery.js';
import { LIQO } from '../apis/resources.js';
import { CLUSTER_ID_LABEL, IDENTITY_SECRET_LABEL, REMOTE_ID_LABEL, REPLICATION_LABEL } from '../consts.js';
import { localKey, orphanKey } from './keys.js';
import { logOnce } from './log-once.js';
import { PeerSet, type Peer, type PeerEvents } from './peer.js';
import { PeerReconciler } from './peer-reconciler.js';
import { Reflector } from './reflector.js';
import { REPLICATED_RESOURCES, type ReplicatedResource } from './resources.js';

export interface CrdReplicatorOptions {
  manager: Manager;
  localClusterID: string;
  log: Logger;
  userAgent: string;
}

const remoteIDOf = (obj: KubeObject) => obj.metadata.labels?.[REMOTE_ID_LABEL] ?? '';

export class CrdReplicator implements Runnable, PeerEvents {
  readonly name = 'crd-replicator';
  private readonly peers = new PeerSet();
  private readonly fcs: Informer<ForeignCluster>;
  private readonly locals = new Map<string, Informer<KubeObject>>();
  private readonly peerController: Controller;
  private readonly reflection: Controller;
  private readonly peerReconciler: PeerReconciler;
  private readonly reflector: Reflector;

  constructor(opts: CrdReplicatorOptions) {
    const m = opts.manager;
    const log = logOnce(opts.log);
    this.fcs = m.informer<ForeignCluster>(LIQO.foreignclusters);
    for (const r of REPLICATED_RESOURCES) this.locals.set(r.name, m.informer(r.ref, { labelSelector: `${REPLICATION_LABEL}=true` }));
    this.reflector = new Reflector({ client: m.client, localClusterID: opts.localClusterID, locals: (r) => this.local(r), peers: this.peers });
    this.peerReconciler = new PeerReconciler({
      client: m.client, fcs: this.fcs, peers: this.peers, localClusterID: opts.localClusterID, events: this,
      onPeerChanged: (id) => this.enqueueCluster(id), log: opts.log, watchLog: log, userAgent: opts.userAgent,
    });
    this.peerController = new Controller('foreigncluster', (k) => this.peerReconciler.reconcile(k), { log });
    this.reflection = new Controller('reflection', (k) => this.reflector.reconcile(k), { workers: 2, log });
    this.watchForeignClusters(m);
    for (const r of REPLICATED_RESOURCES) this.watchLocal(r);
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      await Promise.all([this.peerController.run(signal), this.reflection.run(signal)]);
    } finally {
      this.peerReconciler.stopAll();
    }
  }

  onReplica(peer: Peer, resource: ReplicatedResource, replica: KubeObject): void {
    const name = replica.metadata.name ?? '';
    const source = this.reflector.localSource(resource, peer.clusterID, name);
    this.reflection.enqueue(source ? localKey(resource.name, source.metadata.namespace ?? '', name) : orphanKey(resource.name, peer.clusterID, name));
  }

  onSynced(peer: Peer, resource: ReplicatedResource): void {
    for (const o of this.local(resource).list()) if (remoteIDOf(o) === peer.clusterID) this.enqueueLocal(resource, o);
    for (const replica of peer.watch(resource)?.list() ?? []) this.onReplica(peer, resource, replica);
  }

  private local(resource: ReplicatedResource): Informer<KubeObject> {
    return this.locals.get(resource.name)!;
  }

  private enqueueLocal(resource: ReplicatedResource, obj: KubeObject): void {
    this.reflection.enqueue(localKey(resource.name, obj.metadata.namespace ?? '', obj.metadata.name ?? ''));
  }

  private enqueueCluster(clusterID: string): void {
    for (const r of REPLICATED_RESOURCES) for (const o of this.local(r).list()) if (remoteIDOf(o) === clusterID) this.enqueueLocal(r, o);
  }

  /** ForeignClusters, and the identity Secrets that make them replicable. */
  private watchForeignClusters(m: Manager): void {
    const enqueueFC = (fc: ForeignCluster) => this.peerController.enqueue(fc.metadata.name ?? '');
    this.fcs.addHandlers({ onAdd: enqueueFC, onUpdate: enqueueFC, onDelete: enqueueFC });
    const secrets = m.informer<Secret>(CORE.secrets, { labelSelector: `${IDENTITY_SECRET_LABEL}=true` });
    const bySecret = (s: Secret) => {
      const id = s.metadata.labels?.[CLUSTER_ID_LABEL];
      for (const fc of this.fcs.list()) if (id && fc.spec.clusterIdentity?.clusterID === id) enqueueFC(fc);
    };
    secrets.addHandlers({ onAdd: bySecret, onUpdate: bySecret, onDelete: bySecret });
  }

  /**
   * Local objects labelled for replication. One that leaves the selection (deleted, or its labels
   * changed) or moves to another cluster may leave a replica behind: its old cluster's orphan key
   * is enqueued too.
   */
  private watchLocal(resource: ReplicatedResource): void {
    const lastCluster = new Map<string, string>();
    const orphan = (clusterID: string | undefined, name: string) => {
      if (clusterID) this.reflection.enqueue(orphanKey(resource.name, clusterID, name));
    };
    this.local(resource).addHandlers({
      onAdd: (o) => {
        lastCluster.set(objectKey(o), remoteIDOf(o));
        this.enqueueLocal(resource, o);
      },
      onUpdate: (o, old) => {
        lastCluster.set(objectKey(o), remoteIDOf(o));
        if (remoteIDOf(old) !== remoteIDOf(o)) orphan(remoteIDOf(old), o.metadata.name ?? '');
        this.enqueueLocal(resource, o);
      },
      onDelete: (o) => {
        const key = objectKey(o);
        orphan(lastCluster.get(key) ?? remoteIDOf(o), o.metadata.name ?? '');
        lastCluster.delete(key);
        this.enqueueLocal(resource, o);
      },
    });
  }
}
