import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbStore } from './lmdb-store.js';
import { KeyExistsError, RevisionConflictError, TooOldError, type StoreEvent } from './mvcc.js';

function tempStore(windowSize?: number): { store: LmdbStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lmdb-store-'));
  return { store: new LmdbStore({ path: dir, windowSize }), dir };
}

const obj = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name }, ...extra });

test('create, update with revision check, delete, and revisions as resourceVersion', async () => {
  const { store, dir } = tempStore();
  const a = store.create('/core/configmaps/ns/a', obj('a'));
  assert.equal(a.modRevision, 1);
  assert.equal(a.object.metadata.resourceVersion, '1');
  assert.throws(() => store.create('/core/configmaps/ns/a', obj('a')), KeyExistsError);
  const a2 = store.update('/core/configmaps/ns/a', obj('a', { data: { x: '1' } }), 1);
  assert.equal(a2.modRevision, 2);
  assert.equal(a2.createRevision, 1);
  assert.throws(() => store.update('/core/configmaps/ns/a', obj('a'), 1), RevisionConflictError);
  const gone = store.delete('/core/configmaps/ns/a');
  assert.equal(gone.object.metadata.resourceVersion, '3');
  assert.equal(store.get('/core/configmaps/ns/a'), undefined);
  assert.equal(store.revision(), 3);
  await store.close();
  rmSync(dir, { recursive: true });
});

test('state and revision survive reopening', async () => {
  const { store, dir } = tempStore();
  store.create('/core/configmaps/ns/b', obj('b'));
  store.create('/core/configmaps/ns/a', obj('a'));
  store.delete('/core/configmaps/ns/b');
  await store.close();
  const reopened = new LmdbStore({ path: dir });
  assert.equal(reopened.revision(), 3);
  assert.deepEqual(reopened.list('/core/configmaps/').map((o) => o.key), ['/core/configmaps/ns/a']);
  assert.equal(reopened.create('/core/configmaps/ns/c', obj('c')).modRevision, 4);
  await reopened.close();
  rmSync(dir, { recursive: true });
});

test('lists are sorted by key and filtered by prefix; listAt rewinds', async () => {
  const { store, dir } = tempStore();
  store.create('/core/pods/b/x', obj('x'));
  store.create('/core/pods/a/y', obj('y'));
  store.create('/core/secrets/a/z', obj('z'));
  assert.deepEqual(store.list('/core/pods/').map((o) => o.key), ['/core/pods/a/y', '/core/pods/b/x']);
  assert.deepEqual(store.list('/core/pods/a/').map((o) => o.key), ['/core/pods/a/y']);
  store.update('/core/pods/a/y', obj('y', { v: 2 }));
  store.delete('/core/pods/b/x');
  store.create('/core/pods/c/w', obj('w'));
  const at3 = store.listAt('/core/pods/', 3);
  assert.deepEqual(at3.map((o) => `${o.key}@${o.modRevision}`), ['/core/pods/a/y@2', '/core/pods/b/x@1']);
  await store.close();
  rmSync(dir, { recursive: true });
});

test('watch replays from a revision, streams live events, and refuses compacted revisions', async () => {
  const { store, dir } = tempStore(3);
  for (let i = 0; i < 5; i++) store.create(`/core/configmaps/ns/c${i}`, obj(`c${i}`));
  const seen: StoreEvent[] = [];
  const stop = store.watch('/core/configmaps/', 3, (e) => seen.push(e));
  store.delete('/core/configmaps/ns/c0');
  stop();
  store.delete('/core/configmaps/ns/c1');
  assert.deepEqual(seen.map((e) => `${e.type}@${e.revision}`), ['ADDED@4', 'ADDED@5', 'DELETED@6']);
  assert.throws(() => store.watch('/core/configmaps/', 1, () => {}), TooOldError);
  await store.close();
  rmSync(dir, { recursive: true });
});
