// lkind reads kind's own Cluster config (subnets, node roles and labels), and several clusters run
// side by side on loopback, each with its own port, CA and data.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, type TestCluster } from '../../support/cluster.js';

const CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  podSubnet: 10.200.0.0/16
  serviceSubnet: 10.80.0.0/12
nodes:
  - role: control-plane
  - role: worker
    labels:
      topology.liqo.io/region: south
`;

let a: TestCluster;
let b: TestCluster;
before(async () => {
  a = await createTestCluster('alpha', [], {}, { config: CONFIG });
  b = await createTestCluster('beta');
});
after(async () => {
  await a?.destroy();
  await b?.destroy();
});

test('nodes follow the config: roles, kind-style names, labels', async () => {
  const nodes = await a.kubectl(['get', 'nodes']);
  assert.match(nodes.stdout, /^alpha-control-plane\s+Ready\s+control-plane\s/m);
  assert.match(nodes.stdout, /^alpha-worker\s+Ready\s+<none>\s/m);
  const south = await a.kubectl(['get', 'nodes', '-l', 'topology.liqo.io/region=south', '-o', 'name']);
  assert.equal(south.stdout, 'node/alpha-worker\n');
  const taints = await a.kubectl(['get', 'node', 'alpha-control-plane', '-o', 'jsonpath={.spec.taints[*].key}']);
  assert.equal(taints.stdout, 'node-role.kubernetes.io/control-plane');
  const podCIDR = await a.kubectl(['get', 'node', 'alpha-worker', '-o', 'jsonpath={.spec.podCIDR}']);
  assert.equal(podCIDR.stdout, '10.200.1.0/24', 'each node gets its own /24 of the pod subnet');
});

test('the service subnet comes from the config', async () => {
  const ip = await a.kubectl(['get', 'service', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}']);
  assert.equal(ip.stdout, '10.80.0.1');
});

test('two clusters side by side do not share anything', async () => {
  const url = (kc: TestCluster) => kc.kubectl(['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}']);
  assert.notEqual((await url(a)).stdout, (await url(b)).stdout);
  await a.kubectl(['apply', '-f', a.write('only-a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: only-a\n')]);
  const inB = await b.kubectl(['get', 'configmap', 'only-a']);
  assert.equal(inB.stderr, 'Error from server (NotFound): configmaps "only-a" not found\n');
  const crossed = await b.kubectl(['get', 'nodes', '--server', (await url(a)).stdout]);
  assert.notEqual(crossed.code, 0, 'a certificate of one cluster is not trusted by another');
});
