// Reading a Deployment's ReplicaSets as deployment_util.go and controller_utils.go do, pure: the
// orders kube sorts them in (by creation, by size with newer or older first, by revision), which
// one is the new ReplicaSet (the oldest whose template equals the Deployment's, ignoring the
// pod-template-hash label, compared as apimachinery's Semantic.DeepEqual treats nil and empty),
// revisions, and the single active-or-latest ReplicaSet of a plain scaling event.
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../api/core-v1.js';
import { deepEqual } from '../../machinery/deep.js';
import { DESIRED_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION } from './constants.js';

export function replicasOf(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

function createdAt(rs: ReplicaSet): number {
  return rs.metadata.creationTimestamp ? Date.parse(rs.metadata.creationTimestamp) || 0 : 0;
}

/** ReplicaSetsByCreationTimestamp: older first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = createdAt(a) - createdAt(b);
  if (d !== 0) return d;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first; equal sizes older first (scale down the old first). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(a) === replicasOf(b) ? byCreation(a, b) : replicasOf(b) - replicasOf(a);
}

/** ReplicaSetsBySizeNewer: larger first; equal sizes newer first (scale up the new first). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(a) === replicasOf(b) ? byCreation(b, a) : replicasOf(b) - replicasOf(a);
}

/** The revision annotation; 0 when absent, NaN when unparsable. */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

/** ReplicaSetsByRevision: lower revision first; unparsable or equal revisions by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreation(a, b);
  return ra - rb;
}

export function maxRevision(rss: ReplicaSet[]): number {
  return rss.reduce((m, rs) => {
    const r = revisionOf(rs);
    return Number.isNaN(r) ? m : Math.max(m, r);
  }, 0);
}

/** FilterActiveReplicaSets: those that want pods. */
export function activeOf(rss: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);
}

/** JSON with nulls, empty lists and empty maps dropped: how Semantic.DeepEqual sees nil vs empty. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(normalize);
  if (v === null) return undefined;
  if (typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const n = normalize(x);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function withoutHash(t: PodTemplateSpec): unknown {
  const labels = { ...t.metadata?.labels };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return normalize({ ...t, metadata: { ...t.metadata, labels } });
}

/** EqualIgnoreHash. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

/** FindNewReplicaSet: the oldest ReplicaSet running the Deployment's current template. */
export function findNewReplicaSet(d: Deployment, rss: ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** FindOldReplicaSets' second result: every ReplicaSet but the new one. */
export function findOldReplicaSets(rss: ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return rss.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; else none. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeOf([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** IsSaturated: the new ReplicaSet runs, wants and was told all of the Deployment's replicas. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = d.spec.replicas ?? 1;
  const annotated = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  return replicasOf(rs) === desired && annotated !== undefined && Number(annotated) === desired
    && (rs.status?.availableReplicas ?? 0) === desired;
}
