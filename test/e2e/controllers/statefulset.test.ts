// The StatefulSet controller seen through kubectl: ordered creation with stable names and
// identities, `kubectl rollout status/history`, ControllerRevisions, a rolling update to a new
// template, scale down in reverse order, and the headless Service's Endpoints with hostnames.
// The pod template names its node, so the test needs the simulated kubelet but not the scheduler.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
let node = '';
before(async () => {
  c = await createTestCluster('ctrl-sts', [], { LKIND_KUBELET_PROFILE: 'instant' });
  node = (await c.kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
});
after(async () => { await c?.destroy(); });

const manifest = () => `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: web, port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeName: ${node}
      containers: [{name: nginx, image: "nginx:1.25", ports: [{name: web, containerPort: 80}]}]
`;

const pods = async () => {
  const r = await c.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'json']);
  return JSON.parse(r.stdout).items as { metadata: { name: string; labels: Record<string, string>; creationTimestamp: string; deletionTimestamp?: string }; spec: { hostname: string; subdomain: string } }[];
};

test('pods come up in order with stable identities; rollout status completes', async () => {
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: manifest() })).code, 0);
  const status = await c.kubectl(['rollout', 'status', 'sts/web', '--timeout=40s'], { timeoutMs: 45_000 });
  assert.equal(status.code, 0, status.stderr);
  // The defaulted rollingUpdate.partition (0) makes kubectl report a partitioned roll out, as on kube.
  assert.match(status.stdout, /partitioned roll out complete: 3 new pods have been updated\.\.\.\n$/);
  const list = await pods();
  assert.deepEqual(list.map((p) => p.metadata.name).sort(), ['web-0', 'web-1', 'web-2']);
  for (const p of list) {
    assert.equal(p.spec.hostname, p.metadata.name);
    assert.equal(p.spec.subdomain, 'nginx');
    assert.equal(p.metadata.labels['statefulset.kubernetes.io/pod-name'], p.metadata.name);
    assert.match(p.metadata.labels['controller-revision-hash']!, /^web-[a-z0-9]+$/);
  }
  const get = await c.kubectl(['get', 'sts', 'web']);
  assert.match(get.stdout, /^NAME\s+READY\s+AGE\nweb\s+3\/3\s+\d+s\n$/);
  const revs = await c.kubectl(['get', 'controllerrevisions']);
  assert.match(revs.stdout, /^NAME\s+CONTROLLER\s+REVISION\s+AGE\nweb-[a-z0-9]+\s+statefulset\.apps\/web\s+1\s+\d+s\n$/);
  const ep = JSON.parse((await c.kubectl(['get', 'endpoints', 'nginx', '-o', 'json'])).stdout);
  assert.deepEqual(ep.subsets[0].addresses.map((a: { hostname: string }) => a.hostname).sort(), ['web-0', 'web-1', 'web-2']);
});

test('a new template rolls out to every pod; history lists both revisions', async () => {
  assert.equal((await c.kubectl(['set', 'image', 'sts/web', 'nginx=nginx:1.26'])).code, 0);
  const status = await c.kubectl(['rollout', 'status', 'sts/web', '--timeout=40s'], { timeoutMs: 45_000 });
  assert.equal(status.code, 0, status.stderr);
  const sts = JSON.parse((await c.kubectl(['get', 'sts', 'web', '-o', 'json'])).stdout);
  assert.equal(sts.status.currentRevision, sts.status.updateRevision);
  assert.equal(sts.status.updatedReplicas, 3);
  for (const p of await pods()) assert.equal(p.metadata.labels['controller-revision-hash'], sts.status.updateRevision);
  const history = await c.kubectl(['rollout', 'history', 'sts/web']);
  assert.equal(history.code, 0, history.stderr);
  assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
});

test('scale down removes the highest ordinals', async () => {
  assert.equal((await c.kubectl(['scale', 'sts', 'web', '--replicas=1'])).code, 0);
  await eventually(async () => {
    const names = (await pods()).map((p) => p.metadata.name);
    return names.length === 1 && names[0] === 'web-0';
  }, 30_000);
  const get = await c.kubectl(['get', 'sts', 'web']);
  assert.match(get.stdout, /web\s+1\/1\s/);
});
