import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkQueue } from './workqueue.js';

/** Resolves to the key the queue hands out next and the ms it took, or undefined after `within` ms. */
async function next(q: WorkQueue, within: number): Promise<{ key: string; after: number } | undefined> {
  const started = Date.now();
  const timeout = new Promise<undefined>((r) => setTimeout(() => r(undefined), within));
  const got = await Promise.race([q.get(), timeout]);
  return got === undefined ? undefined : { key: got, after: Date.now() - started };
}

test('addAfter: of two pending delayed adds of a key the earlier one wins, in either order', async () => {
  const cases: [name: string, delays: number[]][] = [
    ['a near requeue after a far one (a pod deleted while a far-off stage is pending)', [5_000, 20]],
    ['a far requeue after a near one', [20, 5_000]],
  ];
  for (const [name, delays] of cases) {
    const q = new WorkQueue();
    for (const ms of delays) q.addAfter('ns/a', ms);
    const got = await next(q, 1_000);
    assert.equal(got?.key, 'ns/a', name);
    assert.ok(got.after < 500, `${name}: handed out after ${got.after} ms`);
    q.done('ns/a');
    q.shutDown();
  }
});

test('a key is queued once however often it is added, and re-added while processing runs again after', async () => {
  const q = new WorkQueue();
  q.add('a');
  q.add('a');
  q.add('b');
  assert.equal(q.length, 2);
  assert.equal(await q.get(), 'a');
  q.add('a');
  assert.equal(q.length, 1, 'a is processing: marked dirty, not queued twice');
  q.done('a');
  assert.deepEqual([await q.get(), await q.get()], ['b', 'a']);
  q.shutDown();
  assert.equal(await q.get(), undefined);
});
