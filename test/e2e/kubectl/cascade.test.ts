// kubectl delete --cascade=background|orphan|foreground against objects linked by
// ownerReferences: dependents go with their owner, stay behind without the reference, or go first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => { c = await createTestCluster('cascade'); });
after(async () => { await c?.destroy(); });

async function ownerWithDependent(name: string, block = false): Promise<void> {
  await c.kubectl(['create', 'configmap', name, '--from-literal=role=owner']);
  const uid = (await c.kubectl(['get', 'configmap', name, '-o', 'jsonpath={.metadata.uid}'])).stdout;
  const dependent = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-dep
  ownerReferences:
    - apiVersion: v1
      kind: ConfigMap
      name: ${name}
      uid: ${uid}
      blockOwnerDeletion: ${block}
data:
  role: dependent
`;
  const r = await c.kubectl(['apply', '-f', c.write(`${name}-dep.yaml`, dependent)]);
  assert.equal(r.code, 0, r.stderr);
}

const exists = async (name: string) => (await c.kubectl(['get', 'configmap', name])).code === 0;

test('background (the default): dependents are deleted after their owner', async () => {
  await ownerWithDependent('bg');
  const r = await c.kubectl(['delete', 'configmap', 'bg']);
  assert.equal(r.stdout, 'configmap "bg" deleted\n', r.stderr);
  await eventually(async () => !(await exists('bg-dep')));
});

test('orphan: dependents stay and lose the owner reference', async () => {
  await ownerWithDependent('or');
  const r = await c.kubectl(['delete', 'configmap', 'or', '--cascade=orphan'], { timeoutMs: 30_000 });
  assert.equal(r.stdout, 'configmap "or" deleted\n', r.stderr);
  assert.equal(await exists('or'), false);
  const refs = await c.kubectl(['get', 'configmap', 'or-dep', '-o', 'jsonpath={.metadata.ownerReferences}']);
  assert.equal(refs.code, 0, refs.stderr);
  assert.equal(refs.stdout, '');
});

test('foreground: the owner waits for its blocking dependents, then both are gone', async () => {
  await ownerWithDependent('fg', true);
  const r = await c.kubectl(['delete', 'configmap', 'fg', '--cascade=foreground'], { timeoutMs: 30_000 });
  assert.equal(r.stdout, 'configmap "fg" deleted\n', r.stderr);
  assert.equal(await exists('fg'), false);
  assert.equal(await exists('fg-dep'), false);
});
