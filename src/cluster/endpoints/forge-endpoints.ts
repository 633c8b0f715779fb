// Forges the core/v1 Endpoints of a Service from the pods it selects, as kube-controller-manager's
// endpoints controller does (pkg/controller/endpoint syncService + RepackSubsets): ready pods in
// `addresses`, the others in `notReadyAddresses` (all ready with publishNotReadyAddresses), one
// subset per distinct set of resolved ports. Deterministic order (addresses by IP, ports by
// name and number) so an unchanged world forges an equal object. Does not truncate past 1000
// addresses nor write the last-change-trigger-time annotation.
import type { ObjectReference, Pod, Service, ServicePort } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';
import { isPodReady } from '../pod-state.js';
import { LABEL_HEADLESS } from './consts.js';
import { endpointLabels, findPort, isHeadless, podHostname, podRef, shouldPodBeInEndpoints } from './service-pods.js';

export interface EndpointAddress { ip: string; hostname?: string; nodeName?: string; targetRef?: ObjectReference }
export interface EndpointPort { name?: string; port: number; protocol?: string; appProtocol?: string }
export interface EndpointSubset { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: EndpointPort[] }
export interface Endpoints extends KubeObject { subsets?: EndpointSubset[] }
type Address = EndpointAddress;
type Port = EndpointPort;

interface Member { address: Address; ready: boolean; ports: Port[] }

function toMember(svc: Service, pod: Pod): Member | undefined {
  const publish = svc.spec.publishNotReadyAddresses === true;
  if (!shouldPodBeInEndpoints(pod, publish)) return undefined;
  const address: Address = { ip: pod.status!.podIP!, ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}), targetRef: podRef(pod) };
  const hostname = podHostname(pod, svc);
  if (hostname) address.hostname = hostname;
  const ports: Port[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...appProtocol(sp) });
  }
  // A pod none of whose ports resolve is no endpoint, except of a headless Service without ports.
  if (ports.length === 0 && !((svc.spec.ports ?? []).length === 0 && isHeadless(svc))) return undefined;
  return { address, ready: publish || isPodReady(pod), ports: sortPorts(ports) };
}

function appProtocol(sp: ServicePort): { appProtocol?: string } {
  const v = (sp as ServicePort & { appProtocol?: string }).appProtocol;
  return v ? { appProtocol: v } : {};
}

function sortPorts(ports: Port[]): Port[] {
  return [...ports].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || (a.protocol ?? '').localeCompare(b.protocol ?? ''));
}

const byIp = (a: Address, b: Address) => a.ip.localeCompare(b.ip, 'en', { numeric: true }) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');

/** The subsets of a Service's Endpoints: addresses grouped by identical port sets. */
export function forgeSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const groups = new Map<string, { ports: Port[]; ready: Address[]; notReady: Address[] }>();
  for (const pod of pods) {
    const m = toMember(svc, pod);
    if (!m) continue;
    const key = JSON.stringify(m.ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: m.ports, ready: [], notReady: [] }));
    (m.ready ? g.ready : g.notReady).push(m.address);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => ({
    ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
    ...(g.ports.length ? { ports: g.ports } : {}),
  }));
}

/** The whole Endpoints object the controller wants for a Service. */
export function forgeEndpoints(svc: Service, pods: Pod[]): Endpoints {
  const subsets = forgeSubsets(svc, pods);
  return {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels: endpointLabels(svc, LABEL_HEADLESS) },
    ...(subsets.length ? { subsets } : {}),
  };
}
