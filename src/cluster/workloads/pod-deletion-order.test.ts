import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, PodPhase } from '../../api/core-v1.js';
import { compareForDeletion, podsToDelete } from './pod-deletion-order.js';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface PodOpts { node?: string; phase?: string; ready?: boolean; readyAgo?: number; cost?: string; restarts?: number; createdAgo?: number; uid?: string }

function pod(name: string, o: PodOpts = {}): Pod {
  return {
    metadata: {
      name, namespace: 'ns', uid: o.uid ?? name, creationTimestamp: o.createdAgo === undefined ? ago(3600) : ago(o.createdAgo),
      annotations: o.cost === undefined ? undefined : { 'controller.kubernetes.io/pod-deletion-cost': o.cost },
    },
    spec: { containers: [{ name: 'c' }], nodeName: o.node ?? 'n1' },
    status: {
      phase: (o.phase ?? 'Running') as PodPhase,
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: ago(o.readyAgo ?? 3000) }],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: true, restartCount: o.restarts ?? 0, state: {} }],
    },
  };
}

test('compareForDeletion: each rule in kube order decides which pod goes first', () => {
  const cases: { name: string; first: Pod; second: Pod; ranks?: [number, number] }[] = [
    { name: 'unscheduled before scheduled', first: pod('a', { node: '' }), second: pod('b') },
    { name: 'Pending before Running', first: pod('a', { phase: 'Pending' }), second: pod('b') },
    { name: 'Unknown before Running', first: pod('a', { phase: 'Unknown' }), second: pod('b') },
    { name: 'not ready before ready', first: pod('a', { ready: false }), second: pod('b') },
    { name: 'lower deletion cost first', first: pod('a', { cost: '-5' }), second: pod('b', { cost: '10' }) },
    { name: 'invalid cost counts as 0', first: pod('a', { cost: 'x' }), second: pod('b', { cost: '1' }) },
    { name: 'more colocated pods first', first: pod('a'), second: pod('b'), ranks: [3, 1] },
    { name: 'ready for less time first', first: pod('a', { readyAgo: 10 }), second: pod('b', { readyAgo: 5000 }) },
    { name: 'more restarts first', first: pod('a', { restarts: 4 }), second: pod('b', { restarts: 1 }) },
    { name: 'newer first', first: pod('a', { createdAgo: 60 }), second: pod('b', { createdAgo: 86400 }) },
    { name: 'same log2 bucket: uid order', first: pod('a', { createdAgo: 1000, uid: 'u1' }), second: pod('b', { createdAgo: 1001, uid: 'u2' }) },
    { name: 'rules apply before age', first: pod('old-pending', { phase: 'Pending', createdAgo: 86400 }), second: pod('new', { createdAgo: 1 }) },
  ];
  for (const c of cases) {
    const [ra, rb] = c.ranks ?? [0, 0];
    assert.ok(compareForDeletion({ pod: c.first, rank: ra }, { pod: c.second, rank: rb }, NOW) < 0, c.name);
    assert.ok(compareForDeletion({ pod: c.second, rank: rb }, { pod: c.first, rank: ra }, NOW) > 0, `${c.name} (reversed)`);
  }
});

test('podsToDelete picks the first `count` by rank and order; all when count covers them', () => {
  const pods = [pod('running-1', { node: 'n1' }), pod('pending', { phase: 'Pending', node: 'n2' }), pod('unscheduled', { node: '' }), pod('running-2', { node: 'n2' })];
  const related = [...pods, pod('other-rs-on-n1', { node: 'n1' }), pod('other-rs-on-n1-b', { node: 'n1' })];
  const names = (ps: Pod[]) => ps.map((p) => p.metadata.name);
  assert.deepEqual(names(podsToDelete(pods, related, 2, new Date(NOW))), ['unscheduled', 'pending']);
  assert.deepEqual(names(podsToDelete(pods, related, 3, new Date(NOW))), ['unscheduled', 'pending', 'running-1'], 'n1 holds 3 related pods, n2 only 2');
  assert.equal(podsToDelete(pods, related, 9, new Date(NOW)).length, 4);
});
