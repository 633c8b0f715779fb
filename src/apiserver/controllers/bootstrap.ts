// What kube-apiserver's bootstrap controllers ensure on every start: the system namespaces, the
// default RBAC policy (ClusterRoles and their bindings), and the `kubernetes` Service with
// Endpoints/EndpointSlice pointing at this server. Idempotent: objects that exist (after a restart)
// are left alone. Extra objects (e.g. a local cluster's nodes) can be ensured the same way.
import type { KubeObject } from '../../api/types.js';
import { isStatusError } from '../../machinery/errors.js';
import type { ServerServices } from '../handlers/scope.js';
import { createObject } from '../handlers/write.js';
import { builtin, internalScope } from '../internal-scope.js';
import { storageKey } from '../resource-registry.js';
import { firstIP } from '../strategy/service-allocators.js';
import { forgeBootstrapClusterRoleBindings, forgeBootstrapClusterRoles } from '../rbac/bootstrap-policy.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface BootstrapOptions {
  host: string;
  port: number;
  serviceSubnet: string;
}

/** Creates obj (group/resource given) unless an object with its name already exists. */
export async function ensureObject(services: ServerServices, group: string, resource: string, obj: KubeObject): Promise<void> {
  const info = builtin(services, group, resource);
  const namespace = obj.metadata.namespace ?? '';
  if (services.store.get(storageKey(info, namespace, obj.metadata.name))) return;
  const gv = group ? `${group}/${info.version}` : info.version;
  try {
    await createObject(internalScope(services, info, namespace, ''), { apiVersion: gv, kind: info.kind, ...obj });
  } catch (err) {
    if (!(isStatusError(err) && err.code === 409)) throw err;
  }
}

export async function bootstrap(services: ServerServices, opts: BootstrapOptions): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) await ensureObject(services, '', 'namespaces', { metadata: { name } });
  const rbac = 'rbac.authorization.k8s.io';
  for (const role of forgeBootstrapClusterRoles()) await ensureObject(services, rbac, 'clusterroles', role);
  for (const binding of forgeBootstrapClusterRoleBindings()) await ensureObject(services, rbac, 'clusterrolebindings', binding);
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  await ensureObject(services, '', 'services', {
    metadata: { name: 'kubernetes', namespace: 'default', labels },
    spec: {
      clusterIP: firstIP(opts.serviceSubnet),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.port }],
      sessionAffinity: 'None', type: 'ClusterIP',
    },
  });
  await ensureObject(services, '', 'endpoints', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: opts.host }], ports: [{ name: 'https', port: opts.port, protocol: 'TCP' }] }],
  });
  await ensureObject(services, 'discovery.k8s.io', 'endpointslices', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [opts.host], conditions: { ready: true } }],
    ports: [{ name: 'https', port: opts.port, protocol: 'TCP' }],
  });
}
