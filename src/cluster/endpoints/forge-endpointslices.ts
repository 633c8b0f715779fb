// Forges the discovery.k8s.io/v1 EndpointSlices of a Service from the pods it selects, as
// kube-controller-manager's endpointslice controller does (pkg/controller/endpointslice and
// staging/.../endpointslice/reconciler.go): one group of slices per distinct set of resolved
// ports, at most 100 endpoints a slice, conditions ready/serving/terminating, labelled with the
// Service name and the managing controller, owned by the Service, named `<service>-<random>` by
// the API server (generateName). A Service without endpoints keeps one empty placeholder slice.
// Does not set zones (no topology on lkind nodes), hints nor the trigger-time annotation, and
// packs endpoints deterministically rather than minimising churn as kube's reconciler does.
import type { Pod, Service, ServicePort } from '../../api/core-v1.js';
import type { Endpoint, EndpointPort, EndpointSlice } from '../../api/apps-batch-v1.js';
import { isPodReady } from '../pod-state.js';
import { LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MANAGED_BY_CONTROLLER, MAX_ENDPOINTS_PER_SLICE } from './consts.js';
import { endpointLabels, findPort, podHostname, podRef, shouldPodBeInEndpoints } from './service-pods.js';

/** The content of one slice the controller wants: matched against existing slices by `key`. */
export interface DesiredSlice {
  /** Address type and port set: slices are only reused for the same key. */
  key: string;
  addressType: EndpointSlice['addressType'];
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

function slicePorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const appProtocol = (sp as ServicePort & { appProtocol?: string }).appProtocol;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(appProtocol ? { appProtocol } : {}) });
  }
  return out.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.port ?? 0) - (b.port ?? 0));
}

export function toEndpoint(svc: Service, pod: Pod): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const hostname = podHostname(pod, svc);
  return {
    addresses: [pod.status!.podIP!],
    conditions: { ready, serving, terminating },
    ...(hostname ? { hostname } : {}),
    targetRef: podRef(pod),
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
  };
}

const addressTypeOf = (ip: string): EndpointSlice['addressType'] => (ip.includes(':') ? 'IPv6' : 'IPv4');

/** The slices a Service should have: its endpoints grouped by port set, chunked by 100. */
export function forgeDesiredSlices(svc: Service, pods: Pod[]): DesiredSlice[] {
  const groups = new Map<string, DesiredSlice>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = slicePorts(svc, pod);
    const addressType = addressTypeOf(pod.status!.podIP!);
    const key = JSON.stringify([addressType, ports]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, addressType, ports, endpoints: [] }));
    g.endpoints.push(toEndpoint(svc, pod));
  }
  if (groups.size === 0) return [{ key: JSON.stringify(['IPv4', []]), addressType: 'IPv4', ports: [], endpoints: [] }];
  const out: DesiredSlice[] = [];
  for (const g of [...groups.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    g.endpoints.sort((a, b) => (a.addresses[0] ?? '').localeCompare(b.addresses[0] ?? '', 'en', { numeric: true }));
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      out.push({ ...g, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
  }
  return out;
}

/** The key an existing slice would be matched under. */
export function sliceKey(slice: EndpointSlice): string {
  return JSON.stringify([slice.addressType, slice.ports ?? []]);
}

export function sliceLabels(svc: Service): Record<string, string> {
  const labels = endpointLabels(svc, LABEL_HEADLESS);
  return { ...labels, [LABEL_SERVICE_NAME]: svc.metadata.name ?? '', [LABEL_MANAGED_BY]: MANAGED_BY_CONTROLLER };
}

/** A new slice (name left to the API server's generateName). */
export function forgeEndpointSlice(svc: Service, want: DesiredSlice): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: {
      generateName: `${(svc.metadata.name ?? '').slice(0, 57)}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name ?? '', uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: want.addressType,
    endpoints: want.endpoints,
    ports: want.ports,
  };
}

export function isOwnedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === svc.metadata.uid);
}
