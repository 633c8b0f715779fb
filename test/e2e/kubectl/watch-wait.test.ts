// kubectl get -w (bounded), kubectl wait --for=delete, and deletion held by finalizers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createTestCluster, eventually, KUBECTL, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => { c = await createTestCluster('watch'); });
after(async () => { await c?.destroy(); });

test('kubectl get -w prints the table, then a row per change', async () => {
  await c.kubectl(['create', 'configmap', 'first', '--from-literal=a=1']);
  const child = spawn(KUBECTL, ['get', 'configmaps', '-w'], { env: c.env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  try {
    await eventually(async () => /first/.test(out));
    await c.kubectl(['create', 'configmap', 'second', '--from-literal=a=1']);
    await eventually(async () => /second/.test(out));
  } finally {
    child.kill();
  }
  const lines = out.trim().split('\n');
  assert.match(lines[0]!, /^NAME\s+DATA\s+AGE$/);
  assert.equal(lines.filter((l) => /^NAME/.test(l)).length, 1, 'headers printed once');
  assert.ok(lines.some((l) => /^first\s+1\s+\d+s$/.test(l)), out);
  assert.ok(lines.some((l) => /^second\s+1\s+\d+s$/.test(l)), out);
});

test('finalizers hold a deletion until removed; wait --for=delete returns then', async () => {
  const file = c.write('held.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\ndata:\n  a: "1"\n');
  await c.kubectl(['apply', '-f', file]);
  const del = await c.kubectl(['delete', 'configmap', 'held', '--wait=false']);
  assert.equal(del.stdout, 'configmap "held" deleted\n', del.stderr);
  const ts = await c.kubectl(['get', 'configmap', 'held', '-o', 'jsonpath={.metadata.deletionTimestamp}']);
  assert.match(ts.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const waiter = c.kubectl(['wait', '--for=delete', 'configmap/held', '--timeout=30s']);
  await new Promise((r) => setTimeout(r, 500));
  const patched = await c.kubectl(['patch', 'configmap', 'held', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
  assert.equal(patched.code, 0, patched.stderr);
  const waited = await waiter;
  assert.equal(waited.code, 0, waited.stderr);
  assert.match(waited.stdout, /configmap\/held condition met/);
  const gone = await c.kubectl(['get', 'configmap', 'held']);
  assert.equal(gone.stderr, 'Error from server (NotFound): configmaps "held" not found\n');
});

test('dry-run=server validates without storing', async () => {
  const r = await c.kubectl(['create', 'configmap', 'dry', '--from-literal=a=1', '--dry-run=server']);
  assert.equal(r.stdout, 'configmap/dry created (server dry run)\n', r.stderr);
  const gone = await c.kubectl(['get', 'configmap', 'dry']);
  assert.equal(gone.code, 1);
});
