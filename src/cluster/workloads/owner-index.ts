// An index over a shared informer's cache by controller and by namespace, so a ReplicaSet finds its
// pods (and a Deployment its ReplicaSets) without scanning every object of the cluster: objects
// by their controller's uid, orphans (no controller) by namespace, and everything by namespace.
// It must be subscribed before the controller's own handlers, so those see an up-to-date index.
import type { KubeObject } from '../../api/types.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import { controllerOf } from './controller-ref.js';

type Buckets<T> = Map<string, Map<string, T>>;

function put<T>(b: Buckets<T>, bucket: string, key: string, obj: T): void {
  let m = b.get(bucket);
  if (!m) b.set(bucket, (m = new Map()));
  m.set(key, obj);
}

function drop<T>(b: Buckets<T>, bucket: string, key: string): void {
  const m = b.get(bucket);
  if (!m) return;
  m.delete(key);
  if (m.size === 0) b.delete(bucket);
}

export class OwnerIndex<T extends KubeObject> {
  private readonly byOwner: Buckets<T> = new Map();
  private readonly orphans: Buckets<T> = new Map();
  private readonly byNamespace: Buckets<T> = new Map();

  constructor(informer: Informer<T>) {
    informer.addHandlers({
      onAdd: (obj) => this.add(obj),
      onUpdate: (obj, old) => { this.remove(old); this.add(obj); },
      onDelete: (obj) => this.remove(obj),
    });
  }

  ownedBy(uid: string | undefined): T[] {
    return uid ? [...(this.byOwner.get(uid)?.values() ?? [])] : [];
  }

  orphansIn(namespace: string | undefined): T[] {
    return [...(this.orphans.get(namespace ?? '')?.values() ?? [])];
  }

  inNamespace(namespace: string | undefined): T[] {
    return [...(this.byNamespace.get(namespace ?? '')?.values() ?? [])];
  }

  /** What an owner may claim: what it controls plus the orphans of its namespace. */
  candidatesFor(owner: KubeObject): T[] {
    return [...this.ownedBy(owner.metadata.uid), ...this.orphansIn(owner.metadata.namespace)];
  }

  private add(obj: T): void {
    const key = objectKey(obj);
    const ref = controllerOf(obj);
    if (ref) put(this.byOwner, ref.uid, key, obj);
    else put(this.orphans, obj.metadata.namespace ?? '', key, obj);
    put(this.byNamespace, obj.metadata.namespace ?? '', key, obj);
  }

  private remove(obj: T): void {
    const key = objectKey(obj);
    const ref = controllerOf(obj);
    if (ref) drop(this.byOwner, ref.uid, key);
    else drop(this.orphans, obj.metadata.namespace ?? '', key);
    drop(this.byNamespace, obj.metadata.namespace ?? '', key);
  }
}
