// Which Deployment an event concerns (deployment_controller.go's add/update/delete handlers): a
// Deployment wakes itself; a ReplicaSet wakes the Deployment its controller reference names, or,
// as an orphan, every Deployment of its namespace whose selector matches it (to adopt it); a pod
// deletion wakes its Deployment, which a Recreate rollout waits for before creating new pods.
import type { Deployment, Pod, ReplicaSet } from '../../api/core-v1.js';
import type { OwnerReference } from '../../api/types.js';
import { deepEqual } from '../../machinery/deep.js';
import { matchesSelector, selectorFromLabelSelector } from '../../machinery/selectors.js';
import { enqueueObject } from '../../runtime/handlers.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import type { WorkQueue } from '../../runtime/workqueue.js';
import { controllerOf } from './controller-ref.js';
import type { OwnerIndex } from './owner-index.js';

export interface DeploymentHandlerDeps {
  deployments: Informer<Deployment>;
  rses: Informer<ReplicaSet>;
  pods: Informer<Pod>;
  deploymentIndex: OwnerIndex<Deployment>;
  queue: WorkQueue;
}

export function addDeploymentHandlers(d: DeploymentHandlerDeps): void {
  const resolve = (namespace: string | undefined, ref: OwnerReference): Deployment | undefined => {
    if (ref.kind !== 'Deployment') return undefined;
    const dep = d.deployments.get(`${namespace ?? ''}/${ref.name}`);
    return dep && dep.metadata.uid === ref.uid ? dep : undefined;
  };
  const enqueueOwner = (rs: ReplicaSet): boolean => {
    const ref = controllerOf(rs);
    if (!ref) return false;
    const dep = resolve(rs.metadata.namespace, ref);
    if (dep) d.queue.add(objectKey(dep));
    return true;
  };
  /** getDeploymentsForReplicaSet: non-empty selectors of the namespace that match the labels. */
  const enqueueAdopters = (rs: ReplicaSet): void => {
    if (!rs.metadata.labels || Object.keys(rs.metadata.labels).length === 0) return;
    for (const dep of d.deploymentIndex.inNamespace(rs.metadata.namespace)) {
      const sel = selectorFromLabelSelector(dep.spec.selector);
      if (sel.length > 0 && matchesSelector(sel, rs.metadata.labels)) d.queue.add(objectKey(dep));
    }
  };

  d.deployments.addHandlers(enqueueObject(d.queue));
  d.rses.addHandlers({
    onAdd: (rs) => {
      if (!enqueueOwner(rs)) enqueueAdopters(rs);
    },
    onUpdate: (cur, old) => {
      if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
      const curRef = controllerOf(cur);
      const oldRef = controllerOf(old);
      const refChanged = !deepEqual(curRef, oldRef);
      if (refChanged && oldRef) {
        const dep = resolve(old.metadata.namespace, oldRef);
        if (dep) d.queue.add(objectKey(dep));
      }
      if (curRef) {
        enqueueOwner(cur);
        return;
      }
      if (refChanged || !deepEqual(cur.metadata.labels ?? {}, old.metadata.labels ?? {})) enqueueAdopters(cur);
    },
    onDelete: (rs) => { enqueueOwner(rs); },
  });
  d.pods.addHandlers({
    onDelete: (pod) => {
      const ref = controllerOf(pod);
      if (ref?.kind !== 'ReplicaSet') return;
      const rs = d.rses.get(`${pod.metadata.namespace ?? ''}/${ref.name}`);
      const depRef = rs && rs.metadata.uid === ref.uid ? controllerOf(rs) : undefined;
      const dep = depRef && resolve(rs?.metadata.namespace, depRef);
      if (dep?.spec.strategy?.type === 'Recreate') d.queue.add(objectKey(dep));
    },
  });
}
