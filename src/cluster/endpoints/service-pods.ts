// What a Service's endpoints are made of, shared by the Endpoints and EndpointSlice controllers:
// which Services a Service controller syncs, the pods a Service selects, the port a Service port
// resolves to on a pod (podutil.FindPort: a named targetPort is looked up among the container
// ports of the same protocol), the hostname a pod publishes under its subdomain, and which pods
// are endpoints at all.
import type { ContainerPort, Pod, Service, ServicePort } from '../../api/core-v1.js';
import { matchesSelector, selectorFromLabelSelector } from '../../machinery/selectors.js';
import { isPodTerminal } from '../pod-state.js';

/** Services without a selector (and ExternalName ones) get their endpoints from someone else. */
export function hasControllerEndpoints(svc: Service): boolean {
  return svc.spec.selector !== undefined && svc.spec.selector !== null && svc.spec.type !== 'ExternalName';
}

export function isHeadless(svc: Service): boolean {
  return svc.spec.clusterIP === 'None';
}

export function selectsPod(svc: Service, pod: Pod): boolean {
  if (!hasControllerEndpoints(svc) || svc.metadata.namespace !== pod.metadata.namespace) return false;
  return matchesSelector(selectorFromLabelSelector({ matchLabels: svc.spec.selector }), pod.metadata.labels ?? {});
}

/**
 * Whether a pod is an endpoint of a Service at all (endpointslice util ShouldPodBeInEndpoints):
 * it has an IP, has not finished, and is not terminating unless terminating pods are wanted.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** The pod's port a Service port targets, or undefined when a named port is absent. */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  // Restartable init containers (sidecars) expose ports too.
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...pod.spec.containers, ...sidecars]) {
    const found = (c.ports ?? []).find((p: ContainerPort) => p.name === target && (p.protocol ?? 'TCP') === protocol);
    if (found) return found.containerPort;
  }
  return undefined;
}

/** endpointsliceutil.ShouldSetHostname: a pod is named by its hostname under its Service subdomain. */
export function podHostname(pod: Pod, svc: Service): string | undefined {
  const { hostname, subdomain } = pod.spec;
  return hostname && subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace ? hostname : undefined;
}

export function podRef(pod: Pod) {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}

/** Labels of the controller-written objects: the Service's, plus the headless marker. */
export function endpointLabels(svc: Service, headlessLabel: string): Record<string, string> {
  const labels = { ...(svc.metadata.labels ?? {}) };
  delete labels[headlessLabel];
  if (isHeadless(svc) || !svc.spec.clusterIP) labels[headlessLabel] = '';
  return labels;
}
