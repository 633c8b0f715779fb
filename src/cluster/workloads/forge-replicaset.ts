// The ReplicaSets a Deployment creates and the annotations it keeps on them (sync.go's
// getNewReplicaSet, deployment_util.go's SetNewReplicaSetAnnotations and SetReplicasAnnotations),
// pure: `<deployment>-<pod-template-hash>` with the hash label added to its selector, labels and
// template; the Deployment's annotations copied (except kubectl's last-applied and the
// deployment.kubernetes.io ones); the revision raised to max(old revisions) + 1, the previous one
// kept in revision-history when an old ReplicaSet becomes new again (a rollback); desired-replicas
// and max-replicas recorded for proportional scaling.
import type { Deployment, ReplicaSet } from '../../api/core-v1.js';
import { clone } from '../../machinery/deep.js';
import {
  ANNOTATIONS_NOT_COPIED, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, MAX_REVISION_HISTORY_CHARS,
  POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
} from './constants.js';
import { forgeControllerRef } from './controller-ref.js';
import { desiredReplicas, maxSurge } from './rollout-math.js';

export type Annotations = Record<string, string>;

/** SetReplicasAnnotations: returns whether anything changed (annotations are modified in place). */
export function setReplicasAnnotations(annotations: Annotations, desired: number, max: number): boolean {
  let changed = false;
  for (const [k, v] of [[DESIRED_REPLICAS_ANNOTATION, String(desired)], [MAX_REPLICAS_ANNOTATION, String(max)]] as const) {
    if (annotations[k] !== v) {
      annotations[k] = v;
      changed = true;
    }
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, d: Deployment): boolean {
  const a = rs.metadata.annotations ?? {};
  const desired = desiredReplicas(d);
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(desired + maxSurge(d));
}

function appendHistory(history: string | undefined, revision: string, limit: number): string | undefined {
  if (!history) return revision;
  const old = history.split(',');
  let len = history.length + revision.length + 1;
  let start = 0;
  while (len > limit && start < old.length) len -= old[start++]!.length + 1;
  return len <= limit ? [...old.slice(start), revision].join(',') : history;
}

/**
 * SetNewReplicaSetAnnotations on a copy of the ReplicaSet's annotations: returns the new
 * annotations and whether they changed.
 */
export function newReplicaSetAnnotations(d: Deployment, current: Annotations | undefined, newRevision: number, exists: boolean): { annotations: Annotations; changed: boolean } {
  const annotations: Annotations = { ...current };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_NOT_COPIED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const oldRevision = annotations[REVISION_ANNOTATION];
  if (oldRevision !== undefined && oldRevision !== '' && !/^\d+$/.test(oldRevision)) return { annotations, changed: false };
  const oldRev = oldRevision ? Number(oldRevision) : 0;
  if (oldRev < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = appendHistory(annotations[REVISION_HISTORY_ANNOTATION], oldRevision, MAX_REVISION_HISTORY_CHARS);
      if (history !== undefined) annotations[REVISION_HISTORY_ANNOTATION] = history;
    }
  }
  if (!exists && setReplicasAnnotations(annotations, desiredReplicas(d), desiredReplicas(d) + maxSurge(d))) changed = true;
  return { annotations, changed };
}

/** The new ReplicaSet of a Deployment for its current template. */
export function forgeNewReplicaSet(d: Deployment, hash: string, replicas: number, revision: number): ReplicaSet {
  const template = clone(d.spec.template);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = clone(d.spec.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [forgeControllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: { replicas, selector, template, ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}) },
  };
  rs.metadata.annotations = newReplicaSetAnnotations(d, undefined, revision, false).annotations;
  return rs;
}
