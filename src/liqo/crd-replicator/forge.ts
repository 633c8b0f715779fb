// Pure builders and decisions of the CRD replicator (reference §4.5): the replica of a local
// object in the remote tenant namespace (same name, labels that say where it comes from instead
// of where it goes, same annotations, same spec), whether an existing replica needs an update
// (and the update, which keeps everything the remote side owns: status, owner references,
// finalizers), whether the replica's status must be copied back into the local object, and the
// replicator's finalizer.
import type { KubeObject } from '../../api/types.js';
import { clone, deepEqual } from '../../machinery/deep.js';
import { ORIGIN_ID_LABEL, REMOTE_ID_LABEL, REPLICATED_LABEL, REPLICATION_LABEL, REPLICATOR_FINALIZER } from '../consts.js';

/** The replica's labels: the source's, minus the replication request, plus its origin. */
export function forgeReplicaLabels(labels: Record<string, string> | undefined, localClusterID: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (k !== REPLICATION_LABEL && k !== REMOTE_ID_LABEL) out[k] = v;
  out[REPLICATED_LABEL] = 'true';
  out[ORIGIN_ID_LABEL] = localClusterID;
  return out;
}

/** The remote copy of `local`, as it is created in the remote tenant namespace. */
export function forgeReplica<T extends KubeObject>(local: T, localClusterID: string, remoteNamespace: string): T {
  const { metadata } = local;
  const replica: KubeObject = {
    apiVersion: local.apiVersion, kind: local.kind,
    metadata: { name: metadata.name, namespace: remoteNamespace, labels: forgeReplicaLabels(metadata.labels, localClusterID) },
  };
  if (metadata.annotations && Object.keys(metadata.annotations).length > 0) replica.metadata.annotations = { ...metadata.annotations };
  if (local.spec !== undefined) replica.spec = clone(local.spec);
  return replica as T;
}

/** Is this remote object a replica this cluster made (and may update or delete)? */
export function isReplicaOf(remote: KubeObject, localClusterID: string): boolean {
  const labels = remote.metadata.labels ?? {};
  return labels[REPLICATED_LABEL] === 'true' && labels[ORIGIN_ID_LABEL] === localClusterID;
}

/**
 * The update that brings an existing replica to the desired one, or undefined when it already is.
 * Labels, annotations and spec are the source's; the rest of the remote object (its
 * resourceVersion for the optimistic update, status, owners, finalizers) is kept.
 */
export function replicaUpdate<T extends KubeObject>(remote: T, desired: T): T | undefined {
  const same = deepEqual(remote.metadata.labels ?? {}, desired.metadata.labels ?? {})
    && deepEqual(remote.metadata.annotations ?? {}, desired.metadata.annotations ?? {})
    && deepEqual(remote.spec, desired.spec);
  if (same) return undefined;
  const metadata = { ...remote.metadata, labels: desired.metadata.labels, annotations: desired.metadata.annotations };
  const updated: KubeObject = { ...remote, metadata };
  if (desired.spec === undefined) delete updated.spec;
  else updated.spec = clone(desired.spec);
  return updated as T;
}

/**
 * The status to write into the local object, or undefined when there is nothing to copy: the
 * status is the receiving cluster's to write ("shared ownership"), so a replica that has none yet
 * (just created) leaves the local status alone.
 */
export function statusToCopy(local: KubeObject, remote: KubeObject): unknown {
  if (remote.status === undefined || remote.status === null) return undefined;
  if (deepEqual(local.status, remote.status)) return undefined;
  return clone(remote.status);
}

export function hasReplicatorFinalizer(obj: KubeObject): boolean {
  return (obj.metadata.finalizers ?? []).includes(REPLICATOR_FINALIZER);
}

export function withReplicatorFinalizer<T extends KubeObject>(obj: T): T {
  if (hasReplicatorFinalizer(obj)) return obj;
  return { ...obj, metadata: { ...obj.metadata, finalizers: [...(obj.metadata.finalizers ?? []), REPLICATOR_FINALIZER] } };
}

export function withoutReplicatorFinalizer<T extends KubeObject>(obj: T): T {
  const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== REPLICATOR_FINALIZER);
  return { ...obj, metadata: { ...obj.metadata, finalizers } };
}
