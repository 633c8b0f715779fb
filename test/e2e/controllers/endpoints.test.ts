// The endpoints and endpointslice controllers seen through kubectl: a Service with a selector gets
// Endpoints of its pods (ready and not ready, named target ports resolved) and a managed
// EndpointSlice owned by it; the bootstrap `kubernetes` Service's objects stay as they were.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
let node = '';
before(async () => {
  c = await createTestCluster('ctrl-ep', [], { LKIND_KUBELET_PROFILE: 'instant' });
  node = (await c.kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
});
after(async () => { await c?.destroy(); });

const pod = (name: string, app: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: ${app}}
spec:
  nodeName: ${node}
  containers:
    - name: web
      image: nginx
      ports: [{name: http, containerPort: 8080}]
---
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {team: a}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
`;

const json = async (args: string[]) => JSON.parse(await c.ok([...args, '-o', 'json']));

test('a Service with a selector gets Endpoints and an EndpointSlice of its ready pods', async () => {
  const r = await c.kubectl(['apply', '-f', '-'], { input: pod('web-1', 'web') + pod('web-2', 'web') + pod('other', 'db') + SERVICE });
  assert.equal(r.code, 0, r.stderr);
  const ep = await eventually(async () => {
    const e = await json(['get', 'endpoints', 'web']);
    return e.subsets?.[0]?.addresses?.length === 2 ? e : undefined;
  }, 20_000);
  assert.deepEqual(ep.subsets[0].ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.deepEqual(ep.subsets[0].addresses.map((a: { targetRef: { name: string } }) => a.targetRef.name).sort(), ['web-1', 'web-2']);
  assert.equal(ep.subsets[0].addresses[0].nodeName, node);
  assert.equal(ep.metadata.labels.team, 'a');

  const get = await c.kubectl(['get', 'endpoints', 'web']);
  assert.match(get.stdout, /^NAME\s+ENDPOINTS\s+AGE\nweb\s+\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080\s+\d+s\n$/);
  const describe = await c.kubectl(['describe', 'svc', 'web']);
  assert.match(describe.stdout, /Endpoints:\s+\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080\n/);

  const slices = await json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web']);
  assert.equal(slices.items.length, 1);
  const slice = slices.items[0];
  assert.match(slice.metadata.name, /^web-[a-z0-9]{5}$/);
  assert.equal(slice.metadata.labels['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
  assert.equal(slice.metadata.ownerReferences[0].kind, 'Service');
  assert.equal(slice.addressType, 'IPv4');
  assert.deepEqual(slice.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.equal(slice.endpoints.length, 2);
  assert.deepEqual(slice.endpoints[0].conditions, { ready: true, serving: true, terminating: false });
});

test('a deleted pod leaves the Endpoints; the Service deleted takes its objects along', async () => {
  assert.equal((await c.kubectl(['delete', 'pod', 'web-2', '--wait=false'])).code, 0);
  await eventually(async () => {
    const e = await json(['get', 'endpoints', 'web']);
    const names = (e.subsets ?? []).flatMap((s: { addresses?: { targetRef: { name: string } }[] }) => (s.addresses ?? []).map((a) => a.targetRef.name));
    return names.length === 1 && names[0] === 'web-1';
  }, 20_000);
  // Steady state: no controller keeps rewriting an unchanged slice.
  const rv1 = (await json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'])).items[0].metadata.resourceVersion;
  await new Promise((r) => setTimeout(r, 1000));
  const rv2 = (await json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'])).items[0].metadata.resourceVersion;
  assert.equal(rv2, rv1);

  assert.equal((await c.kubectl(['delete', 'service', 'web'])).code, 0);
  await eventually(async () => {
    const ep = await c.kubectl(['get', 'endpoints', 'web']);
    const slices = await json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web']);
    return ep.code !== 0 && /NotFound/.test(ep.stderr) && slices.items.length === 0;
  }, 20_000);
});

test('the kubernetes Service and Services without selector are left alone', async () => {
  const ep = await json(['get', 'endpoints', 'kubernetes']);
  assert.equal(ep.metadata.labels['endpointslice.kubernetes.io/skip-mirror'], 'true');
  const slices = await json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=kubernetes']);
  assert.deepEqual(slices.items.map((s: { metadata: { name: string } }) => s.metadata.name), ['kubernetes']);
  const r = await c.kubectl(['create', 'service', 'clusterip', 'manual', '--tcp=80:80']);
  assert.equal(r.code, 0, r.stderr);
  // `kubectl create service` sets a selector app=manual: remove it to get a selector-less Service.
  assert.equal((await c.kubectl(['patch', 'service', 'manual', '--type=json', '-p', '[{"op":"remove","path":"/spec/selector"}]'])).code, 0);
  await c.kubectl(['delete', 'endpoints', 'manual', '--ignore-not-found']);
  await c.kubectl(['delete', 'endpointslices', '-l', 'kubernetes.io/service-name=manual']);
  await new Promise((r) => setTimeout(r, 1000));
  const none = await c.kubectl(['get', 'endpoints', 'manual']);
  assert.match(none.stderr, /NotFound/);
});
