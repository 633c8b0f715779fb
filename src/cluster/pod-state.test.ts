import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, PodPhase } from '../api/core-v1.js';
import { isPodActive, isPodAvailable, isPodReady, isPodTerminal, isRunningAndReady, maxContainerRestarts, podKey, podReadySince } from './pod-state.js';

const NOW = new Date('2024-01-01T01:00:00Z');

const pod = (o: { phase?: PodPhase; ready?: 'True' | 'False'; readySince?: string; deleting?: boolean } = {}): Pod => ({
  metadata: { name: 'p', namespace: 'ns', ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
  spec: { containers: [{ name: 'c' }] },
  status: {
    ...(o.phase ? { phase: o.phase } : {}),
    ...(o.ready ? { conditions: [{ type: 'Ready', status: o.ready, ...(o.readySince ? { lastTransitionTime: o.readySince } : {}) }] } : {}),
  },
});

test('isPodTerminal and isPodActive', () => {
  const cases: [string, Pod, boolean, boolean][] = [
    ['no phase', pod(), false, true],
    ['Pending', pod({ phase: 'Pending' }), false, true],
    ['Running', pod({ phase: 'Running' }), false, true],
    ['Succeeded', pod({ phase: 'Succeeded' }), true, false],
    ['Failed', pod({ phase: 'Failed' }), true, false],
    ['Running, being deleted', pod({ phase: 'Running', deleting: true }), false, false],
  ];
  for (const [name, p, terminal, active] of cases) {
    assert.equal(isPodTerminal(p), terminal, `${name}: terminal`);
    assert.equal(isPodActive(p), active, `${name}: active`);
  }
});

test('isPodReady, isRunningAndReady, podReadySince', () => {
  const since = '2024-01-01T00:59:00Z';
  const cases: [string, Pod, boolean, boolean, number][] = [
    ['no conditions', pod({ phase: 'Running' }), false, false, 0],
    ['Ready False', pod({ phase: 'Running', ready: 'False', readySince: since }), false, false, 0],
    ['Ready True', pod({ phase: 'Running', ready: 'True', readySince: since }), true, true, Date.parse(since)],
    ['Ready True, Pending', pod({ phase: 'Pending', ready: 'True', readySince: since }), true, false, Date.parse(since)],
    ['Ready True, no transition time', pod({ phase: 'Running', ready: 'True' }), true, true, 0],
  ];
  for (const [name, p, ready, runningAndReady, readySince] of cases) {
    assert.equal(isPodReady(p), ready, `${name}: ready`);
    assert.equal(isRunningAndReady(p), runningAndReady, `${name}: running and ready`);
    assert.equal(podReadySince(p), readySince, `${name}: ready since`);
  }
});

test('isPodAvailable: ready for minReadySeconds, strictly before now', () => {
  const cases: [string, Pod, number, boolean][] = [
    ['not ready', pod({ ready: 'False', readySince: '2024-01-01T00:00:00Z' }), 0, false],
    ['ready, no minReadySeconds', pod({ ready: 'True' }), 0, true],
    ['ready long enough', pod({ ready: 'True', readySince: '2024-01-01T00:59:49Z' }), 10, true],
    ['ready exactly minReadySeconds ago', pod({ ready: 'True', readySince: '2024-01-01T00:59:50Z' }), 10, false],
    ['ready too recently', pod({ ready: 'True', readySince: '2024-01-01T00:59:55Z' }), 10, false],
    ['ready, unknown since when', pod({ ready: 'True' }), 10, false],
  ];
  for (const [name, p, minReady, want] of cases) assert.equal(isPodAvailable(p, minReady, NOW), want, name);
});

test('maxContainerRestarts and podKey', () => {
  const p = pod();
  assert.equal(maxContainerRestarts(p), 0);
  p.status = { containerStatuses: [{ name: 'a', restartCount: 2 }, { name: 'b', restartCount: 5 }] } as Pod['status'];
  assert.equal(maxContainerRestarts(p), 5);
  assert.equal(podKey(p), 'ns/p');
});
