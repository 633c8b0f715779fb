// kubectl apply/get/label/annotate/patch/scale/delete of a Deployment, with output formats and
// selectors, as a user drives a real cluster.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { createTestCluster, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => {
  c = await createTestCluster('workloads');
  await c.kubectl(['create', 'namespace', 'apps']);
});
after(async () => { await c?.destroy(); });

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          ports:
            - containerPort: 80
`;

test('apply creates, re-apply is unchanged, a change is configured', async () => {
  const file = c.write('deploy.yaml', DEPLOYMENT);
  const created = await c.kubectl(['apply', '-f', file, '-n', 'apps']);
  assert.equal(created.stdout, 'deployment.apps/web created\n', created.stderr);
  const again = await c.kubectl(['apply', '-f', file, '-n', 'apps']);
  assert.equal(again.stdout, 'deployment.apps/web unchanged\n', again.stderr);
  const changed = c.write('deploy2.yaml', DEPLOYMENT.replace('nginx:1.25', 'nginx:1.26'));
  const configured = await c.kubectl(['apply', '-f', changed, '-n', 'apps']);
  assert.equal(configured.stdout, 'deployment.apps/web configured\n', configured.stderr);
});

test('get -o yaml shows server defaults; -o json and jsonpath agree', async () => {
  const yaml = await c.kubectl(['get', 'deployment', 'web', '-n', 'apps', '-o', 'yaml']);
  assert.equal(yaml.code, 0, yaml.stderr);
  const d = parse(yaml.stdout);
  assert.equal(d.spec.strategy.type, 'RollingUpdate');
  assert.equal(d.spec.strategy.rollingUpdate.maxSurge, '25%');
  assert.equal(d.spec.revisionHistoryLimit, 10);
  assert.equal(d.spec.progressDeadlineSeconds, 600);
  assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.26');
  assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  assert.equal(d.spec.template.spec.containers[0].ports[0].protocol, 'TCP');
  assert.equal(d.spec.template.spec.restartPolicy, 'Always');
  assert.equal(d.metadata.generation, 2);
  assert.match(d.metadata.uid, /^[0-9a-f-]{36}$/);
  const json = JSON.parse((await c.kubectl(['get', 'deployment', 'web', '-n', 'apps', '-o', 'json'])).stdout);
  assert.equal(json.metadata.uid, d.metadata.uid);
  const jp = await c.kubectl(['get', 'deployment', 'web', '-n', 'apps', '-o', 'jsonpath={.spec.replicas}']);
  assert.equal(jp.stdout, '2');
});

test('get prints the columns of kube-apiserver, -o wide adds the wide ones', async () => {
  const plain = await c.kubectl(['get', 'deployments', '-n', 'apps']);
  assert.match(plain.stdout, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+[0-2]\/2\s+[0-2]\s+[0-2]\s+\d+s\n$/);
  const wide = await c.kubectl(['get', 'deployments', '-n', 'apps', '-o', 'wide']);
  assert.match(wide.stdout, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n/);
  assert.match(wide.stdout, /^web\s+[0-2]\/2\s+[0-2]\s+[0-2]\s+\d+s\s+nginx\s+nginx:1\.26\s+app=web$/m);
  const labels = await c.kubectl(['get', 'deployments', '-n', 'apps', '--show-labels']);
  assert.match(labels.stdout, /\s+LABELS\n/);
  assert.match(labels.stdout, /\s+app=web\n/);
});

test('label and field selectors filter lists', async () => {
  await c.kubectl(['create', 'configmap', 'one', '-n', 'apps', '--from-literal=k=v']);
  await c.kubectl(['create', 'configmap', 'two', '-n', 'apps', '--from-literal=k=v']);
  await c.kubectl(['label', 'configmap', 'one', '-n', 'apps', 'color=blue']);
  const byLabel = await c.kubectl(['get', 'configmaps', '-n', 'apps', '-l', 'color=blue', '-o', 'name']);
  assert.equal(byLabel.stdout, 'configmap/one\n');
  const notBlue = await c.kubectl(['get', 'configmaps', '-n', 'apps', '-l', 'color!=blue', '-o', 'name']);
  assert.match(notBlue.stdout, /configmap\/two/);
  assert.doesNotMatch(notBlue.stdout, /configmap\/one/);
  const byField = await c.kubectl(['get', 'configmaps', '-n', 'apps', '--field-selector', 'metadata.name=two', '-o', 'name']);
  assert.equal(byField.stdout, 'configmap/two\n');
  const badField = await c.kubectl(['get', 'configmaps', '-n', 'apps', '--field-selector', 'spec.foo=x']);
  assert.equal(badField.code, 1);
  assert.match(badField.stderr, /Error from server \(BadRequest\): Unable to find "\/v1, Resource=configmaps" that match label selector "", field selector "spec.foo=x": field label not supported: spec.foo|field label not supported: spec\.foo/);
});

test('label, annotate, and the three patch types', async () => {
  assert.equal((await c.kubectl(['label', 'deployment', 'web', '-n', 'apps', 'tier=front'])).stdout, 'deployment.apps/web labeled\n');
  assert.equal((await c.kubectl(['annotate', 'deployment', 'web', '-n', 'apps', 'owner=team-a'])).stdout, 'deployment.apps/web annotated\n');
  const strategic = await c.kubectl(['patch', 'deployment', 'web', '-n', 'apps', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}']);
  assert.equal(strategic.stdout, 'deployment.apps/web patched\n', strategic.stderr);
  const names = await c.kubectl(['get', 'deployment', 'web', '-n', 'apps', '-o', 'jsonpath={.spec.template.spec.containers[*].name}']);
  assert.equal(names.stdout, 'sidecar nginx', 'strategic merge keeps nginx and adds sidecar by name');
  const merge = await c.kubectl(['patch', 'deployment', 'web', '-n', 'apps', '--type', 'merge', '-p', '{"spec":{"replicas":3}}']);
  assert.equal(merge.stdout, 'deployment.apps/web patched\n', merge.stderr);
  const json = await c.kubectl(['patch', 'deployment', 'web', '-n', 'apps', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]']);
  assert.equal(json.stdout, 'deployment.apps/web patched\n', json.stderr);
  // "(no change)" means the object kubectl read equals the one the patch returns: let the
  // controllers finish writing status first.
  await c.ok(['rollout', 'status', 'deployment/web', '-n', 'apps', '--timeout=30s']);
  const same = await c.kubectl(['patch', 'deployment', 'web', '-n', 'apps', '--type', 'merge', '-p', '{"spec":{"replicas":4}}']);
  assert.equal(same.stdout, 'deployment.apps/web patched (no change)\n', same.stderr);
  const badJson = await c.kubectl(['patch', 'deployment', 'web', '-n', 'apps', '--type', 'json', '-p', '[{"op":"test","path":"/spec/replicas","value":9}]']);
  assert.equal(badJson.code, 1);
  assert.match(badJson.stderr, /^The request is invalid: the server rejected our request due to an error in our request/);
});

test('scale through the scale subresource', async () => {
  const r = await c.kubectl(['scale', 'deployment', 'web', '-n', 'apps', '--replicas=5']);
  assert.equal(r.stdout, 'deployment.apps/web scaled\n', r.stderr);
  const replicas = await c.kubectl(['get', 'deployment', 'web', '-n', 'apps', '-o', 'jsonpath={.spec.replicas}']);
  assert.equal(replicas.stdout, '5');
});

test('server-side apply creates and reports conflicts with other managers', async () => {
  const file = c.write('ssa.yaml', DEPLOYMENT.replace('name: web', 'name: ssa').replace(/app: web/g, 'app: ssa'));
  const r = await c.kubectl(['apply', '--server-side', '-f', file, '-n', 'apps']);
  assert.equal(r.stdout, 'deployment.apps/ssa serverside-applied\n', r.stderr);
  await c.kubectl(['scale', 'deployment', 'ssa', '-n', 'apps', '--replicas=7']);
  const conflict = await c.kubectl(['apply', '--server-side', '-f', file, '-n', 'apps']);
  assert.equal(conflict.code, 1);
  assert.match(conflict.stderr, /conflict/i);
  const forced = await c.kubectl(['apply', '--server-side', '--force-conflicts', '-f', file, '-n', 'apps']);
  assert.equal(forced.stdout, 'deployment.apps/ssa serverside-applied\n', forced.stderr);
});

test('delete removes the deployment; invalid specs are refused with 422', async () => {
  const bad = c.write('bad.yaml', DEPLOYMENT.replace('name: web', 'name: bad').replace(/      labels:\n        app: web\n/, '      labels:\n        app: other\n'));
  const refused = await c.kubectl(['apply', '-f', bad, '-n', 'apps']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /The Deployment "bad" is invalid: spec\.template\.metadata\.labels: Invalid value: map\[string\]string\{"app":"other"\}: `selector` does not match template `labels`/);
  const del = await c.kubectl(['delete', 'deployment', 'web', '-n', 'apps']);
  assert.equal(del.stdout, 'deployment.apps "web" deleted\n', del.stderr);
  const gone = await c.kubectl(['get', 'deployment', 'web', '-n', 'apps']);
  assert.equal(gone.stderr, 'Error from server (NotFound): deployments.apps "web" not found\n');
});
