import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicaSet } from '../../api/core-v1.js';
import { availabilityRecheckMs, computeReplicaSetStatus, replicaSetStatusChanged } from './replicaset-status.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function rs(replicas: number, minReadySeconds = 0): ReplicaSet {
  return {
    metadata: { name: 'web-1', namespace: 'ns', generation: 3 },
    spec: { replicas, minReadySeconds, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [] } } },
    status: { replicas: 0 },
  };
}

function pod(labels: Record<string, string>, readyAgo?: number): Pod {
  return {
    metadata: { name: 'p', labels },
    spec: { containers: [] },
    status: { phase: 'Running', conditions: readyAgo === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: ago(readyAgo) }] },
  };
}

const full = { app: 'web', tier: 'front' };

test('computeReplicaSetStatus counts replicas, labels, readiness and availability', () => {
  const cases: { name: string; rs: ReplicaSet; pods: Pod[]; want: [number, number, number, number] }[] = [
    { name: 'empty', rs: rs(2), pods: [], want: [0, 0, 0, 0] },
    { name: 'not ready', rs: rs(2), pods: [pod(full), pod(full)], want: [2, 2, 0, 0] },
    { name: 'partially labelled', rs: rs(2), pods: [pod({ app: 'web' }, 100), pod(full, 100)], want: [2, 1, 2, 2] },
    { name: 'minReadySeconds not yet passed', rs: rs(2, 30), pods: [pod(full, 10), pod(full, 100)], want: [2, 2, 2, 1] },
    { name: 'minReadySeconds exactly now is not available', rs: rs(1, 30), pods: [pod(full, 30)], want: [1, 1, 1, 0] },
  ];
  for (const c of cases) {
    const s = computeReplicaSetStatus(c.rs, c.pods, undefined, NOW);
    assert.deepEqual([s.replicas, s.fullyLabeledReplicas, s.readyReplicas, s.availableReplicas], c.want, c.name);
    assert.equal(s.observedGeneration, 3, c.name);
    assert.equal(s.conditions, undefined, c.name);
  }
});

test('ReplicaFailure appears on a failed create or delete and goes once it succeeds', () => {
  const failedCreate = computeReplicaSetStatus(rs(3), [pod(full)], new Error('pods "x" is forbidden: exceeded quota'), NOW);
  assert.deepEqual(failedCreate.conditions?.map((c) => [c.type, c.status, c.reason, c.message]), [['ReplicaFailure', 'True', 'FailedCreate', 'pods "x" is forbidden: exceeded quota']]);
  const failedDelete = computeReplicaSetStatus(rs(0), [pod(full)], new Error('boom'), NOW);
  assert.equal(failedDelete.conditions?.[0]?.reason, 'FailedDelete');
  const withFailure = { ...rs(3), status: failedCreate };
  assert.equal(computeReplicaSetStatus(withFailure, [pod(full)], undefined, NOW).conditions, undefined);
});

test('replicaSetStatusChanged compares counts, generation and conditions', () => {
  const r = rs(1);
  const s = computeReplicaSetStatus(r, [pod(full, 5)], undefined, NOW);
  assert.equal(replicaSetStatusChanged(r, s), true);
  assert.equal(replicaSetStatusChanged({ ...r, status: s }, s), false);
  assert.equal(replicaSetStatusChanged({ ...r, metadata: { ...r.metadata, generation: 4 }, status: s }, s), true);
});

test('availabilityRecheckMs: soonest pod to pass minReadySeconds, plus a second', () => {
  assert.equal(availabilityRecheckMs(rs(2, 0), [pod(full, 1)], NOW), undefined);
  assert.equal(availabilityRecheckMs(rs(2, 30), [pod(full, 10), pod(full, 25)], NOW), 6000);
  assert.equal(availabilityRecheckMs(rs(2, 30), [pod(full, 100)], NOW), undefined);
});
