// Informer handlers that turn events into work-queue keys, after controller-runtime's pkg/handler:
// enqueueObject is EnqueueRequestForObject (the object's own key), enqueueOwner is
// EnqueueRequestForOwner with OnlyControllerOwner (the key of the object's controller of a kind),
// enqueueMapped is EnqueueRequestsFromMapFunc (a key the controller computes). Every add, update
// and delete enqueues; an update enqueues what both the old and the new object map to, so an
// object that changes owner wakes both. Event filters (predicates) are left to the callers.
import type { KubeObject } from '../api/types.js';
import { objectKey, type InformerHandlers } from './informer.js';
import type { WorkQueue } from './workqueue.js';

/** Where the handlers put keys: a controller's queue. */
export type KeyQueue = Pick<WorkQueue, 'add'>;

/** Enqueues the key `map` returns for an object, if any. */
export function enqueueMapped<T extends KubeObject>(queue: KeyQueue, map: (obj: T) => string | undefined): InformerHandlers<T> {
  const enqueue = (obj: T) => {
    const key = map(obj);
    if (key !== undefined) queue.add(key);
  };
  return {
    onAdd: enqueue,
    onUpdate: (obj, old) => { enqueue(obj); enqueue(old); },
    onDelete: enqueue,
  };
}

/** Enqueues the object's own `namespace/name` (or `name`). */
export function enqueueObject(queue: KeyQueue): InformerHandlers<KubeObject> {
  return enqueueMapped(queue, objectKey);
}

/** The key of the object's controller (ownerReference with controller: true) of this kind. */
export function controllerOwnerKey(obj: KubeObject, ownerKind: string): string | undefined {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === ownerKind);
  if (!ref) return undefined;
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${ref.name}` : ref.name;
}

/** Enqueues the key of the object's controller of kind `ownerKind`, in the object's namespace. */
export function enqueueOwner(queue: KeyQueue, ownerKind: string): InformerHandlers<KubeObject> {
  return enqueueMapped(queue, (obj) => controllerOwnerKey(obj, ownerKind));
}
