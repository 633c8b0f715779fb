// Node lifecycle as a user sees it: a node whose kubelet stops renewing its lease turns NotReady
// (Unknown conditions) after the grace period (3 s here, LKIND_NODE_MONITOR_GRACE_SECONDS), gets
// the unreachable taints, and its pods are evicted when their tolerations run out; when the
// kubelet is heard again the taints go away. The node here is run by the test itself, posting
// status and lease through kubectl as a kubelet (or Liqo's virtual kubelet) would.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => {
  c = await createTestCluster('nodelife', [], { LKIND_KUBELET_PROFILE: 'instant', LKIND_NODE_MONITOR_GRACE_SECONDS: '3' });
});
after(async () => { await c?.destroy(); });

const now = () => new Date().toISOString();

async function heartbeat(): Promise<void> {
  const status = JSON.stringify({ status: {
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now().replace(/\.\d+Z$/, 'Z') }],
    allocatable: { cpu: '2', memory: '4Gi', pods: '110' }, capacity: { cpu: '2', memory: '4Gi', pods: '110' },
  } });
  const r = await c.kubectl(['patch', 'node', 'remote', '--subresource=status', '--type=merge', '-p', status]);
  assert.equal(r.code, 0, r.stderr);
  const lease = `apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: remote, namespace: kube-node-lease}
spec: {holderIdentity: remote, leaseDurationSeconds: 40, renewTime: "${now().replace('Z', '000Z')}"}
`;
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: lease })).code, 0);
}

const nodeField = async (jsonpath: string) => (await c.kubectl(['get', 'node', 'remote', '-o', `jsonpath=${jsonpath}`])).stdout;

test('a silent node turns NotReady with the unreachable taints; pods are evicted after their tolerationSeconds', async () => {
  assert.equal((await c.kubectl(['create', '-f', '-'], { input: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: remote\n' })).code, 0);
  await heartbeat();
  await eventually(async () => (await c.kubectl(['get', 'node', 'remote'])).stdout.match(/^remote\s+Ready\s/m), 5_000);
  const pod = (name: string, seconds?: number) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default}
spec:
  nodeName: remote
  containers: [{name: c, image: nginx}]
${seconds === undefined ? '' : `  tolerations: [{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: ${seconds}}]\n`}`;
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: `${pod('short', 2)}---\n${pod('patient')}` })).code, 0);
  await eventually(async () => (await c.kubectl(['get', 'node', 'remote'])).stdout.match(/^remote\s+NotReady\s/m), 15_000);
  assert.equal(await nodeField('{.status.conditions[?(@.type=="Ready")].status}'), 'Unknown');
  assert.equal(await nodeField('{.status.conditions[?(@.type=="Ready")].message}'), 'Kubelet stopped posting node status.');
  const taints = 'node.kubernetes.io/unreachable:NoSchedule node.kubernetes.io/unreachable:NoExecute ';
  await eventually(async () => (await nodeField('{range .spec.taints[*]}{.key}:{.effect} {end}')) === taints, 5_000);
  await eventually(async () => (await c.kubectl(['get', 'pod', 'short', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).stdout !== '', 10_000);
  assert.equal((await c.kubectl(['get', 'pod', 'patient', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).stdout, '', 'the default 300 s toleration still holds');
  const events = await c.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=short', '-o', 'jsonpath={.items[*].reason}']);
  assert.match(events.stdout, /TaintManagerEviction/);
});

test('a node heard from again is Ready and untainted', async () => {
  await heartbeat();
  await eventually(async () => (await nodeField('{.spec.taints}')) === '', 10_000);
  assert.match((await c.kubectl(['get', 'node', 'remote'])).stdout, /^remote\s+Ready\s/m);
});
