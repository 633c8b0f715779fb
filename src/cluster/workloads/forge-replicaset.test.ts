import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../../api/core-v1.js';
import { forgeNewReplicaSet, newReplicaSetAnnotations } from './forge-replicaset.js';

function deploy(annotations: Record<string, string> = {}): Deployment {
  return {
    metadata: { name: 'web', namespace: 'ns', uid: 'u-web', annotations },
    spec: {
      replicas: 4, minReadySeconds: 5, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
  };
}

test('forgeNewReplicaSet: name, hash label everywhere, owner, annotations', () => {
  const rs = forgeNewReplicaSet(deploy({ team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '7' }), '5d4f8c6b9', 1, 3);
  assert.equal(rs.metadata.name, 'web-5d4f8c6b9');
  assert.deepEqual(rs.metadata.labels, { app: 'web', 'pod-template-hash': '5d4f8c6b9' });
  assert.deepEqual(rs.spec.selector.matchLabels, { app: 'web', 'pod-template-hash': '5d4f8c6b9' });
  assert.deepEqual(rs.spec.template.metadata?.labels, { app: 'web', 'pod-template-hash': '5d4f8c6b9' });
  assert.deepEqual(rs.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u-web', controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual(rs.metadata.annotations, {
    team: 'a', 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5',
  });
  assert.equal(rs.spec.replicas, 1);
  assert.equal(rs.spec.minReadySeconds, 5);
});

test('newReplicaSetAnnotations: revision only rises; a rollback records the old revision', () => {
  const cases: { name: string; current: Record<string, string>; rev: number; want: Record<string, string>; changed: boolean }[] = [
    { name: 'same revision: unchanged', current: { 'deployment.kubernetes.io/revision': '2' }, rev: 2, want: { 'deployment.kubernetes.io/revision': '2' }, changed: false },
    { name: 'higher revision kept', current: { 'deployment.kubernetes.io/revision': '5' }, rev: 3, want: { 'deployment.kubernetes.io/revision': '5' }, changed: false },
    {
      name: 'rolled back to: history', current: { 'deployment.kubernetes.io/revision': '1' }, rev: 3,
      want: { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' }, changed: true,
    },
    {
      name: 'history appends', current: { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' }, rev: 5,
      want: { 'deployment.kubernetes.io/revision': '5', 'deployment.kubernetes.io/revision-history': '1,3' }, changed: true,
    },
    { name: 'no revision yet', current: {}, rev: 1, want: { 'deployment.kubernetes.io/revision': '1' }, changed: true },
  ];
  for (const c of cases) {
    const got = newReplicaSetAnnotations(deploy(), c.current, c.rev, true);
    assert.deepEqual(got.annotations, c.want, c.name);
    assert.equal(got.changed, c.changed, c.name);
  }
});
