import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps.js';
import type { Printer } from './printer.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const template = {
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }, { name: 'sidecar', image: 'envoy:1' }], nodeSelector: { 'kubernetes.io/os': 'linux' } },
};
const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'api'] }] };

function workload(spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name: 'web', creationTimestamp: '2024-06-01T11:57:30Z' }, spec: { template, ...spec }, status };
}

const header = (p: Printer) => p.columns.map((c) => [c.name, c.type, c.priority]);

test('workload columns', () => {
  const cases: [Printer, unknown[]][] = [
    [deploymentPrinter, [
      ['Name', 'string', 0], ['Ready', 'string', 0], ['Up-to-date', 'string', 0], ['Available', 'string', 0], ['Age', 'string', 0],
      ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1],
    ]],
    [replicaSetPrinter, [
      ['Name', 'string', 0], ['Desired', 'integer', 0], ['Current', 'integer', 0], ['Ready', 'integer', 0], ['Age', 'string', 0],
      ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1],
    ]],
    [daemonSetPrinter, [
      ['Name', 'string', 0], ['Desired', 'integer', 0], ['Current', 'integer', 0], ['Ready', 'integer', 0], ['Up-to-date', 'integer', 0],
      ['Available', 'integer', 0], ['Node Selector', 'string', 0], ['Age', 'string', 0],
      ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1],
    ]],
    [statefulSetPrinter, [['Name', 'string', 0], ['Ready', 'string', 0], ['Age', 'string', 0], ['Containers', 'string', 1], ['Images', 'string', 1]]],
  ];
  for (const [printer, want] of cases) assert.deepEqual(header(printer), want);
});

test('workload rows', () => {
  const images = ['app,sidecar', 'nginx:1.27,envoy:1'];
  const cases: [string, Printer, KubeObject, unknown[]][] = [
    [
      'deployment',
      deploymentPrinter,
      workload({ replicas: 3, selector }, { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 }),
      ['web', '2/3', 3, 2, '2m30s', ...images, 'app=web,tier in (api,front)'],
    ],
    ['deployment defaults replicas, empty selector', deploymentPrinter, workload({}), ['web', '0/1', 0, 0, '2m30s', ...images, '']],
    [
      'deployment with unconvertible selector',
      deploymentPrinter,
      workload({ replicas: 0, selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } }),
      ['web', '0/0', 0, 0, '2m30s', ...images, '<invalid>'],
    ],
    [
      'replicaset',
      replicaSetPrinter,
      workload({ replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } } }, { replicas: 2, readyReplicas: 1 }),
      ['web', 2, 2, 1, '2m30s', ...images, 'app=web,pod-template-hash=abc'],
    ],
    ['replicaset with empty selector', replicaSetPrinter, workload({ replicas: 0 }), ['web', 0, 0, 0, '2m30s', ...images, '<none>']],
    [
      'daemonset',
      daemonSetPrinter,
      workload({ selector: { matchLabels: { app: 'agent' } } }, {
        desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2,
      }),
      ['web', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '2m30s', ...images, 'app=agent'],
    ],
    ['statefulset', statefulSetPrinter, workload({ replicas: 3 }, { readyReplicas: 1 }), ['web', '1/3', '2m30s', ...images]],
  ];
  for (const [name, printer, o, want] of cases) assert.deepEqual(printer.row(o, { now: NOW }).cells, want, name);
});
