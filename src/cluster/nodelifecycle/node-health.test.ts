import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition, Lease, Node } from '../../api/core-v1.js';
import { desiredTaints, forgeUnknownConditions, isSilent } from './node-health.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);
const ready = (status: Condition['status']): Condition => ({ type: 'Ready', status, lastHeartbeatTime: '2026-01-01T00:00:00Z' });
const node = (conditions: Condition[], taints?: Node['spec'] extends infer S ? S extends { taints?: infer X } ? X : never : never): Node =>
  ({ metadata: { name: 'n1', creationTimestamp: '2025-12-31T00:00:00Z' }, spec: { taints }, status: { conditions } });
const lease = (renew: string): Lease => ({ metadata: { name: 'n1' }, spec: { renewTime: renew } });

test('a node is silent after 40 s without lease renewal or heartbeat, counted from first sight at the earliest', () => {
  const n = node([ready('True')]);
  assert.equal(isSilent(n, undefined, at(39), 0), false);
  assert.equal(isSilent(n, undefined, at(41), 0), true);
  assert.equal(isSilent(n, lease('2026-01-01T00:00:30.000000Z'), at(41), 0), false, 'a fresh lease keeps it alive');
  assert.equal(isSilent(n, undefined, at(41), T0 + 10_000), false, 'a controller that just started waits a full grace period');
});

test('silent nodes get Unknown conditions once', () => {
  const n = node([ready('True'), { type: 'MemoryPressure', status: 'False' }]);
  const c = forgeUnknownConditions(n, 'now')!;
  assert.deepEqual(c.map((x) => [x.type, x.status, x.reason, x.message]), [
    ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
    ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
  ]);
  assert.equal(forgeUnknownConditions(node(c), 'later'), undefined);
});

test('lifecycle taints follow the Ready condition and keep other taints', () => {
  const other = { key: 'dedicated', value: 'x', effect: 'NoSchedule' as const };
  const unknown = desiredTaints(node([ready('Unknown')], [other]), 'T')!;
  assert.deepEqual(unknown.map((t) => `${t.key}:${t.effect}`), ['dedicated:NoSchedule', 'node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
  assert.equal(desiredTaints(node([ready('Unknown')], unknown), 'T2'), undefined, 'already tainted: unchanged');
  const notReady = desiredTaints(node([ready('False')], unknown), 'T3')!;
  assert.deepEqual(notReady.map((t) => t.key), ['dedicated', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/not-ready']);
  assert.deepEqual(desiredTaints(node([ready('True')], notReady), 'T4'), [other]);
  assert.equal(desiredTaints(node([ready('True')]), 'T5'), undefined);
});
