// ControllerRevisions of DaemonSets and StatefulSets (k8s.io/kubernetes pkg/controller/history
// and the constructHistory/getPatch helpers of both controllers): a revision snapshots the pod
// template as the patch `{"spec":{"template":{..., "$patch":"replace"}}}` that `kubectl rollout
// undo` applies, is named `<owner>-<hash>` and labelled with the hash, carries an increasing
// revision number, and old ones beyond revisionHistoryLimit are pruned unless a live pod still
// runs them. Pure functions; history-writes.ts does the writes. The hash is computeHash's over the
// revision's canonical JSON, so its shape, not its value, matches a real cluster's.
import type { PodTemplateSpec } from '../../api/core-v1.js';
import type { ControllerRevision } from '../../api/apps-batch-v1.js';
import type { KubeObject } from '../../api/types.js';
import { canonicalJson, fnv32a, safeEncodeString } from '../workloads/pod-template-hash.js';

export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

export interface RevisionOwner extends KubeObject { spec: { template: PodTemplateSpec }; status?: { collisionCount?: number } }

export function revisionData(template: PodTemplateSpec): Record<string, unknown> {
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

/** HashControllerRevision: FNV-32a over the data, salted by the collision count. */
export function hashRevisionData(data: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(data)));
  if (collisionCount) {
    const salt = new Uint8Array(8);
    new DataView(salt.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(salt, h);
  }
  return safeEncodeString(String(h));
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === owner.metadata.uid);
}

export function controllerRef(owner: KubeObject) {
  return { apiVersion: owner.apiVersion ?? 'apps/v1', kind: owner.kind ?? '', name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** The revision the owner's current template would be written as (revision number to be set). */
export function forgeControllerRevision(owner: RevisionOwner, revision: number): ControllerRevision {
  const data = revisionData(owner.spec.template);
  const hash = hashRevisionData(data, owner.status?.collisionCount);
  return {
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: {
      name: `${owner.metadata.name}-${hash}`, namespace: owner.metadata.namespace,
      labels: { ...(owner.spec.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [controllerRef(owner)],
    },
    data, revision,
  };
}

/** Whether a stored revision snapshots this template (history.Match compares the data). */
export function revisionMatches(rev: ControllerRevision, template: PodTemplateSpec): boolean {
  return canonicalJson(rev.data) === canonicalJson(revisionData(template));
}

export function maxRevision(revs: readonly ControllerRevision[]): number {
  return revs.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
}

export interface HistoryPlan {
  /** The revision of the current template, as it exists or is to be created. */
  current: ControllerRevision;
  /** Whether `current` must be created (true) or exists and maybe needs its number bumped. */
  create: boolean;
  /** An existing revision whose number must rise to stay the newest (rollback to old template). */
  bump?: number;
}

/** constructHistory: find or forge the current revision, renumbering a re-used old one. */
export function planHistory(owner: RevisionOwner, revs: readonly ControllerRevision[]): HistoryPlan {
  const max = maxRevision(revs);
  const matching = revs.filter((r) => revisionMatches(r, owner.spec.template)).sort((a, b) => b.revision - a.revision);
  const found = matching[0];
  if (!found) return { current: forgeControllerRevision(owner, max + 1), create: true };
  if (found.revision < max) return { current: found, create: false, bump: max + 1 };
  return { current: found, create: false };
}

/** Old revisions past the history limit, oldest first, that no live pod runs. */
export function revisionsToPrune(revs: readonly ControllerRevision[], current: string, liveHashes: Set<string>, limit: number): ControllerRevision[] {
  const old = revs
    .filter((r) => r.metadata.name !== current && !liveHashes.has(r.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '') && !liveHashes.has(r.metadata.name ?? ''))
    .sort((a, b) => a.revision - b.revision);
  return old.slice(0, Math.max(0, old.length - limit));
}
