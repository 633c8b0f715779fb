import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../api/core-v1.js';
import { byRevision, bySizeNewer, bySizeOlder, equalIgnoreHash, findActiveOrLatest, findNewReplicaSet, isSaturated, maxRevision } from './replicaset-lists.js';

const template = (image: string, extraLabels: Record<string, string> = {}): PodTemplateSpec =>
  ({ metadata: { labels: { app: 'web', ...extraLabels }, creationTimestamp: null } as PodTemplateSpec['metadata'], spec: { containers: [{ name: 'c', image }] } });

function rs(name: string, o: { replicas?: number; minute?: number; revision?: string; image?: string; available?: number; desired?: string } = {}): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (o.revision !== undefined) annotations['deployment.kubernetes.io/revision'] = o.revision;
  if (o.desired !== undefined) annotations['deployment.kubernetes.io/desired-replicas'] = o.desired;
  return {
    metadata: { name, uid: `u-${name}`, annotations, creationTimestamp: `2025-01-01T00:${String(o.minute ?? 0).padStart(2, '0')}:00Z` },
    spec: { replicas: o.replicas ?? 1, selector: {}, template: template(o.image ?? 'nginx:1', { 'pod-template-hash': `h-${name}` }) },
    status: { replicas: o.replicas ?? 1, availableReplicas: o.available ?? 0 },
  };
}

const deploy = (image: string, replicas = 3): Deployment => ({ metadata: { name: 'web' }, spec: { replicas, selector: {}, template: template(image) } });
const names = (rss: ReplicaSet[]) => rss.map((r) => r.metadata.name);

test('equalIgnoreHash ignores the hash label and nil-vs-empty differences only', () => {
  const cases: { name: string; a: PodTemplateSpec; b: PodTemplateSpec; equal: boolean }[] = [
    { name: 'hash label only', a: template('x', { 'pod-template-hash': 'abc' }), b: template('x'), equal: true },
    { name: 'null vs absent, [] vs absent', a: { ...template('x'), spec: { containers: [{ name: 'c', image: 'x' }], volumes: [] } }, b: template('x'), equal: true },
    { name: 'image differs', a: template('x'), b: template('y'), equal: false },
    { name: 'other label differs', a: template('x', { tier: 'a' }), b: template('x'), equal: false },
  ];
  for (const c of cases) assert.equal(equalIgnoreHash(c.a, c.b), c.equal, c.name);
});

test('findNewReplicaSet picks the oldest matching template', () => {
  const rss = [rs('b', { minute: 2, image: 'nginx:2' }), rs('a', { minute: 1, image: 'nginx:2' }), rs('old', { image: 'nginx:1' })];
  assert.equal(findNewReplicaSet(deploy('nginx:2'), rss)?.metadata.name, 'a');
  assert.equal(findNewReplicaSet(deploy('nginx:3'), rss), undefined);
});

test('orders: by size (newer or older first on ties) and by revision', () => {
  const rss = [rs('old', { replicas: 2, minute: 1 }), rs('new', { replicas: 2, minute: 2 }), rs('big', { replicas: 5, minute: 0 })];
  assert.deepEqual(names([...rss].sort(bySizeNewer)), ['big', 'new', 'old']);
  assert.deepEqual(names([...rss].sort(bySizeOlder)), ['big', 'old', 'new']);
  const revs = [rs('r10', { revision: '10' }), rs('r2', { revision: '2' }), rs('none', { minute: 5 })];
  assert.deepEqual(names([...revs].sort(byRevision)), ['none', 'r2', 'r10']);
  assert.equal(maxRevision([...revs, rs('bad', { revision: 'x' })]), 10);
});

test('findActiveOrLatest and isSaturated', () => {
  assert.equal(findActiveOrLatest(rs('new', { replicas: 0, minute: 3 }), [rs('old', { replicas: 2 })])?.metadata.name, 'old');
  assert.equal(findActiveOrLatest(rs('new', { replicas: 1 }), [rs('old', { replicas: 2 })]), undefined);
  assert.equal(findActiveOrLatest(undefined, [rs('a', { replicas: 0, minute: 1 }), rs('b', { replicas: 0, minute: 2 })])?.metadata.name, 'b');
  assert.equal(isSaturated(deploy('x', 3), rs('n', { replicas: 3, available: 3, desired: '3' })), true);
  assert.equal(isSaturated(deploy('x', 3), rs('n', { replicas: 3, available: 2, desired: '3' })), false);
  assert.equal(isSaturated(deploy('x', 3), rs('n', { replicas: 3, available: 3 })), false);
});
