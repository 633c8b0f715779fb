// The reflection of one local object to the peer its remoteID label names (reference §4.5), as a
// list of idempotent steps: the finalizer on the local object, the replica created or updated in
// the remote tenant namespace (optimistic updates on the remote's resourceVersion; conflicts are
// retried by the controller), and the replica's status copied back into the local status. A local
// object being deleted has its replica deleted, and waited for, before the finalizer goes. A
// replica whose local source is gone (deleted while the replicator was down, or no longer
// labelled for replication) is deleted: after a restart the replicator converges on what exists,
// it never duplicates. Only replicas this cluster made (originID) are ever touched.
import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/rest-client.js';
import { isStatusError } from '../../machinery/errors.js';
import type { Result } from '../../runtime/controller.js';
import type { Informer } from '../../runtime/informer.js';
import { REMOTE_ID_LABEL, REPLICATION_LABEL } from '../consts.js';
import { forgeReplica, hasReplicatorFinalizer, isReplicaOf, replicaUpdate, statusToCopy, withoutReplicatorFinalizer, withReplicatorFinalizer } from './forge.js';
import { parseKey } from './keys.js';
import type { Peer, PeerSet } from './peer.js';
import type { RemoteWatch } from './remote-watch.js';
import { replicatedResource, type ReplicatedResource } from './resources.js';

/** While a replica is terminating on the remote cluster (its own finalizers), look again this often. */
const DELETION_POLL_MS = 1000;

const isCode = (err: unknown, ...codes: number[]) => isStatusError(err) && codes.includes(err.code);

export interface ReflectorOptions {
  client: Client;
  localClusterID: string;
  /** The local informer of a resource (objects labelled for replication). */
  locals(resource: ReplicatedResource): Informer<KubeObject>;
  peers: PeerSet;
}

export class Reflector {
  constructor(private readonly opts: ReflectorOptions) {}

  /** The local object a replica on cluster `clusterID` was made from, if it is still there. */
  localSource(resource: ReplicatedResource, clusterID: string, name: string): KubeObject | undefined {
    return this.opts.locals(resource).list().find((o) => o.metadata.name === name && o.metadata.labels?.[REMOTE_ID_LABEL] === clusterID);
  }

  async reconcile(key: string): Promise<Result | void> {
    const k = parseKey(key);
    const resource = k && replicatedResource(k.resource);
    if (!k || !resource) return;
    if (k.kind === 'orphan') return this.reconcileOrphan(resource, k.clusterID, k.name);
    const local = this.opts.locals(resource).get(`${k.namespace}/${k.name}`);
    if (!local) return this.releaseUnselected(resource, k.namespace, k.name);
    const peer = this.opts.peers.byClusterID(local.metadata.labels?.[REMOTE_ID_LABEL] ?? '');
    if (local.metadata.deletionTimestamp) return this.enforceDeletion(resource, local, peer);
    const watch = peer?.isEnabled(resource) ? peer.watch(resource) : undefined;
    // Not replicated in this phase, or the remote watch has not listed yet (it enqueues us when it has).
    if (!peer || !watch?.synced()) return;
    const current = await this.enforceFinalizer(resource, local);
    const replica = await this.enforceReplica(resource, current, peer, watch);
    await this.enforceStatus(resource, current, replica);
  }

  private async enforceFinalizer(resource: ReplicatedResource, local: KubeObject): Promise<KubeObject> {
    if (hasReplicatorFinalizer(local)) return local;
    return this.opts.client.update(resource.ref, withReplicatorFinalizer(local));
  }

  private async enforceReplica(resource: ReplicatedResource, local: KubeObject, peer: Peer, watch: RemoteWatch): Promise<KubeObject> {
    const desired = forgeReplica({ ...local, apiVersion: resource.apiVersion, kind: resource.kind }, this.opts.localClusterID, peer.namespace);
    const name = local.metadata.name ?? '';
    let remote = watch.get(name);
    if (!remote) {
      try {
        return await peer.client.create(resource.ref, desired);
      } catch (err) {
        // Created meanwhile (or before a restart, and not in the cache yet): converge on it.
        if (!isCode(err, 409)) throw err;
        remote = await peer.client.get(resource.ref, peer.namespace, name);
      }
    }
    if (!isReplicaOf(remote, this.opts.localClusterID)) {
      throw new Error(`${resource.kind} ${peer.namespace}/${name} on cluster ${peer.identity.clusterName} exists and is not a replica from this cluster`);
    }
    const update = replicaUpdate(remote, desired);
    return update ? peer.client.update(resource.ref, update) : remote;
  }

  private async enforceStatus(resource: ReplicatedResource, local: KubeObject, replica: KubeObject): Promise<void> {
    const status = statusToCopy(local, replica);
    if (status === undefined) return;
    await this.opts.client.update(resource.ref, { ...local, status }, 'status');
  }

  /** The local object is being deleted: its replica first, then the finalizer. */
  private async enforceDeletion(resource: ReplicatedResource, local: KubeObject, peer: Peer | undefined): Promise<Result | void> {
    if (!hasReplicatorFinalizer(local)) return;
    // Without a peer there is no replica to reach now; should one exist, the orphan sweep of the
    // peer's remote watch deletes it once the peer is back.
    if (peer && !(await this.deleteReplica(resource, peer, local.metadata.name ?? ''))) return { requeueAfter: DELETION_POLL_MS };
    await this.opts.client.update(resource.ref, withoutReplicatorFinalizer(local));
  }

  /** Deletes this cluster's replica of `name` on the peer; true once it is gone. */
  private async deleteReplica(resource: ReplicatedResource, peer: Peer, name: string): Promise<boolean> {
    let remote: KubeObject;
    try {
      remote = await peer.client.get(resource.ref, peer.namespace, name);
    } catch (err) {
      if (isCode(err, 404)) return true;
      // The peer took back our permissions for this resource (phase changed): nothing left to do.
      if (isCode(err, 403) && !peer.isEnabled(resource)) return true;
      throw err;
    }
    if (!isReplicaOf(remote, this.opts.localClusterID)) return true;
    if (!remote.metadata.deletionTimestamp) {
      await peer.client.delete(resource.ref, peer.namespace, name, { preconditions: { uid: remote.metadata.uid } }).catch((err: unknown) => {
        if (!isCode(err, 404, 409)) throw err;
      });
    }
    return false;
  }

  /** A replica on the peer whose local source may be gone. */
  private async reconcileOrphan(resource: ReplicatedResource, clusterID: string, name: string): Promise<Result | void> {
    const peer = this.opts.peers.byClusterID(clusterID);
    const watch = peer?.watch(resource);
    if (!peer || !watch?.synced() || this.localSource(resource, clusterID, name)) return;
    const remote = watch.get(name);
    if (!remote || remote.metadata.deletionTimestamp) return;
    await peer.client.delete(resource.ref, peer.namespace, name, { preconditions: { uid: remote.metadata.uid } }).catch((err: unknown) => {
      if (!isCode(err, 404, 409)) throw err;
    });
  }

  /**
   * A key whose object is not among those labelled for replication: gone, or its labels changed.
   * An object that kept our finalizer but no longer asks to be replicated is let go.
   */
  private async releaseUnselected(resource: ReplicatedResource, namespace: string, name: string): Promise<void> {
    let obj: KubeObject;
    try {
      obj = await this.opts.client.get(resource.ref, namespace, name);
    } catch (err) {
      if (isCode(err, 404)) return;
      throw err;
    }
    if (obj.metadata.labels?.[REPLICATION_LABEL] === 'true' || !hasReplicatorFinalizer(obj)) return;
    await this.opts.client.update(resource.ref, withoutReplicatorFinalizer(obj));
  }
}
