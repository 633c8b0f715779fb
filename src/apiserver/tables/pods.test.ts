import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { podPrinter } from './pods.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(10 * MIN), ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: ago(MIN) } };
const waiting = (reason: string) => ({ waiting: { reason } });
const terminated = (exitCode: number, reason?: string, extra: Record<string, unknown> = {}) => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), ...extra },
});
const cs = (name: string, state: object, extra: Record<string, unknown> = {}) => ({ name, state, ready: false, restartCount: 0, ...extra });
const initSpec = (...names: string[]) => ({ initContainers: names.map((name) => ({ name, image: 'busybox' })) });

interface Case {
  name: string;
  pod: KubeObject;
  ready: string;
  status: string;
  restarts: string;
}

const cases: Case[] = [
  { name: 'pending without statuses', pod: pod({}, { phase: 'Pending' }), ready: '0/1', status: 'Pending', restarts: '0' },
  { name: 'no status at all', pod: pod({}, {}), ready: '0/1', status: '', restarts: '0' },
  {
    name: 'container creating',
    pod: pod({}, { phase: 'Pending', containerStatuses: [cs('app', waiting('ContainerCreating'))] }),
    ready: '0/1', status: 'ContainerCreating', restarts: '0',
  },
  {
    name: 'running and ready',
    pod: pod({}, { phase: 'Running', containerStatuses: [cs('app', running, { ready: true })] }),
    ready: '1/1', status: 'Running', restarts: '0',
  },
  {
    name: 'running, not ready',
    pod: pod({}, { phase: 'Running', containerStatuses: [cs('app', running)] }),
    ready: '0/1', status: 'Running', restarts: '0',
  },
  {
    name: 'crash loop with last restart time',
    pod: pod({}, {
      phase: 'Running',
      containerStatuses: [cs('app', waiting('CrashLoopBackOff'), {
        restartCount: 3,
        lastState: terminated(1, 'Error', { finishedAt: ago(5 * MIN) }),
      })],
    }),
    ready: '0/1', status: 'CrashLoopBackOff', restarts: '3 (5m ago)',
  },
  {
    name: 'restarts without a finish time stay a bare count',
    pod: pod({}, { phase: 'Running', containerStatuses: [cs('app', running, { ready: true, restartCount: 2 })] }),
    ready: '1/1', status: 'Running', restarts: '2',
  },
  {
    name: 'image pull error',
    pod: pod({}, { phase: 'Pending', containerStatuses: [cs('app', waiting('ErrImagePull'))] }),
    ready: '0/1', status: 'ErrImagePull', restarts: '0',
  },
  {
    name: 'completed',
    pod: pod({}, { phase: 'Succeeded', containerStatuses: [cs('app', terminated(0, 'Completed'))] }),
    ready: '0/1', status: 'Completed', restarts: '0',
  },
  {
    name: 'failed with reason',
    pod: pod({}, { phase: 'Failed', containerStatuses: [cs('app', terminated(1, 'Error'))] }),
    ready: '0/1', status: 'Error', restarts: '0',
  },
  {
    name: 'terminated without reason shows the exit code',
    pod: pod({}, { phase: 'Failed', containerStatuses: [cs('app', terminated(137))] }),
    ready: '0/1', status: 'ExitCode:137', restarts: '0',
  },
  {
    name: 'terminated by signal',
    pod: pod({}, { phase: 'Failed', containerStatuses: [cs('app', terminated(0, undefined, { signal: 9 }))] }),
    ready: '0/1', status: 'Signal:9', restarts: '0',
  },
  {
    name: 'evicted pod keeps the status reason',
    pod: pod({}, { phase: 'Failed', reason: 'Evicted' }),
    ready: '0/1', status: 'Evicted', restarts: '0',
  },
  {
    name: 'first container state wins',
    pod: pod({ containers: [{ name: 'a' }, { name: 'b' }] }, {
      phase: 'Running',
      containerStatuses: [cs('a', waiting('CrashLoopBackOff')), cs('b', running, { ready: true })],
    }),
    ready: '1/2', status: 'CrashLoopBackOff', restarts: '0',
  },
  {
    name: 'completed container beside a running one, pod ready',
    pod: pod({ containers: [{ name: 'a' }, { name: 'b' }] }, {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [cs('a', terminated(0, 'Completed')), cs('b', running, { ready: true })],
    }),
    ready: '1/2', status: 'Running', restarts: '0',
  },
  {
    name: 'completed container beside a running one, pod not ready',
    pod: pod({ containers: [{ name: 'a' }, { name: 'b' }] }, {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [cs('a', terminated(0, 'Completed')), cs('b', running, { ready: true })],
    }),
    ready: '1/2', status: 'NotReady', restarts: '0',
  },
  {
    name: 'first init container running',
    pod: pod(initSpec('i1', 'i2'), {
      phase: 'Pending',
      initContainerStatuses: [cs('i1', running), cs('i2', waiting('PodInitializing'))],
      containerStatuses: [cs('app', waiting('PodInitializing'))],
    }),
    ready: '0/1', status: 'Init:0/2', restarts: '0',
  },
  {
    name: 'second init container running',
    pod: pod(initSpec('i1', 'i2'), {
      phase: 'Pending',
      initContainerStatuses: [cs('i1', terminated(0, 'Completed')), cs('i2', running)],
    }),
    ready: '0/1', status: 'Init:1/2', restarts: '0',
  },
  {
    name: 'init container crash looping, restarts counted while initializing',
    pod: pod(initSpec('i1'), {
      phase: 'Pending',
      initContainerStatuses: [cs('i1', waiting('CrashLoopBackOff'), { restartCount: 4 })],
      containerStatuses: [cs('app', waiting('PodInitializing'), { restartCount: 7 })],
    }),
    ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '4',
  },
  {
    name: 'init container failed with reason',
    pod: pod(initSpec('i1'), { phase: 'Pending', initContainerStatuses: [cs('i1', terminated(1, 'Error'))] }),
    ready: '0/1', status: 'Init:Error', restarts: '0',
  },
  {
    name: 'init container failed without reason',
    pod: pod(initSpec('i1'), { phase: 'Pending', initContainerStatuses: [cs('i1', terminated(2))] }),
    ready: '0/1', status: 'Init:ExitCode:2', restarts: '0',
  },
  {
    name: 'init container killed by signal',
    pod: pod(initSpec('i1'), { phase: 'Pending', initContainerStatuses: [cs('i1', terminated(143, undefined, { signal: 15 }))] }),
    ready: '0/1', status: 'Init:Signal:15', restarts: '0',
  },
  {
    name: 'init container exiting 0 counts as done even with a signal',
    pod: pod(initSpec('i1'), { phase: 'Pending', initContainerStatuses: [cs('i1', terminated(0, undefined, { signal: 15 }))] }),
    ready: '0/1', status: 'Pending', restarts: '0',
  },
  {
    name: 'init done, main restarts counted, init restarts forgotten',
    pod: pod(initSpec('i1'), {
      phase: 'Running',
      initContainerStatuses: [cs('i1', terminated(0, 'Completed'), { restartCount: 5 })],
      containerStatuses: [cs('app', running, { ready: true, restartCount: 1 })],
    }),
    ready: '1/1', status: 'Running', restarts: '1',
  },
  {
    name: 'sidecar counts as a container and its restarts count',
    pod: pod({ initContainers: [{ name: 'side', restartPolicy: 'Always' }] }, {
      phase: 'Running',
      initContainerStatuses: [cs('side', running, {
        started: true, ready: true, restartCount: 2,
        lastState: terminated(1, 'Error', { finishedAt: ago(3 * MIN) }),
      })],
      containerStatuses: [cs('app', running, {
        ready: true, restartCount: 1,
        lastState: terminated(1, 'Error', { finishedAt: ago(20 * MIN) }),
      })],
    }),
    ready: '2/2', status: 'Running', restarts: '3 (3m ago)',
  },
  {
    name: 'sidecar not started yet blocks initialization',
    pod: pod({ initContainers: [{ name: 'side', restartPolicy: 'Always' }] }, {
      phase: 'Pending',
      initContainerStatuses: [cs('side', running, { started: false })],
    }),
    ready: '0/2', status: 'Init:0/1', restarts: '0',
  },
  {
    // The Init: reason sticks, but containers are counted and sidecar-only restarts shown.
    name: 'initialized condition with an init container still running',
    pod: pod(initSpec('i1'), {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [cs('i1', running, { restartCount: 9 })],
      containerStatuses: [cs('app', running, { ready: true })],
    }),
    ready: '1/1', status: 'Init:0/1', restarts: '0',
  },
  {
    name: 'terminating',
    pod: pod({}, { phase: 'Running', containerStatuses: [cs('app', running, { ready: true })] }, { deletionTimestamp: ago(0) }),
    ready: '1/1', status: 'Terminating', restarts: '0',
  },
  {
    name: 'terminal pod being deleted keeps its status',
    pod: pod({}, { phase: 'Succeeded', containerStatuses: [cs('app', terminated(0, 'Completed'))] }, { deletionTimestamp: ago(0) }),
    ready: '0/1', status: 'Completed', restarts: '0',
  },
  {
    name: 'node lost',
    pod: pod({}, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(0) }),
    ready: '0/1', status: 'Unknown', restarts: '0',
  },
  {
    name: 'scheduling gated',
    pod: pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    ready: '0/1', status: 'SchedulingGated', restarts: '0',
  },
];

for (const c of cases) {
  test(`pod row: ${c.name}`, () => {
    const { cells } = podPrinter.row(c.pod, { now: NOW });
    assert.deepEqual(cells.slice(0, 5), ['p', c.ready, c.status, c.restarts, '10m']);
  });
}

test('pod columns: names, types and wide priorities', () => {
  const cols = podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]);
  assert.deepEqual(cols, [
    ['Name', 'string', 'name', 0],
    ['Ready', 'string', '', 0],
    ['Status', 'string', '', 0],
    ['Restarts', 'string', '', 0],
    ['Age', 'string', '', 0],
    ['IP', 'string', '', 1],
    ['Node', 'string', '', 1],
    ['Nominated Node', 'string', '', 1],
    ['Readiness Gates', 'string', '', 1],
  ]);
  for (const c of podPrinter.columns) assert.ok(c.description.length > 0);
});

test('pod wide cells', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>, unknown[]][] = [
    ['nothing assigned', {}, {}, ['<none>', '<none>', '<none>', '<none>']],
    ['podIPs wins over podIP', { nodeName: 'n1' }, { podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] }, ['10.0.0.1', 'n1', '<none>', '<none>']],
    ['podIP alone', {}, { podIP: '10.0.0.9', nominatedNodeName: 'n2' }, ['10.0.0.9', '<none>', 'n2', '<none>']],
    [
      'readiness gates',
      { readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }, { conditionType: 'c' }] },
      { conditions: [{ type: 'a', status: 'True' }, { type: 'b', status: 'False' }] },
      ['<none>', '<none>', '<none>', '1/3'],
    ],
  ];
  for (const [name, spec, status, want] of cases) {
    const { cells } = podPrinter.row(pod(spec, status), { now: NOW });
    assert.deepEqual(cells.slice(5), want, name);
  }
});

test('finished pods carry a Completed row condition', () => {
  const cases: [string, unknown][] = [
    ['Succeeded', [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]],
    ['Failed', [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]],
    ['Running', undefined],
  ];
  for (const [phase, want] of cases) {
    assert.deepEqual(podPrinter.row(pod({}, { phase }), { now: NOW }).conditions, want, phase);
  }
});

test('pod age is <unknown> without creationTimestamp', () => {
  const p = pod({}, { phase: 'Pending' });
  delete p.metadata.creationTimestamp;
  assert.equal(podPrinter.row(p, { now: NOW }).cells[4], '<unknown>');
});
