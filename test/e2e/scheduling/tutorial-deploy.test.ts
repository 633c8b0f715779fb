// The tutorial's deploy.yaml shapes on one local cluster (the entry point alone, before any
// peering): two Deployments whose pods require a region no node has stay Pending with
// kube-scheduler's message; once a node carries the south region, app-south runs there with an IP
// of the pod subnet while app-center keeps waiting. A node no kubelet runs (how Liqo's virtual
// nodes will look) is scheduled onto like any other.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

const CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  podSubnet: 10.200.0.0/16
`;

function deployment(name: string, region: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: nginx
          image: nginx
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - key: topology.liqo.io/region
                    operator: In
                    values:
                      - ${region}
`;
}

let c: TestCluster;
before(async () => {
  c = await createTestCluster('venice', [], { LKIND_KUBELET_PROFILE: 'instant' }, { config: CONFIG });
  await c.kubectl(['create', 'namespace', 'liqo-demo']);
});
after(async () => { await c?.destroy(); });

const pods = async () => (await c.kubectl(['get', 'pod', '-n', 'liqo-demo', '-o', 'wide'])).stdout;
const UNMATCHED = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

test('pods requiring a region no node has are Pending with the scheduler\'s message', async () => {
  const applied = await c.kubectl(['apply', '-n', 'liqo-demo', '-f', '-'], { input: `${deployment('app-south', 'south')}---\n${deployment('app-center', 'center')}` });
  assert.equal(applied.stdout, 'deployment.apps/app-south created\ndeployment.apps/app-center created\n', applied.stderr);
  await eventually(async () => {
    const messages = await c.kubectl(['get', 'pod', '-n', 'liqo-demo', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="PodScheduled")].message}{"\\n"}{end}']);
    return messages.stdout === `${UNMATCHED}\n${UNMATCHED}\n`;
  }, 15_000);
  assert.match(await pods(), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\napp-center-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>\napp-south-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>\n$/);
  const events = await c.kubectl(['get', 'events', '-n', 'liqo-demo', '--field-selector', 'reason=FailedScheduling', '-o', 'jsonpath={.items[0].message}']);
  assert.equal(events.stdout, UNMATCHED);
});

test('once a node is in the south region, app-south runs there and app-center still waits', async () => {
  const label = await c.kubectl(['label', 'node', 'venice-control-plane', 'topology.liqo.io/region=south']);
  assert.equal(label.stdout, 'node/venice-control-plane labeled\n', label.stderr);
  const status = await c.kubectl(['rollout', 'status', 'deployment/app-south', '-n', 'liqo-demo', '--timeout=30s']);
  assert.equal(status.code, 0, status.stderr);
  const table = await pods();
  assert.match(table, /^app-south-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.200\.0\.\d+\s+venice-control-plane\s+<none>\s+<none>$/m);
  assert.match(table, /^app-center-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>$/m);
  const message = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
  const center = await c.kubectl(['get', 'pod', '-n', 'liqo-demo', '-l', 'app=app-center', '-o', 'jsonpath={.items[0].status.conditions[?(@.type=="PodScheduled")].message}']);
  assert.equal(center.stdout, message);
});

test('a Ready node that no kubelet runs is scheduled onto, and its pods are left to whoever runs it', async () => {
  const node = `apiVersion: v1
kind: Node
metadata:
  name: liqo-naples
  labels:
    liqo.io/type: virtual-node
    topology.liqo.io/region: center
spec:
  taints:
    - key: virtual-node.liqo.io/not-allowed
      value: "true"
      effect: NoExecute
`;
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: node })).code, 0);
  const ready = JSON.stringify({ status: {
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'virtual kubelet is ready', lastHeartbeatTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }],
    allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, capacity: { cpu: '4', memory: '8Gi', pods: '110' },
  } });
  const patched = await c.kubectl(['patch', 'node', 'liqo-naples', '--subresource=status', '--type=merge', '-p', ready]);
  assert.equal(patched.code, 0, patched.stderr);
  const tolerate = JSON.stringify({ spec: { template: { spec: { tolerations: [{ key: 'virtual-node.liqo.io/not-allowed', operator: 'Exists', effect: 'NoExecute' }] } } } });
  assert.equal((await c.kubectl(['patch', 'deployment', 'app-center', '-n', 'liqo-demo', '--type=merge', '-p', tolerate])).code, 0);
  const bound = await eventually(async () => {
    const r = await c.kubectl(['get', 'pod', '-n', 'liqo-demo', '-l', 'app=app-center', '-o', 'jsonpath={range .items[*]}{.spec.nodeName}{" "}{.status.phase}{"\\n"}{end}']);
    return r.stdout.split('\n').includes('liqo-naples Pending') && r.stdout;
  }, 20_000);
  assert.match(bound, /liqo-naples Pending/, 'bound to the virtual node, not run by the local kubelet');
});
