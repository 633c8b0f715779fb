// The pod a ReplicaSet creates from its template (controller.GetPodFromTemplate): the template's
// labels, annotations, finalizers and spec, `generateName: <rs>-` so the API server picks the
// 5-character suffix from kube's alphabet, and the ReplicaSet as controller owner. Pure.
import type { Pod, ReplicaSet } from '../../api/core-v1.js';
import type { OwnerReference } from '../../api/types.js';
import { clone } from '../../machinery/deep.js';

/** kube-apiserver keeps generated names within 63 characters: a prefix of at most 58. */
const MAX_GENERATE_NAME_PREFIX = 58;

export function forgePodFromTemplate(rs: ReplicaSet, controllerRef: OwnerReference): Pod {
  const template = rs.spec.template;
  const meta = template.metadata ?? {};
  const prefix = `${rs.metadata.name ?? ''}-`;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: prefix.length > MAX_GENERATE_NAME_PREFIX ? prefix.slice(0, MAX_GENERATE_NAME_PREFIX) : prefix,
      namespace: rs.metadata.namespace,
      labels: { ...meta.labels },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef],
    },
    spec: clone(template.spec),
  };
}
