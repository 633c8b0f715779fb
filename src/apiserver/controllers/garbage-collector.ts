// Garbage collection by ownerReferences, as kube-controller-manager's garbage collector does it:
// the `orphan` finalizer strips the owner's references from its dependents before the owner goes;
// `foregroundDeletion` deletes the dependents first and releases the owner once none that block
// it remain; and when an owner is gone, dependents with no live owner left are deleted
// (background). It runs inside the API server until the cluster controllers take it over through
// the API (ADR 0004), and keeps a uid → dependents index so no event scans the whole store.
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { BatchQueue } from '../../machinery/batch-queue.js';
import type { StoredObject, StoreEvent } from '../../storage/mvcc.js';
import { deleteObject } from '../handlers/delete.js';
import type { ServerServices } from '../handlers/scope.js';
import { updateObject } from '../handlers/write.js';
import { internalScope } from '../internal-scope.js';
import { bucketOf } from '../../storage/resource-index.js';

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

export class GarbageCollector {
  private stop: (() => void) | undefined;
  /** owner uid → keys of objects that reference it. */
  private readonly dependents = new Map<string, Set<string>>();
  /** uid → key of every live object, to tell whether an owner still exists. */
  private readonly uids = new Map<string, string>();
  private readonly queue = new BatchQueue('garbage collector', (key) => this.reconcile(key));

  constructor(private readonly services: ServerServices) {}

  start(): void {
    for (const info of this.services.registry.resources()) {
      for (const o of this.services.store.list(`/${info.group || 'core'}/${info.resource}/`)) this.index(o, undefined);
    }
    this.stop = this.services.store.watch('/', this.services.store.revision(), (e) => this.observe(e));
    for (const key of this.uids.values()) this.enqueue(key);
  }

  close(): void {
    this.stop?.();
  }

  private observe(e: StoreEvent): void {
    this.index(e.type === 'DELETED' ? undefined : e.current, e.prev);
    this.enqueue(e.key);
    // An owner that went away, or whose deletion began or changed, may release or doom its
    // dependents; other changes (status updates, thousands of them for a big ReplicaSet) cannot.
    const uid = e.current.object.metadata.uid;
    if (uid && deletionStateChanged(e)) for (const key of this.dependents.get(uid) ?? []) this.enqueue(key);
    for (const ref of e.current.object.metadata.ownerReferences ?? []) {
      const owner = this.uids.get(ref.uid);
      if (owner) this.enqueue(owner);
    }
  }

  private index(current: StoredObject | undefined, prev: StoredObject | undefined): void {
    for (const ref of prev?.object.metadata.ownerReferences ?? []) this.dependents.get(ref.uid)?.delete(prev!.key);
    if (prev?.object.metadata.uid) this.uids.delete(prev.object.metadata.uid);
    if (!current) return;
    if (current.object.metadata.uid) this.uids.set(current.object.metadata.uid, current.key);
    for (const ref of current.object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(current.key);
    }
  }

  private enqueue(key: string): void {
    this.queue.add(key);
  }

  private async reconcile(key: string): Promise<void> {
    const stored = this.services.store.get(key);
    if (!stored) return;
    const finalizers = stored.object.metadata.finalizers ?? [];
    if (stored.object.metadata.deletionTimestamp && finalizers.includes(ORPHAN)) return this.orphanDependents(stored);
    if (stored.object.metadata.deletionTimestamp && finalizers.includes(FOREGROUND)) return this.deleteForeground(stored);
    const refs = stored.object.metadata.ownerReferences ?? [];
    if (refs.length > 0 && !stored.object.metadata.deletionTimestamp && refs.every((r) => this.isGone(r))) {
      await this.deleteDependent(stored, 'Background');
    }
  }

  /** An owner is gone when no live object has its uid (a recreated owner has a new one). */
  private isGone(ref: OwnerReference): boolean {
    return !this.uids.has(ref.uid);
  }

  private async orphanDependents(owner: StoredObject): Promise<void> {
    const uid = owner.object.metadata.uid ?? '';
    for (const key of [...(this.dependents.get(uid) ?? [])]) {
      const dep = this.services.store.get(key);
      if (!dep) continue;
      const { ownerReferences, ...meta } = dep.object.metadata;
      const kept = (ownerReferences ?? []).filter((r) => r.uid !== uid);
      await this.write(dep, { ...dep.object, metadata: kept.length ? { ...meta, ownerReferences: kept } : meta });
    }
    await this.removeFinalizer(owner, ORPHAN);
  }

  private async deleteForeground(owner: StoredObject): Promise<void> {
    const uid = owner.object.metadata.uid ?? '';
    let blocking = 0;
    for (const key of [...(this.dependents.get(uid) ?? [])]) {
      const dep = this.services.store.get(key);
      if (!dep) continue;
      if ((dep.object.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion)) blocking++;
      if (!dep.object.metadata.deletionTimestamp) await this.deleteDependent(dep, 'Foreground');
    }
    if (blocking === 0) await this.removeFinalizer(owner, FOREGROUND);
  }

  private async deleteDependent(dep: StoredObject, policy: 'Background' | 'Foreground'): Promise<void> {
    const info = this.infoOf(dep.key);
    if (!info) return;
    const scope = internalScope(this.services, info, dep.object.metadata.namespace ?? '', dep.object.metadata.name ?? '');
    await deleteObject(scope, dep, { propagationPolicy: policy }, false).catch(() => undefined);
  }

  private async removeFinalizer(stored: StoredObject, finalizer: string): Promise<void> {
    const finalizers = (stored.object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    await this.write(stored, { ...stored.object, metadata: { ...stored.object.metadata, finalizers } });
  }

  private async write(stored: StoredObject, next: KubeObject): Promise<void> {
    const info = this.infoOf(stored.key);
    if (!info) return;
    const scope = internalScope(this.services, info, next.metadata.namespace ?? '', next.metadata.name ?? '');
    await updateObject(scope, stored, next, 'main').catch(() => undefined);
  }

  private infoOf(key: string) {
    const [, group, resource] = bucketOf(key).split('/');
    return this.services.registry.lookupAnyVersion(group === 'core' ? '' : group ?? '', resource ?? '');
  }
}

function deletionStateChanged(e: StoreEvent): boolean {
  if (e.type !== 'MODIFIED' || !e.prev) return true;
  const [a, b] = [e.prev.object.metadata, e.current.object.metadata];
  return a.deletionTimestamp !== b.deletionTimestamp || (a.finalizers ?? []).join() !== (b.finalizers ?? []).join();
}
