// A resource as the client addresses it: group, version, plural, scope. Paths follow the API's
// layout (/api/v1/... for the core group, /apis/<group>/<version>/... otherwise).
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

export function resourcePath(ref: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
  const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  const ns = ref.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const tail = name ? `/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}` : '';
  return `${base}${ns}/${ref.resource}${tail}`;
}

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Refs of the built-in kinds controllers use most. */
export const CORE = {
  pods: { group: '', version: 'v1', resource: 'pods', namespaced: true },
  nodes: { group: '', version: 'v1', resource: 'nodes', namespaced: false },
  namespaces: { group: '', version: 'v1', resource: 'namespaces', namespaced: false },
  services: { group: '', version: 'v1', resource: 'services', namespaced: true },
  endpoints: { group: '', version: 'v1', resource: 'endpoints', namespaced: true },
  events: { group: '', version: 'v1', resource: 'events', namespaced: true },
  configmaps: { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
  secrets: { group: '', version: 'v1', resource: 'secrets', namespaced: true },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true },
} as const satisfies Record<string, ResourceRef>;

export const APPS = {
  deployments: { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true },
  daemonsets: { group: 'apps', version: 'v1', resource: 'daemonsets', namespaced: true },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets', namespaced: true },
  controllerrevisions: { group: 'apps', version: 'v1', resource: 'controllerrevisions', namespaced: true },
} as const satisfies Record<string, ResourceRef>;

export const BATCH = {
  jobs: { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true },
} as const satisfies Record<string, ResourceRef>;

export const COORDINATION = {
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true },
} as const satisfies Record<string, ResourceRef>;

export const DISCOVERY = {
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespaced: true },
} as const satisfies Record<string, ResourceRef>;
