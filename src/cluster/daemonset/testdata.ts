// Builders of the DaemonSets, nodes and pods the daemonset unit tests plan over (test-only).
import type { Node, Pod, Taint } from '../../api/core-v1.js';
import type { DaemonSet } from '../../api/apps-batch-v1.js';

export function daemonSet(spec: Partial<DaemonSet['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'ns', uid: 'ds-uid', generation: 2 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      ...spec,
    },
  };
}

export function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[] } = {}): Node {
  return { metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } }, spec: { taints: opts.taints } };
}

export function daemonPod(name: string, nodeName: string, opts: { hash?: string; ready?: boolean; phase?: string; bound?: boolean; created?: string } = {}): Pod {
  return {
    metadata: {
      name, namespace: 'ns', creationTimestamp: opts.created ?? '2024-01-01T00:00:00Z',
      labels: { app: 'agent', 'controller-revision-hash': opts.hash ?? 'new' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'ds-uid', controller: true }],
    },
    spec: {
      containers: [{ name: 'a' }],
      ...(opts.bound === false ? {} : { nodeName }),
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
    },
    status: { phase: (opts.phase ?? 'Running') as never, conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}
