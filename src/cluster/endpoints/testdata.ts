// Builders of the pods and Services the endpoints unit tests feed the forges (test-only).
import type { Pod, Service } from '../../api/core-v1.js';

export function pod(name: string, opts: { ip?: string; ready?: boolean; labels?: Record<string, string>; node?: string; deleting?: boolean; phase?: string; ports?: { name: string; containerPort: number; protocol?: string }[]; hostname?: string; subdomain?: string } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels: opts.labels ?? { app: 'web' }, ...(opts.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: {
      containers: [{ name: 'c', ports: opts.ports ?? [{ name: 'http', containerPort: 8080 }] }],
      nodeName: opts.node ?? 'n1', ...(opts.hostname ? { hostname: opts.hostname } : {}), ...(opts.subdomain ? { subdomain: opts.subdomain } : {}),
    },
    status: {
      phase: (opts.phase ?? 'Running') as never,
      ...(opts.ip === '' ? {} : { podIP: opts.ip ?? '10.0.0.1' }),
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
    },
  };
}

export function service(spec: Partial<Service['spec']> = {}, name = 'web'): Service {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name, namespace: 'ns', uid: 'svc-uid', labels: { team: 'a' } },
    spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }], ...spec },
  };
}
