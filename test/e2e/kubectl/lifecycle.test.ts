// lkind cluster lifecycle as a user meets it: get clusters, stop/start keeps the data, and a
// kill -9 of the cluster process loses no acknowledged write.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestCluster, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => { c = await createTestCluster('life'); });
after(async () => { await c?.destroy(); });

test('get clusters and get kubeconfig', async () => {
  const list = await c.lkind(['get', 'clusters']);
  assert.equal(list.stdout, 'life\n');
  const kc = await c.lkind(['get', 'kubeconfig', '--name', 'life']);
  assert.match(kc.stdout, /current-context: lkind-life/);
  assert.match(kc.stdout, /certificate-authority-data: /);
});

test('stop and start keep the data', async () => {
  await c.kubectl(['create', 'configmap', 'kept', '--from-literal=a=1']);
  const stop = await c.lkind(['stop', 'cluster', '--name', 'life']);
  assert.equal(stop.code, 0, stop.stderr);
  const down = await c.kubectl(['get', 'configmap', 'kept', '--request-timeout=2s']);
  assert.notEqual(down.code, 0);
  const start = await c.lkind(['start', 'cluster', '--name', 'life']);
  assert.equal(start.code, 0, start.stderr);
  const got = await c.kubectl(['get', 'configmap', 'kept', '-o', 'jsonpath={.data.a}']);
  assert.equal(got.stdout, '1', got.stderr);
});

test('kill -9 loses no acknowledged write; start revives the cluster', async () => {
  for (let i = 0; i < 20; i++) {
    const r = await c.kubectl(['create', 'configmap', `acked-${i}`, '--from-literal=i=' + i]);
    assert.equal(r.code, 0, r.stderr);
  }
  const pid = Number(readFileSync(join(c.env.LKIND_HOME!, 'clusters', 'life', 'daemon.pid'), 'utf8'));
  process.kill(pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 300));
  const start = await c.lkind(['start', 'cluster', '--name', 'life']);
  assert.equal(start.code, 0, start.stderr);
  const names = await c.kubectl(['get', 'configmaps', '-o', 'name']);
  for (let i = 0; i < 20; i++) assert.match(names.stdout, new RegExp(`configmap/acked-${i}\\n`));
});
