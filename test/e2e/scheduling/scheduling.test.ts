// The scheduler and the simulated kubelet as a user sees them through kubectl: pods land on the
// nodes their affinity, taints and requests allow, run with an IP of their node's pod CIDR, and
// otherwise stay Pending with kube-scheduler's message; retried when nodes change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

const CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  podSubnet: 10.200.0.0/16
nodes:
  - role: control-plane
  - role: worker
    labels:
      topology.liqo.io/region: south
`;

let c: TestCluster;
before(async () => {
  c = await createTestCluster('sched', [], { LKIND_KUBELET_PROFILE: 'instant' }, { config: CONFIG });
  await c.kubectl(['create', 'namespace', 'demo']);
});
after(async () => { await c?.destroy(); });

function podYAML(name: string, spec: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: demo
spec:
${spec}
  containers:
    - name: nginx
      image: nginx:1.25
`;
}

const affinity = (region: string) => `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions:
              - key: topology.liqo.io/region
                operator: In
                values: [${region}]`;

async function apply(yaml: string): Promise<void> {
  const r = await c.kubectl(['apply', '-f', '-'], { input: yaml });
  assert.equal(r.code, 0, r.stderr);
}

async function podField(name: string, jsonpath: string): Promise<string> {
  return (await c.kubectl(['get', 'pod', name, '-n', 'demo', '-o', `jsonpath=${jsonpath}`])).stdout;
}

test('a pod whose node affinity matches a node runs there, with an IP from that node\'s pod CIDR', async () => {
  await apply(podYAML('south', affinity('south')));
  const wait = await c.kubectl(['wait', '--for=condition=Ready', 'pod/south', '-n', 'demo', '--timeout=30s']);
  assert.equal(wait.stdout, 'pod/south condition met\n', wait.stderr);
  const wide = await c.kubectl(['get', 'pod', 'south', '-n', 'demo', '-o', 'wide']);
  assert.match(wide.stdout, /^south\s+1\/1\s+Running\s+0\s+\S+\s+10\.200\.1\.\d+\s+sched-worker\s+<none>\s+<none>$/m);
  const events = await c.kubectl(['get', 'events', '-n', 'demo', '--field-selector', 'involvedObject.name=south', '-o', 'jsonpath={.items[*].reason}']);
  assert.match(events.stdout, /Scheduled/);
});

test('a pod whose node affinity matches no node is Pending with the scheduler\'s message, and runs once a node matches', async () => {
  await apply(podYAML('center', affinity('center')));
  const message = "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
  await eventually(async () => (await podField('center', '{.status.conditions[?(@.type=="PodScheduled")].message}')) === message, 15_000);
  assert.equal(await podField('center', '{.status.conditions[?(@.type=="PodScheduled")].reason}'), 'Unschedulable');
  const get = await c.kubectl(['get', 'pod', 'center', '-n', 'demo', '-o', 'wide']);
  assert.match(get.stdout, /^center\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>$/m);
  const describe = await c.kubectl(['describe', 'pod', 'center', '-n', 'demo']);
  assert.match(describe.stdout, /Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/2 nodes are available/);
  const label = await c.kubectl(['label', 'node', 'sched-control-plane', 'topology.liqo.io/region=center']);
  assert.equal(label.code, 0, label.stderr);
  const taint = await c.kubectl(['taint', 'node', 'sched-control-plane', 'node-role.kubernetes.io/control-plane:NoSchedule-']);
  assert.equal(taint.code, 0, taint.stderr);
  const wait = await c.kubectl(['wait', '--for=condition=Ready', 'pod/center', '-n', 'demo', '--timeout=30s']);
  assert.equal(wait.code, 0, wait.stderr);
  assert.equal(await podField('center', '{.spec.nodeName}'), 'sched-control-plane');
  assert.match(await podField('center', '{.status.podIP}'), /^10\.200\.0\.\d+$/);
});

test('taints keep pods away unless tolerated; NoExecute evicts the untolerating', async () => {
  const t = await c.kubectl(['taint', 'node', 'sched-worker', 'dedicated=db:NoSchedule']);
  assert.equal(t.code, 0, t.stderr);
  await apply(podYAML('intolerant', affinity('south')));
  await eventually(async () => /untolerated taint \{dedicated: db\}/.test(await podField('intolerant', '{.status.conditions[?(@.type=="PodScheduled")].message}')), 15_000);
  await apply(podYAML('tolerant', `${affinity('south')}
  tolerations:
    - key: dedicated
      operator: Equal
      value: db
      effect: NoSchedule`));
  const wait = await c.kubectl(['wait', '--for=condition=Ready', 'pod/tolerant', '-n', 'demo', '--timeout=30s']);
  assert.equal(wait.code, 0, wait.stderr);
  await c.kubectl(['taint', 'node', 'sched-worker', 'dedicated=db:NoSchedule-']);
  await c.kubectl(['wait', '--for=condition=Ready', 'pod/intolerant', '-n', 'demo', '--timeout=30s']);
  const evict = await c.kubectl(['taint', 'node', 'sched-worker', 'maintenance=now:NoExecute']);
  assert.equal(evict.code, 0, evict.stderr);
  const gone = await c.kubectl(['wait', '--for=delete', 'pod/tolerant', 'pod/intolerant', 'pod/south', '-n', 'demo', '--timeout=30s']);
  assert.equal(gone.code, 0, gone.stderr);
  await c.kubectl(['taint', 'node', 'sched-worker', 'maintenance=now:NoExecute-']);
});

test('requests beyond allocatable leave the pod Pending with Insufficient cpu', async () => {
  await apply(podYAML('huge', `  nodeName: ""`).replace('image: nginx:1.25', `image: nginx:1.25
      resources:
        requests:
          cpu: "5000"`));
  await eventually(async () => /Insufficient cpu/.test(await podField('huge', '{.status.conditions[?(@.type=="PodScheduled")].message}')), 15_000);
  const msg = await podField('huge', '{.status.conditions[?(@.type=="PodScheduled")].message}');
  assert.match(msg, /^0\/2 nodes are available: 2 Insufficient cpu\. preemption: 0\/2 nodes are available: 2 No preemption victims found for incoming pod\.$/);
});

test('deleting a running pod returns at once (the kubelet confirms the graceful deletion)', async () => {
  await apply(podYAML('short', ''));
  await c.kubectl(['wait', '--for=condition=Ready', 'pod/short', '-n', 'demo', '--timeout=30s']);
  const started = Date.now();
  const del = await c.kubectl(['delete', 'pod', 'short', '-n', 'demo']);
  assert.equal(del.stdout, 'pod "short" deleted\n', del.stderr);
  assert.ok(Date.now() - started < 10_000, 'not the 30 s grace period');
});
