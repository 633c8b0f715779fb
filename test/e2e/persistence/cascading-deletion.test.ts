// Deleting what holds running workloads, as a user does it: `kubectl delete namespace` with a
// Deployment, a Service and their pods inside returns once the namespace is gone, and nothing of
// it is left or comes back (not even in a namespace of the same name created right after);
// deleting a Deployment takes its ReplicaSets and pods with it, in the background or, with
// --cascade=foreground, before kubectl returns. A kill -9 right after the deletions were accepted
// does not leave anything behind: the restarted cluster finishes them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/api/types.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';
import { getList, killDaemon, lkindOk, ok } from './cluster-state.js';

let c: TestCluster;
before(async () => { c = await createTestCluster('cascading', [], { LKIND_KUBELET_PROFILE: 'instant' }); });
after(async () => { await c?.destroy(); });

const app = (name: string, namespace: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25", ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {app: ${name}}
  ports: [{port: 80}]
`;

/** Everything kubectl finds in the namespace, across the cluster (so a deleted namespace too). */
const RESOURCES = 'deployments,replicasets,pods,services,endpoints,endpointslices,configmaps,serviceaccounts';
async function inNamespace(namespace: string): Promise<string[]> {
  const items = await getList<KubeObject>(c, [RESOURCES, '-A', '--field-selector', `metadata.namespace=${namespace}`]);
  return items.map((o) => `${o.kind}/${o.metadata.name}`).sort();
}

test('delete namespace with a Deployment, a Service and pods: kubectl returns once all of it is gone', async () => {
  await ok(c, ['create', 'namespace', 'shop']);
  await ok(c, ['apply', '-f', '-'], app('web', 'shop', 10));
  await ok(c, ['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=30s']);
  await eventually(async () => (await ok(c, ['get', 'endpoints', 'web', '-n', 'shop', '-o', 'jsonpath={.subsets[0].addresses[*].ip}'])).split(' ').length === 10);

  const started = Date.now();
  const r = await c.kubectl(['delete', 'namespace', 'shop'], { timeoutMs: 60_000 });
  const took = Date.now() - started;
  assert.equal(r.stdout, 'namespace "shop" deleted\n', r.stderr);
  assert.ok(took < 20_000, `kubectl delete namespace took ${took} ms`);
  process.stdout.write(`# delete namespace returned after ${took} ms\n`);

  const gone = await c.kubectl(['get', 'namespace', 'shop']);
  assert.equal(gone.stderr, 'Error from server (NotFound): namespaces "shop" not found\n');
  assert.deepEqual(await inNamespace('shop'), []);
});

test('a namespace created again under the same name starts empty: no controller brings the old objects back', async () => {
  await ok(c, ['create', 'namespace', 'shop']);
  // The namespace's own ServiceAccount and CA bundle are expected; nothing of the old Deployment.
  await eventually(async () => (await inNamespace('shop')).join(' ') === 'ConfigMap/kube-root-ca.crt ServiceAccount/default');
  await new Promise((r) => setTimeout(r, 2_000));
  assert.deepEqual(await inNamespace('shop'), ['ConfigMap/kube-root-ca.crt', 'ServiceAccount/default']);
});

test('delete deployment (background): its ReplicaSets and pods go too', async () => {
  await ok(c, ['apply', '-f', '-'], app('bg', 'default', 8));
  await ok(c, ['rollout', 'status', 'deployment/bg', '--timeout=30s']);
  await ok(c, ['set', 'image', 'deployment/bg', 'nginx=nginx:1.26']);
  await ok(c, ['rollout', 'status', 'deployment/bg', '--timeout=30s']);
  assert.equal((await getList(c, ['rs', '-l', 'app=bg'])).length, 2);

  assert.equal(await ok(c, ['delete', 'deployment', 'bg']), 'deployment.apps "bg" deleted\n');
  await eventually(async () => (await getList(c, ['rs,pods', '-l', 'app=bg'])).length === 0, 15_000);
  assert.equal((await c.kubectl(['get', 'rs,pods', '-l', 'app=bg'])).stderr, 'No resources found in default namespace.\n');
});

test('delete deployment --cascade=foreground: ReplicaSets and pods are gone when kubectl returns', async () => {
  await ok(c, ['apply', '-f', '-'], app('fg', 'default', 8));
  await ok(c, ['rollout', 'status', 'deployment/fg', '--timeout=30s']);
  const started = Date.now();
  assert.equal(await ok(c, ['delete', 'deployment', 'fg', '--cascade=foreground']), 'deployment.apps "fg" deleted\n');
  process.stdout.write(`# foreground delete returned after ${Date.now() - started} ms\n`);
  assert.deepEqual((await getList(c, ['rs,pods', '-l', 'app=fg'])).map((o) => `${o.kind}/${o.metadata.name}`), []);
  assert.equal((await c.kubectl(['get', 'deployment', 'fg'])).stderr, 'Error from server (NotFound): deployments.apps "fg" not found\n');
});

test('kill -9 right after deleting a namespace and a Deployment: after start both finish going away', async () => {
  await ok(c, ['create', 'namespace', 'doomed']);
  await ok(c, ['apply', '-f', '-'], app('web', 'doomed', 20));
  await ok(c, ['apply', '-f', '-'], app('left', 'default', 20));
  await ok(c, ['rollout', 'status', 'deployment/web', '-n', 'doomed', '--timeout=30s']);
  await ok(c, ['rollout', 'status', 'deployment/left', '--timeout=30s']);
  await ok(c, ['delete', 'namespace', 'doomed', '--wait=false']);
  await ok(c, ['delete', 'deployment', 'left', '--wait=false']);
  await killDaemon(c);
  await lkindOk(c, ['start', 'cluster', '--name', 'cascading']);
  await eventually(async () => (await c.kubectl(['get', 'namespace', 'doomed'])).code !== 0, 20_000);
  assert.deepEqual(await inNamespace('doomed'), []);
  await eventually(async () => (await getList(c, ['rs,pods', '-l', 'app=left'])).length === 0, 20_000);
  assert.equal((await c.kubectl(['get', 'deployment', 'left'])).stderr, 'Error from server (NotFound): deployments.apps "left" not found\n');
});
