import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ControllerRevision } from '../../api/apps-batch-v1.js';
import { forgeControllerRevision, planHistory, revisionsToPrune, type RevisionOwner } from './controller-history.js';

const owner = (image: string): RevisionOwner => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ns', uid: 'u' },
  spec: { template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image }] } } },
});
const rev = (image: string, revision: number): ControllerRevision => forgeControllerRevision(owner(image), revision);

test('forgeControllerRevision', () => {
  const r = rev('v1', 1);
  const hash = r.metadata.labels!['controller-revision-hash']!;
  assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  assert.equal(r.metadata.name, `agent-${hash}`);
  assert.deepEqual(r.data, { spec: { template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'v1' }] }, $patch: 'replace' } } });
  assert.equal(r.metadata.ownerReferences?.[0]?.controller, true);
  assert.notEqual(rev('v2', 1).metadata.name, r.metadata.name);
  assert.equal(rev('v1', 7).metadata.name, r.metadata.name);
});

test('planHistory', async (t) => {
  const cases = [
    { name: 'first revision', revs: [], create: true, revision: 1, bump: undefined },
    { name: 'unchanged template', revs: [rev('v1', 1)], create: false, revision: 1, bump: undefined },
    { name: 'new template', revs: [rev('v0', 1), rev('v2', 2)], create: true, revision: 3, bump: undefined },
    { name: 'back to an old template renumbers it', revs: [rev('v1', 1), rev('v2', 2)], create: false, revision: 1, bump: 3 },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const plan = planHistory(owner('v1'), c.revs);
      assert.equal(plan.create, c.create);
      assert.equal(plan.current.revision, c.revision);
      assert.equal(plan.bump, c.bump);
    });
  }
});

test('revisionsToPrune keeps the limit, the current one and the ones live pods run', () => {
  const revs = [rev('a', 1), rev('b', 2), rev('c', 3), rev('d', 4)];
  const live = new Set([revs[0]!.metadata.labels!['controller-revision-hash']!]);
  const pruned = revisionsToPrune(revs, revs[3]!.metadata.name!, live, 1);
  assert.deepEqual(pruned.map((r) => r.revision), [2]);
});
