import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Taint, Toleration } from '../../api/core-v1.js';
import { evictionTime } from './taint-eviction.js';

const NOW = new Date('2026-01-01T00:01:00Z');
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' };
const pod = (tolerations: Toleration[]): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });

test('eviction follows NoExecute taints and tolerationSeconds', () => {
  const cases: [string, Taint[], Toleration[], number | undefined][] = [
    ['no taints', [], [], undefined],
    ['NoSchedule only', [{ key: 'x', effect: 'NoSchedule' }], [], undefined],
    ['untolerated: now', [unreachable], [], NOW.getTime()],
    ['tolerated forever', [unreachable], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }], undefined],
    ['default 300 s from timeAdded', [unreachable], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], Date.parse('2026-01-01T00:05:00Z')],
    ['the shortest matching toleration wins', [unreachable], [
      { operator: 'Exists', tolerationSeconds: 600 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 30 },
    ], Date.parse('2026-01-01T00:00:30Z')],
  ];
  for (const [name, taints, tolerations, want] of cases) assert.equal(evictionTime(pod(tolerations), taints, NOW), want, name);
});
