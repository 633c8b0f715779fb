// Applying the plain objects of Liqo's manifests: each kind's address for the client,
// server-side apply as liqoctl (so re-running install upgrades in place), and waits that poll
// with a deadline. Reads and deletes that tolerate a missing object are client/if-exists.ts.
import type { KubeObject } from '../api/types.js';
import type { Client } from '../client/rest-client.js';
import type { ResourceRef } from '../client/resource.js';

const r = (group: string, version: string, resource: string, namespaced: boolean): ResourceRef => ({ group, version, resource, namespaced });

/** The kinds Liqo's manifests hold, by `apiVersion/kind`. */
export const KIND_REFS: Record<string, ResourceRef> = {
  'v1/Namespace': r('', 'v1', 'namespaces', false),
  'v1/ConfigMap': r('', 'v1', 'configmaps', true),
  'v1/Secret': r('', 'v1', 'secrets', true),
  'v1/ServiceAccount': r('', 'v1', 'serviceaccounts', true),
  'v1/Service': r('', 'v1', 'services', true),
  'apps/v1/Deployment': r('apps', 'v1', 'deployments', true),
  'apps/v1/DaemonSet': r('apps', 'v1', 'daemonsets', true),
  'rbac.authorization.k8s.io/v1/ClusterRole': r('rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': r('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  'rbac.authorization.k8s.io/v1/Role': r('rbac.authorization.k8s.io', 'v1', 'roles', true),
  'rbac.authorization.k8s.io/v1/RoleBinding': r('rbac.authorization.k8s.io', 'v1', 'rolebindings', true),
  'apiextensions.k8s.io/v1/CustomResourceDefinition': r('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', false),
};

export const CRDS = KIND_REFS['apiextensions.k8s.io/v1/CustomResourceDefinition']!;

export function refOf(obj: KubeObject): ResourceRef {
  const ref = KIND_REFS[`${obj.apiVersion}/${obj.kind}`];
  if (!ref) throw new Error(`liqoctl does not know how to apply ${obj.apiVersion} ${obj.kind}`);
  return ref;
}

export function describe(obj: KubeObject): string {
  return `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
}

export const FIELD_MANAGER = 'liqoctl';

export async function applyObject(client: Client, obj: KubeObject, dryRun = false): Promise<KubeObject> {
  try {
    return await client.patch(refOf(obj), obj.metadata.namespace ?? '', obj.metadata.name ?? '', obj, 'apply', { fieldManager: FIELD_MANAGER, force: true, dryRun });
  } catch (err) {
    throw new Error(`applying ${describe(obj)}: ${(err as Error).message}`);
  }
}

/** Polls `check` every 200 ms until it is true; past the deadline, "timed out waiting for the condition". */
export async function pollUntil(deadline: number, check: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((res) => setTimeout(res, 200));
  }
}
