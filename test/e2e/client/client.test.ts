// The API client and the informer against a real lkind cluster over HTTPS, with the credentials of
// the kubeconfig lkind wrote: CRUD with the server's Status errors, and an informer that follows
// adds, updates and deletes, and carries on across a cluster restart (reconnect and relist).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/api/types.js';
import { configFromKubeconfig } from '../../../src/client/config.js';
import { CORE } from '../../../src/client/resource.js';
import { Client } from '../../../src/client/rest-client.js';
import { Informer } from '../../../src/runtime/informer.js';
import { isStatusError } from '../../../src/machinery/errors.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
let client: Client;
before(async () => {
  c = await createTestCluster('client');
  client = new Client(await configFromKubeconfig({ kubeconfig: c.kubeconfig }));
});
after(async () => {
  client?.close();
  await c?.destroy();
});

const cm = (name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels }, data,
});

async function rejection(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (err) {
    assert.ok(isStatusError(err), String(err));
    return { code: err.code, message: err.message };
  }
  throw new Error('expected a rejection');
}

test('create, get, list, patch, update and delete; errors are the server Status', async () => {
  const created = await client.create(CORE.configmaps, cm('one', { a: '1' }, { app: 'x' }));
  assert.ok(created.metadata.uid);
  assert.deepEqual(await rejection(client.create(CORE.configmaps, cm('one'))), { code: 409, message: 'configmaps "one" already exists' });
  const got = await client.get(CORE.configmaps, 'default', 'one');
  assert.equal(got.metadata.resourceVersion, created.metadata.resourceVersion);
  const listed = await client.list(CORE.configmaps, { namespace: 'default', labelSelector: 'app=x' });
  assert.deepEqual(listed.items.map((o) => o.metadata.name), ['one']);
  const patched = await client.patch(CORE.configmaps, 'default', 'one', { data: { b: '2' } });
  assert.deepEqual(patched.data, { a: '1', b: '2' });
  const stale = { ...got, data: { c: '3' } };
  assert.equal((await rejection(client.update(CORE.configmaps, stale))).code, 409);
  const updated = await client.update(CORE.configmaps, { ...patched, data: { c: '3' } });
  assert.deepEqual(updated.data, { c: '3' });
  await client.delete(CORE.configmaps, 'default', 'one');
  assert.deepEqual(await rejection(client.get(CORE.configmaps, 'default', 'one')), { code: 404, message: 'configmaps "one" not found' });
});

test('an informer follows changes and survives a cluster restart', async () => {
  const events: string[] = [];
  const informer = new Informer(client, CORE.configmaps, { namespace: 'default', labelSelector: 'watched=yes' }, {
    onAdd: (o) => events.push(`add ${o.metadata.name}`),
    onUpdate: (o) => events.push(`update ${o.metadata.name} ${JSON.stringify(o.data)}`),
    onDelete: (o) => events.push(`delete ${o.metadata.name}`),
  });
  await client.create(CORE.configmaps, cm('before', {}, { watched: 'yes' }));
  await informer.start();
  try {
    assert.deepEqual(informer.list().map((o) => o.metadata.name), ['before']);
    await client.create(CORE.configmaps, cm('w', { v: '1' }, { watched: 'yes' }));
    await client.create(CORE.configmaps, cm('ignored', {}, { watched: 'no' }));
    await client.patch(CORE.configmaps, 'default', 'w', { data: { v: '2' } });
    await client.delete(CORE.configmaps, 'default', 'before');
    await eventually(async () => events.length >= 4);
    assert.deepEqual(events, ['add before', 'add w', 'update w {"v":"2"}', 'delete before']);

    assert.equal((await c.lkind(['stop', 'cluster', '--name', c.name])).code, 0);
    assert.equal((await c.lkind(['start', 'cluster', '--name', c.name])).code, 0);
    // Writes after the restart reach the informer through a new watch.
    await eventually(async () => {
      try {
        await client.delete(CORE.configmaps, 'default', 'w');
        return true;
      } catch {
        return false;
      }
    });
    await eventually(async () => events.includes('delete w'), 30_000);
    assert.deepEqual(informer.list(), []);
  } finally {
    informer.stop();
  }
});
