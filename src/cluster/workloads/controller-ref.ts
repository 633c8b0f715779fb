// Controller references and the adopt/release decision of kube's ControllerRefManager
// (pkg/controller/controller_ref_manager.go): an object belongs to the owner its controller
// ownerReference names; an owner keeps the objects it controls that still match its selector,
// releases the ones that no longer do (unless it is being deleted itself), and adopts orphans in
// its namespace that match (unless either side is being deleted). Planning is pure; the patches
// are the strategic merge patches kube sends, with the object's uid as a precondition.
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { matchesSelector, type Selector } from '../../machinery/selectors.js';

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function forgeControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export interface ClaimPlan<T> {
  /** Objects the owner controls and keeps (including those it adopts). */
  owned: T[];
  adopt: T[];
  release: T[];
}

/** Decides, for each candidate, whether the owner keeps, adopts, releases or ignores it. */
export function planClaims<T extends KubeObject>(owner: KubeObject, selector: Selector, candidates: Iterable<T>): ClaimPlan<T> {
  const plan: ClaimPlan<T> = { owned: [], adopt: [], release: [] };
  const ownerDeleting = Boolean(owner.metadata.deletionTimestamp);
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    const matches = matchesSelector(selector, obj.metadata.labels);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) plan.owned.push(obj);
      else if (!ownerDeleting) plan.release.push(obj);
      continue;
    }
    if (ownerDeleting || !matches || obj.metadata.deletionTimestamp) continue;
    if (obj.metadata.namespace !== owner.metadata.namespace) continue;
    plan.adopt.push(obj);
    plan.owned.push(obj);
  }
  return plan;
}

export function forgeAdoptPatch(obj: KubeObject, ref: OwnerReference): unknown {
  return { metadata: { ownerReferences: [ref], uid: obj.metadata.uid } };
}

export function forgeReleasePatch(obj: KubeObject, ownerUid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: obj.metadata.uid } };
}
