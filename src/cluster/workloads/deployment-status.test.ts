import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../../api/core-v1.js';
import { computeRolloutStatus, deploymentStatusEqual, pausedConditions, progressCheckAfterMs } from './deployment-status.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function deploy(replicas: number, status: DeploymentStatus = {}, extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    metadata: { name: 'web', namespace: 'ns', generation: 2 },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, progressDeadlineSeconds: 600, ...extra,
    },
    status,
  };
}

function rs(name: string, replicas: number, ready: number, available: number, conditions?: Condition[]): ReplicaSet {
  return {
    metadata: { name, namespace: 'ns', uid: `u-${name}` },
    spec: { replicas, selector: {}, template: { spec: { containers: [] } } },
    status: { replicas, readyReplicas: ready, availableReplicas: available, conditions },
  };
}

const progressing = (reason: string, updatedAgo: number, status: Condition['status'] = 'True'): Condition =>
  ({ type: 'Progressing', status, reason, message: 'm', lastUpdateTime: ago(updatedAgo), lastTransitionTime: ago(updatedAgo) });
const cond = (s: DeploymentStatus, type: string) => s.conditions?.find((c) => c.type === type);

test('computeRolloutStatus: counts and Available', () => {
  const s = computeRolloutStatus(deploy(4), [rs('old', 3, 3, 3), rs('new', 2, 1, 1)], rs('new', 2, 1, 1), NOW);
  assert.deepEqual([s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas, s.unavailableReplicas, s.observedGeneration], [5, 2, 4, 4, 1, 2]);
  assert.deepEqual([cond(s, 'Available')?.status, cond(s, 'Available')?.reason, cond(s, 'Available')?.message], ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
  const low = computeRolloutStatus(deploy(4), [rs('new', 4, 2, 2)], rs('new', 4, 2, 2), NOW);
  assert.deepEqual([cond(low, 'Available')?.status, cond(low, 'Available')?.message], ['False', 'Deployment does not have minimum availability.']);
});

test('computeRolloutStatus: the Progressing condition through a rollout', () => {
  const cases: { name: string; d: Deployment; rss: ReplicaSet[]; want: [string, string, string] | undefined }[] = [
    {
      name: 'complete', d: deploy(2, { replicas: 2, updatedReplicas: 2, availableReplicas: 1, conditions: [progressing('ReplicaSetUpdated', 5)] }),
      rss: [rs('web-abc', 2, 2, 2)], want: ['True', 'NewReplicaSetAvailable', 'ReplicaSet "web-abc" has successfully progressed.'],
    },
    {
      name: 'progress made', d: deploy(2, { replicas: 2, updatedReplicas: 1, conditions: [progressing('NewReplicaSetCreated', 5)] }),
      rss: [rs('old', 1, 1, 1), rs('web-abc', 2, 0, 0)], want: ['True', 'ReplicaSetUpdated', 'ReplicaSet "web-abc" is progressing.'],
    },
    {
      name: 'stuck past the deadline', d: deploy(2, { replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, conditions: [progressing('ReplicaSetUpdated', 601)] }),
      rss: [rs('old', 2, 2, 2), rs('web-abc', 1, 0, 0)], want: ['False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-abc" has timed out progressing.'],
    },
    {
      name: 'stuck within the deadline', d: deploy(2, { replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, conditions: [progressing('ReplicaSetUpdated', 30)] }),
      rss: [rs('old', 2, 2, 2), rs('web-abc', 1, 0, 0)], want: ['True', 'ReplicaSetUpdated', 'm'],
    },
    {
      name: 'no deadline: no Progressing', d: deploy(2, { conditions: [progressing('ReplicaSetUpdated', 30)] }, { progressDeadlineSeconds: 2 ** 31 - 1 }),
      rss: [rs('web-abc', 2, 0, 0)], want: undefined,
    },
  ];
  for (const c of cases) {
    const newRS = c.rss[c.rss.length - 1];
    const p = cond(computeRolloutStatus(c.d, c.rss, newRS, NOW), 'Progressing');
    assert.deepEqual(p && [p.status, p.reason, p.message], c.want, c.name);
  }
});

test('computeRolloutStatus promotes ReplicaFailure, the new ReplicaSet first', () => {
  const failure: Condition = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: ago(1) };
  const s = computeRolloutStatus(deploy(1), [rs('old', 0, 0, 0), rs('new', 1, 0, 0, [failure])], rs('new', 1, 0, 0, [failure]), NOW);
  assert.deepEqual([cond(s, 'ReplicaFailure')?.reason, cond(s, 'ReplicaFailure')?.message], ['FailedCreate', 'quota']);
});

test('pausedConditions and progressCheckAfterMs', () => {
  assert.equal(pausedConditions(deploy(1, {}, { paused: true }), NOW)?.[0]?.reason, 'DeploymentPaused');
  assert.equal(pausedConditions(deploy(1, { conditions: [progressing('DeploymentPaused', 5, 'Unknown')] }), NOW)?.[0]?.message, 'Deployment is resumed');
  assert.equal(pausedConditions(deploy(1, { conditions: [progressing('ProgressDeadlineExceeded', 5, 'False')] }, { paused: true }), NOW), undefined);
  assert.equal(pausedConditions(deploy(1), NOW), undefined);
  const stuck = deploy(2, { conditions: [progressing('ReplicaSetUpdated', 100)] });
  assert.equal(progressCheckAfterMs(stuck, { replicas: 3, updatedReplicas: 1 }, NOW), 501_000);
  assert.equal(progressCheckAfterMs(stuck, { replicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 2 }, NOW), undefined);
});

test('deploymentStatusEqual ignores zero counts and empty lists as the wire does', () => {
  assert.equal(deploymentStatusEqual({ replicas: 0, conditions: [] }, {}), true);
  assert.equal(deploymentStatusEqual({ replicas: 1 }, {}), false);
});
