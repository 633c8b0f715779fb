import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from '../../api/core-v1.js';
import { maxSurge, maxUnavailable, newRSNewReplicas, planOldScaleDown, planProportionalScale, resolveFenceposts, scaledValue } from './rollout-math.js';

function deploy(replicas: number, surge: number | string = '25%', unavailable: number | string = '25%', type: 'RollingUpdate' | 'Recreate' = 'RollingUpdate'): Deployment {
  return {
    metadata: { name: 'web', namespace: 'ns', generation: 1 },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } },
      strategy: type === 'Recreate' ? { type } : { type, rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
    },
    status: { replicas: 0 },
  };
}

function rs(name: string, replicas: number, available = replicas, createdMinute = 0, maxReplicas?: number): ReplicaSet {
  return {
    metadata: {
      name, namespace: 'ns', uid: `u-${name}`, creationTimestamp: `2025-01-01T00:${String(createdMinute).padStart(2, '0')}:00Z`,
      annotations: maxReplicas === undefined ? {} : { 'deployment.kubernetes.io/max-replicas': String(maxReplicas) },
    },
    spec: { replicas, selector: {}, template: { spec: { containers: [] } } },
    status: { replicas, availableReplicas: available },
  };
}

test('scaledValue rounds percentages up for surge and down for unavailability', () => {
  const cases: [number | string, number, boolean, number][] = [
    ['25%', 10, true, 3], ['25%', 10, false, 2], ['25%', 4, true, 1], ['25%', 4, false, 1],
    ['25%', 1, true, 1], ['25%', 1, false, 0], ['1%', 3, true, 1], ['0%', 10, true, 0], [2, 10, true, 2], ['3', 10, false, 3],
    ['33%', 3, true, 1], ['50%', 5, false, 2], ['100%', 7, true, 7],
  ];
  for (const [v, total, up, want] of cases) assert.equal(scaledValue(v, total, up), want, `${v} of ${total} ${up ? 'up' : 'down'}`);
  assert.throws(() => scaledValue('abc', 3, true), /string is not a percentage/);
});

test('resolveFenceposts: both zero resolves to maxUnavailable 1; maxUnavailable capped at replicas', () => {
  assert.deepEqual(resolveFenceposts('0%', '1%', 2), [0, 1]);
  assert.deepEqual(resolveFenceposts('25%', '25%', 1), [1, 0]);
  assert.deepEqual(resolveFenceposts(0, 0, 5), [0, 1]);
  assert.equal(maxUnavailable(deploy(2, 0, 5)), 2);
  assert.equal(maxUnavailable(deploy(0)), 0);
  assert.equal(maxSurge(deploy(10, '25%', '25%', 'Recreate')), 0);
  assert.equal(maxSurge(deploy(10)), 3);
});

test('newRSNewReplicas: grow within desired + maxSurge, never past desired', () => {
  const cases: { name: string; d: Deployment; all: ReplicaSet[]; newRS: ReplicaSet; want: number }[] = [
    { name: 'fresh deployment', d: deploy(4), all: [rs('new', 0)], newRS: rs('new', 0), want: 4 },
    { name: 'rollout start: surge 1 of 4', d: deploy(4), all: [rs('old', 4), rs('new', 0)], newRS: rs('new', 0), want: 1 },
    { name: 'at max total', d: deploy(4), all: [rs('old', 4), rs('new', 1)], newRS: rs('new', 1), want: 1 },
    { name: 'old shrunk, room for 2', d: deploy(4), all: [rs('old', 2), rs('new', 1)], newRS: rs('new', 1), want: 3 },
    { name: 'surge 3 of 10', d: deploy(10), all: [rs('old', 10), rs('new', 0)], newRS: rs('new', 0), want: 3 },
    { name: 'recreate takes all', d: deploy(5, 0, 0, 'Recreate'), all: [rs('new', 0)], newRS: rs('new', 0), want: 5 },
  ];
  for (const c of cases) assert.equal(newRSNewReplicas(c.d, c.all, c.newRS), c.want, c.name);
});

test('planOldScaleDown: unhealthy first, then down to minAvailable, oldest first', () => {
  const steps = (d: Deployment, old: ReplicaSet[], newRS: ReplicaSet) =>
    planOldScaleDown(d, [...old, newRS], old, newRS).map((s) => `${s.rs.metadata.name}->${s.to}`);
  const cases: { name: string; d: Deployment; old: ReplicaSet[]; newRS: ReplicaSet; want: string[] }[] = [
    { name: 'new not available yet: old down by maxUnavailable', d: deploy(4), old: [rs('old', 4)], newRS: rs('new', 1, 0, 1), want: ['old->3'] },
    { name: 'new available: old down by 2', d: deploy(4), old: [rs('old', 4)], newRS: rs('new', 1, 1, 1), want: ['old->2'] },
    { name: 'unhealthy old replicas go first', d: deploy(4), old: [rs('old', 4, 2)], newRS: rs('new', 1, 0, 1), want: ['old->3'] },
    { name: 'oldest of two old first', d: deploy(4, 1, 1), old: [rs('b', 2, 2, 2), rs('a', 2, 2, 1)], newRS: rs('new', 1, 1, 3), want: ['a->0'] },
    { name: 'no old replicas', d: deploy(4), old: [rs('old', 0)], newRS: rs('new', 4, 4, 1), want: [] },
    { name: 'maxUnavailable 0 needs surge available', d: deploy(3, 1, 0), old: [rs('old', 3)], newRS: rs('new', 1, 1, 1), want: ['old->2'] },
  ];
  for (const c of cases) assert.deepEqual(steps(c.d, c.old, c.newRS), c.want, c.name);
});

test('planProportionalScale spreads a mid-rollout resize by size, leftovers to the largest', () => {
  const sizes = (d: Deployment, active: ReplicaSet[]) => planProportionalScale(d, active).map((s) => `${s.rs.metadata.name}=${s.to}`);
  // 10 replicas, surge 3: new 5 + old 8 = 13 = max; scaled to 20 (surge 5 -> max 25): +12.
  const d20 = { ...deploy(20), status: { replicas: 13 } };
  assert.deepEqual(sizes(d20, [rs('old', 8, 8, 0, 13), rs('new', 5, 0, 1, 13)]), ['old=15', 'new=10']);
  // Scaled down to 5 (surge 2 -> max 7): -6, older first on equal size.
  const d5 = { ...deploy(5), status: { replicas: 13 } };
  assert.deepEqual(sizes(d5, [rs('old', 8, 8, 0, 13), rs('new', 5, 0, 1, 13)]), ['old=4', 'new=3']);
  // Scale to zero removes everything.
  assert.deepEqual(sizes(deploy(0), [rs('old', 2, 2, 0, 3), rs('new', 1, 0, 1, 3)]), ['old=0', 'new=0']);
});
