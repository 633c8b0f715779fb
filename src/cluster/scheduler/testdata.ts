// Builders for the scheduler's tests: small nodes and pods with only the fields a case needs.
import type { Container, Node, NodeSpec, Pod, PodSpec, ResourceList } from '../../api/core-v1.js';
import type { Snapshot } from './snapshot.js';

export interface NodeOpts { labels?: Record<string, string>; allocatable?: ResourceList; spec?: NodeSpec }

export function node(name: string, opts: NodeOpts = {}): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: opts.spec ?? {},
    status: { allocatable: opts.allocatable ?? { cpu: '4', memory: '8Gi', pods: '110' } },
  };
}

export interface PodOpts {
  namespace?: string;
  labels?: Record<string, string>;
  requests?: ResourceList;
  nodeName?: string;
  priority?: number;
  spec?: Partial<PodSpec>;
}

export function container(name: string, requests?: ResourceList, extra: Partial<Container> = {}): Container {
  return { name, image: 'busybox', ...(requests ? { resources: { requests } } : {}), ...extra };
}

export function pod(name: string, opts: PodOpts = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', labels: opts.labels ?? {} },
    spec: {
      containers: [container('c', opts.requests)],
      ...(opts.nodeName ? { nodeName: opts.nodeName } : {}),
      ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
      ...opts.spec,
    },
  };
}

/** A snapshot from nodes and pods already bound (by spec.nodeName); namespaces get `name` labels. */
export function snapshot(nodes: Node[], pods: Pod[] = [], nsLabels: Record<string, Record<string, string>> = {}): Snapshot {
  const podsByNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const n = p.spec.nodeName!;
    podsByNode.set(n, [...(podsByNode.get(n) ?? []), p]);
  }
  const namespaceLabels = (ns: string) => nsLabels[ns] ?? (ns === 'default' ? { 'kubernetes.io/metadata.name': ns } : undefined);
  return { nodes, podsByNode, namespaceLabels };
}
