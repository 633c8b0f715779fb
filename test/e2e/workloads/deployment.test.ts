// The Deployment and ReplicaSet controllers seen through kubectl, before any pod runs: a
// Deployment creates `<name>-<pod-template-hash>` and its pods with controller owner references,
// kube's annotations and events; scale up and down through /scale; a standalone ReplicaSet adopts
// a matching orphan pod and releases one relabelled away; deleting the Deployment removes its
// ReplicaSets and pods. Pods name no node and a scheduler nobody runs (`schedulerName: none`), so
// none is ever bound or ready, whether or not the cluster runs a scheduler.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => {
  c = await createTestCluster('wl-deploy', [], { LKIND_KUBELET_PROFILE: 'instant' });
});
after(async () => { await c?.destroy(); });

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}, annotations: {team: blue}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      schedulerName: none
      containers: [{name: nginx, image: "nginx:1.25"}]
`;

interface Meta { name: string; uid: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string; ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[] }
interface Obj { metadata: Meta; spec: Record<string, unknown>; status?: Record<string, unknown> }

async function list(kind: string, selector = 'app=web'): Promise<Obj[]> {
  return (JSON.parse(await c.ok(['get', kind, '-l', selector, '-o', 'json'])) as { items: Obj[] }).items;
}
const live = (objs: Obj[]) => objs.filter((o) => !o.metadata.deletionTimestamp);

test('a Deployment creates its ReplicaSet and pods, with owner references and annotations', async () => {
  const applied = await c.kubectl(['apply', '-f', '-'], { input: DEPLOYMENT });
  assert.equal(applied.code, 0, applied.stderr);
  const deploy = JSON.parse((await c.kubectl(['get', 'deploy', 'web', '-o', 'json'])).stdout) as Obj;
  const pods = await eventually(async () => { const p = live(await list('pods')); return p.length === 3 && p; }, 20_000);
  const [rs] = await list('rs');
  assert.ok(rs);
  const hash = rs.metadata.labels?.['pod-template-hash'] ?? '';
  assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deploy.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual((rs.spec.selector as { matchLabels: unknown }).matchLabels, { app: 'web', 'pod-template-hash': hash });
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '3');
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '4');
  assert.equal(rs.metadata.annotations?.team, 'blue');
  for (const p of pods) {
    assert.match(p.metadata.name, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(p.metadata.labels?.['pod-template-hash'], hash);
    const [ref] = p.metadata.ownerReferences ?? [];
    assert.deepEqual([ref?.kind, ref?.name, ref?.uid, ref?.controller, ref?.blockOwnerDeletion], ['ReplicaSet', rs.metadata.name, rs.metadata.uid, true, true]);
  }
  await eventually(async () => {
    const d = JSON.parse((await c.kubectl(['get', 'deploy', 'web', '-o', 'json'])).stdout) as Obj;
    return d.metadata.annotations?.['deployment.kubernetes.io/revision'] === '1' && d.status?.observedGeneration === 1 && d;
  });
});

test('status, columns and conditions while no pod is ready', async () => {
  const row = await eventually(async () => {
    const r = await c.kubectl(['get', 'deploy', 'web']);
    return /^web\s+0\/3\s+3\s+0\s+\d+s$/m.test(r.stdout) && r.stdout;
  });
  assert.match(row, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
  const rs = await c.kubectl(['get', 'rs', '-l', 'app=web']);
  assert.match(rs.stdout, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nweb-\S+\s+3\s+3\s+0\s+\d+s\n$/);
  const conds = JSON.parse((await c.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.status.conditions}'])).stdout) as { type: string; status: string; reason: string; message: string }[];
  const available = conds.find((x) => x.type === 'Available');
  assert.deepEqual([available?.status, available?.reason, available?.message], ['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.']);
  const progressing = conds.find((x) => x.type === 'Progressing');
  assert.equal(progressing?.status, 'True');
  assert.match(progressing?.reason ?? '', /^(NewReplicaSetCreated|ReplicaSetUpdated)$/);
});

test('events: ScalingReplicaSet on the Deployment, SuccessfulCreate on the ReplicaSet', async () => {
  const [rs] = await list('rs');
  const events = await eventually(async () => {
    const r = await c.kubectl(['get', 'events', '-o', 'json']);
    const items = (JSON.parse(r.stdout) as { items: { reason: string; message: string; involvedObject: { kind: string }; source: { component: string } }[] }).items;
    return items.filter((e) => e.reason === 'SuccessfulCreate').length >= 3 && items;
  });
  const scaling = events.find((e) => e.reason === 'ScalingReplicaSet');
  assert.deepEqual([scaling?.involvedObject.kind, scaling?.message, scaling?.source.component], ['Deployment', `Scaled up replica set ${rs?.metadata.name} from 0 to 3`, 'deployment-controller']);
  const created = events.find((e) => e.reason === 'SuccessfulCreate');
  assert.equal(created?.involvedObject.kind, 'ReplicaSet');
  assert.match(created?.message ?? '', new RegExp(`^Created pod: ${rs?.metadata.name}-[a-z0-9]{5}$`));
});

test('kubectl scale up and down', async () => {
  assert.equal((await c.kubectl(['scale', 'deploy/web', '--replicas=6'])).stdout, 'deployment.apps/web scaled\n');
  await eventually(async () => live(await list('pods')).length === 6, 20_000);
  assert.equal((await c.kubectl(['scale', 'deploy/web', '--replicas=2'])).stdout, 'deployment.apps/web scaled\n');
  await eventually(async () => live(await list('pods')).length === 2, 20_000);
  const [rs] = await list('rs');
  assert.equal(rs?.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '2');
  await eventually(async () => (await c.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.status.replicas}'])).stdout === '2');
  const events = await c.kubectl(['get', 'events', '--field-selector', 'reason=ScalingReplicaSet', '-o', 'jsonpath={.items[*].message}']);
  assert.match(events.stdout, new RegExp(`Scaled up replica set ${rs?.metadata.name} from 3 to 6`));
  assert.match(events.stdout, new RegExp(`Scaled down replica set ${rs?.metadata.name} from 6 to 2`));
});

test('a ReplicaSet adopts a matching orphan and releases a pod relabelled away', async () => {
  const rsYaml = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: solo}
spec:
  replicas: 2
  selector: {matchLabels: {app: solo}}
  template:
    metadata: {labels: {app: solo}}
    spec: {schedulerName: none, containers: [{name: c, image: "busybox:1.36"}]}
`;
  const orphan = 'apiVersion: v1\nkind: Pod\nmetadata: {name: orphan, labels: {app: solo}}\nspec: {schedulerName: none, containers: [{name: c, image: "busybox:1.36"}]}\n';
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: orphan })).code, 0);
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: rsYaml })).code, 0);
  const rs = JSON.parse((await c.kubectl(['get', 'rs', 'solo', '-o', 'json'])).stdout) as Obj;
  const owned = await eventually(async () => {
    const p = live(await list('pods', 'app=solo'));
    return p.length === 2 && p.every((x) => x.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid) && p;
  }, 20_000);
  assert.ok(owned.some((p) => p.metadata.name === 'orphan'), 'the orphan was adopted instead of creating a second pod');
  assert.equal((await c.kubectl(['label', 'pod', 'orphan', 'app=gone', '--overwrite'])).code, 0);
  await eventually(async () => {
    const released = JSON.parse((await c.kubectl(['get', 'pod', 'orphan', '-o', 'json'])).stdout) as Obj;
    return (released.metadata.ownerReferences ?? []).length === 0 && live(await list('pods', 'app=solo')).length === 2;
  }, 20_000);
  await c.kubectl(['delete', 'rs', 'solo', '--wait=false']);
  await c.kubectl(['delete', 'pod', 'orphan', '--wait=false']);
});

test('deleting the Deployment removes its ReplicaSets and pods', async () => {
  const del = await c.kubectl(['delete', 'deploy', 'web']);
  assert.equal(del.stdout, 'deployment.apps "web" deleted\n', del.stderr);
  await eventually(async () => {
    const r = await c.kubectl(['get', 'rs,pods', '-l', 'app=web']);
    return r.stdout === '' && /^No resources found in default namespace\.\n$/.test(r.stderr);
  }, 20_000);
});
