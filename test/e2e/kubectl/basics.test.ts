// kubectl against a fresh lkind cluster: version, discovery, namespaces, and the errors a user
// sees first. Expected outputs are those of a real cluster.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => { c = await createTestCluster('basics'); });
after(async () => { await c?.destroy(); });

test('kubectl version reports the server version', async () => {
  const r = await c.kubectl(['version']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Server Version: v1\.32\.\d+$/m);
});

test('kubectl cluster-info and get nodes show the control-plane node', async () => {
  const info = await c.kubectl(['cluster-info']);
  assert.equal(info.code, 0, info.stderr);
  assert.match(info.stdout, /Kubernetes control plane is running at https:\/\/127\.0\.0\.1:\d+/);
  const nodes = await c.kubectl(['get', 'nodes']);
  assert.equal(nodes.code, 0, nodes.stderr);
  assert.match(nodes.stdout, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
  assert.match(nodes.stdout, /^basics-control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.\d+$/m);
});

test('kubectl api-resources lists built-in kinds with short names', async () => {
  const r = await c.kubectl(['api-resources']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/m);
  assert.match(r.stdout, /^pods\s+po\s+v1\s+true\s+Pod$/m);
  assert.match(r.stdout, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
  assert.match(r.stdout, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
  assert.match(r.stdout, /^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false\s+CustomResourceDefinition$/m);
  assert.match(r.stdout, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
});

test('system namespaces exist and the kubernetes service points at the API', async () => {
  const ns = await c.kubectl(['get', 'namespaces', '-o', 'name']);
  assert.deepEqual(ns.stdout.trim().split('\n').sort(), ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
  const svc = await c.kubectl(['get', 'service', 'kubernetes', '-n', 'default']);
  assert.match(svc.stdout, /^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\S+$/m);
});

test('namespaces: create, get, describe, delete, then NotFound', async () => {
  assert.equal((await c.kubectl(['create', 'namespace', 'demo'])).stdout, 'namespace/demo created\n');
  const get = await c.kubectl(['get', 'namespace', 'demo']);
  assert.match(get.stdout, /^NAME\s+STATUS\s+AGE\ndemo\s+Active\s+\d+s\n$/);
  const describe = await c.kubectl(['describe', 'namespace', 'demo']);
  assert.equal(describe.code, 0, describe.stderr);
  assert.match(describe.stdout, /^Name:\s+demo$/m);
  assert.match(describe.stdout, /^Labels:\s+kubernetes\.io\/metadata\.name=demo$/m);
  assert.match(describe.stdout, /^Status:\s+Active$/m);
  await c.kubectl(['create', 'configmap', 'cfg', '-n', 'demo', '--from-literal=a=b']);
  const del = await c.kubectl(['delete', 'namespace', 'demo'], { timeoutMs: 30_000 });
  assert.equal(del.stdout, 'namespace "demo" deleted\n', del.stderr);
  const gone = await c.kubectl(['get', 'namespace', 'demo']);
  assert.equal(gone.code, 1);
  assert.equal(gone.stderr, 'Error from server (NotFound): namespaces "demo" not found\n');
});

test('errors read like a real cluster', async () => {
  const dup = await c.kubectl(['create', 'namespace', 'default']);
  assert.equal(dup.code, 1);
  assert.equal(dup.stderr, 'Error from server (AlreadyExists): namespaces "default" already exists\n');
  const bad = await c.kubectl(['create', 'namespace', 'Bad_Name']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^The Namespace "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'/);
  const missing = await c.kubectl(['get', 'pods', '-n', 'nowhere']);
  assert.equal(missing.stderr, 'No resources found in nowhere namespace.\n');
  const unknown = await c.kubectl(['get', 'foos']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /the server doesn't have a resource type "foos"/);
  const raw = await c.kubectl(['get', '--raw', '/api/v1/foos']);
  assert.equal(raw.code, 1);
  assert.match(raw.stderr, /Error from server \(NotFound\): the server could not find the requested resource/);
  const immortal = await c.kubectl(['delete', 'namespace', 'default']);
  assert.equal(immortal.code, 1);
  assert.match(immortal.stderr, /Error from server \(Forbidden\): namespaces "default" is forbidden: this namespace may not be deleted/);
});
