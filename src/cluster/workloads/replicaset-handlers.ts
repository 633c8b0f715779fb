// Which ReplicaSet a pod or ReplicaSet event concerns (replica_set.go's addPod/updatePod/deletePod
// and add/update/deleteRS): a pod with a controller reference wakes its ReplicaSet and counts off
// an expected creation or deletion; an orphan wakes every ReplicaSet of its namespace whose
// selector matches, so one of them can adopt it; a pod that just became ready is looked at again
// after minReadySeconds, when it becomes available. A pod with a deletionTimestamp already counts
// as deleted, so a replacement is created as soon as the deletion starts.
import type { Pod, ReplicaSet } from '../../api/core-v1.js';
import type { OwnerReference } from '../../api/types.js';
import { deepEqual } from '../../machinery/deep.js';
import { matchesSelector, selectorFromLabelSelector } from '../../machinery/selectors.js';
import { enqueueObject } from '../../runtime/handlers.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import type { WorkQueue } from '../../runtime/workqueue.js';
import { isPodReady, podKey } from '../pod-state.js';
import { controllerOf } from './controller-ref.js';
import type { Expectations } from './expectations.js';
import type { OwnerIndex } from './owner-index.js';

export interface ReplicaSetHandlerDeps {
  rses: Informer<ReplicaSet>;
  pods: Informer<Pod>;
  rsIndex: OwnerIndex<ReplicaSet>;
  expectations: Expectations;
  queue: WorkQueue;
}

export function addReplicaSetHandlers(d: ReplicaSetHandlerDeps): void {
  const resolve = (namespace: string | undefined, ref: OwnerReference): ReplicaSet | undefined => {
    if (ref.kind !== 'ReplicaSet') return undefined;
    const rs = d.rses.get(`${namespace ?? ''}/${ref.name}`);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  };
  /** ReplicaSets that could adopt an orphan: same namespace, non-empty selector that matches. */
  const adopters = (pod: Pod): ReplicaSet[] => d.rsIndex.inNamespace(pod.metadata.namespace).filter((rs) => {
    const sel = selectorFromLabelSelector(rs.spec.selector);
    return sel.length > 0 && matchesSelector(sel, pod.metadata.labels);
  });

  const podDeleted = (pod: Pod): void => {
    const ref = controllerOf(pod);
    const rs = ref && resolve(pod.metadata.namespace, ref);
    if (!rs) return;
    const key = objectKey(rs);
    d.expectations.deletionObserved(key, podKey(pod));
    d.queue.add(key);
  };

  const podAdded = (pod: Pod): void => {
    if (pod.metadata.deletionTimestamp) return podDeleted(pod);
    const ref = controllerOf(pod);
    if (ref) {
      const rs = resolve(pod.metadata.namespace, ref);
      if (!rs) return;
      const key = objectKey(rs);
      d.expectations.creationObserved(key);
      d.queue.add(key);
      return;
    }
    for (const rs of adopters(pod)) d.queue.add(objectKey(rs));
  };

  const podUpdated = (cur: Pod, old: Pod): void => {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const labelsChanged = !deepEqual(cur.metadata.labels ?? {}, old.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      podDeleted(cur);
      if (labelsChanged) podDeleted(old);
      return;
    }
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = resolve(old.metadata.namespace, oldRef);
      if (rs) d.queue.add(objectKey(rs));
    }
    if (curRef) {
      const rs = resolve(cur.metadata.namespace, curRef);
      if (!rs) return;
      const key = objectKey(rs);
      d.queue.add(key);
      const minReady = rs.spec.minReadySeconds ?? 0;
      if (minReady > 0 && !isPodReady(old) && isPodReady(cur)) d.queue.addAfter(key, minReady * 1000 + 1000);
      return;
    }
    if (labelsChanged || refChanged) for (const rs of adopters(cur)) d.queue.add(objectKey(rs));
  };

  d.pods.addHandlers({ onAdd: podAdded, onUpdate: podUpdated, onDelete: podDeleted });
  d.rses.addHandlers({
    ...enqueueObject(d.queue),
    onDelete: (rs) => {
      d.expectations.delete(objectKey(rs));
      d.queue.add(objectKey(rs));
    },
  });
}
