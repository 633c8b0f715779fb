// The DaemonSet controller seen through kubectl, on a cluster with a tainted control plane and two
// workers: one pod per eligible node, pinned by node affinity and bound by the scheduler; `kubectl
// get ds` counts; `kubectl rollout status/history ds`; a rolling update; a toleration widening
// the set of nodes and a nodeSelector narrowing it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

const CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
  - role: worker
  - role: worker
    labels: {disk: ssd}
`;

let c: TestCluster;
before(async () => {
  c = await createTestCluster('ctrl-ds', [], { LKIND_KUBELET_PROFILE: 'instant' }, { config: CONFIG });
});
after(async () => { await c?.destroy(); });

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "agent:1"}]
`;

interface PodJson { metadata: { name: string; labels: Record<string, string> }; spec: { nodeName?: string; affinity: unknown; tolerations: { key: string }[] } }
const pods = async (): Promise<PodJson[]> => JSON.parse((await c.kubectl(['get', 'pods', '-l', 'app=agent', '-o', 'json'])).stdout).items;
const rollout = async () => {
  const r = await c.kubectl(['rollout', 'status', 'ds/agent', '--timeout=40s'], { timeoutMs: 45_000 });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};

test('one pod per schedulable node, bound where its affinity pins it', async () => {
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: DS })).code, 0);
  assert.match(await rollout(), /daemon set "agent" successfully rolled out\n$/);
  const list = await pods();
  assert.deepEqual(list.map((p) => p.spec.nodeName).sort(), ['ctrl-ds-worker', 'ctrl-ds-worker2']);
  for (const p of list) {
    assert.deepEqual(p.spec.affinity, { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }] } } });
    assert.ok(p.spec.tolerations.some((t) => t.key === 'node.kubernetes.io/unschedulable'));
    assert.match(p.metadata.labels['controller-revision-hash']!, /^[a-z0-9]+$/);
    assert.equal(p.metadata.labels['pod-template-generation'], '1');
  }
  const get = await c.kubectl(['get', 'ds', 'agent']);
  assert.match(get.stdout, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nagent\s+2\s+2\s+2\s+2\s+2\s+<none>\s+\d+s\n$/);
});

test('a new template rolls out node by node; history has both revisions', async () => {
  assert.equal((await c.kubectl(['set', 'image', 'ds/agent', 'agent=agent:2'])).code, 0);
  await rollout();
  const ds = JSON.parse((await c.kubectl(['get', 'ds', 'agent', '-o', 'json'])).stdout);
  assert.equal(ds.status.updatedNumberScheduled, 2);
  const list = await pods();
  assert.equal(list.length, 2);
  for (const p of list) assert.equal(p.metadata.labels['pod-template-generation'], '2');
  const history = await c.kubectl(['rollout', 'history', 'ds/agent']);
  assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
  const revs = await c.kubectl(['get', 'controllerrevisions']);
  assert.match(revs.stdout, /agent-[a-z0-9]+\s+daemonset\.apps\/agent\s+2\s/);
});

test('tolerating the control-plane taint adds its node; a nodeSelector removes the others', async () => {
  const patch = '{"spec":{"template":{"spec":{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]}}}}';
  assert.equal((await c.kubectl(['patch', 'ds', 'agent', '-p', patch])).code, 0);
  await rollout();
  assert.deepEqual((await pods()).map((p) => p.spec.nodeName).sort(), ['ctrl-ds-control-plane', 'ctrl-ds-worker', 'ctrl-ds-worker2']);
  assert.equal((await c.kubectl(['patch', 'ds', 'agent', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"}}}}}'])).code, 0);
  await eventually(async () => {
    const live = (await pods()).filter((p) => !(p.metadata as { deletionTimestamp?: string }).deletionTimestamp);
    return live.length === 1 && live[0]!.spec.nodeName === 'ctrl-ds-worker2';
  }, 30_000);
  await rollout();
  const get = await c.kubectl(['get', 'ds', 'agent']);
  assert.match(get.stdout, /agent\s+1\s+1\s+1\s+1\s+1\s+disk=ssd\s/);
});
