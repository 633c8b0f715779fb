// Pods of a StatefulSet as kube-controller-manager makes them (pkg/controller/statefulset
// stateful_set_utils.go newVersionedStatefulSetPod, updateIdentity, updateStorage): the stable
// name `<set>-<ordinal>`, hostname = name and subdomain = serviceName, the pod-name and pod-index
// labels, `controller-revision-hash` = the revision's name, and a volume per volumeClaimTemplate
// naming the PVC `<claim>-<pod>`. The PVCs themselves are not created: this API server does not
// serve PersistentVolumeClaims.
import type { Pod } from '../../api/core-v1.js';
import type { StatefulSet } from '../../api/apps-batch-v1.js';
import { CONTROLLER_REVISION_HASH_LABEL, controllerRef } from '../history/controller-history.js';
import { POD_INDEX_LABEL, POD_NAME_LABEL } from './consts.js';

/** getParentNameAndOrdinal: the ordinal of `<set>-<n>`, or undefined for a foreign name. */
export function ordinalOf(set: StatefulSet, pod: Pod): number | undefined {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata.name ?? '');
  return m && m[1] === set.metadata.name ? Number(m[2]) : undefined;
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export const podRevision = (pod: Pod): string => pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';

/** The pod for an ordinal, from the template of `set` (the revision's) labelled with `revision`. */
export function forgeStatefulPod(set: StatefulSet, ordinal: number, revision: string): Pod {
  const name = podName(set, ordinal);
  const meta = set.spec.template.metadata ?? {};
  const claims = (set.spec.volumeClaimTemplates ?? []).map((c) => c.metadata.name ?? '');
  const volumes = ((set.spec.template.spec.volumes as { name: string }[] | undefined) ?? []).filter((v) => !claims.includes(v.name));
  const claimVolumes = claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: `${c}-${name}` } }));
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: set.metadata.namespace,
      labels: { ...(meta.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [controllerRef({ ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' })],
    },
    spec: {
      ...set.spec.template.spec,
      hostname: name,
      ...(set.spec.serviceName ? { subdomain: set.spec.serviceName } : {}),
      ...(claims.length || volumes.length ? { volumes: [...claimVolumes, ...volumes] } : {}),
    },
  };
}
