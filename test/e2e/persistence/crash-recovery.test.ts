// Issue 4's chaos case: a cluster with three workers rolls a 200-replica Deployment out, its
// process is killed -9 in the middle of a rolling update (and again while the old ReplicaSet is
// scaling down), `lkind start cluster` revives it, and the rollout finishes as if nothing had
// happened: exactly 200 Running pods of the new template, the old ReplicaSets at 0, no orphan,
// no pod IP given twice. Everything is read through kubectl. The kubelet profile is `instant`;
// LKIND_E2E_KUBELET_PROFILE=chaos runs the same case with ContainerCreating, slow stops and crashes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment, Pod, ReplicaSet } from '../../../src/api/core-v1.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';
import { assertSettled, getList, killDaemon, lkindOk, ok, podStates } from './cluster-state.js';

const CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
  - role: worker
  - role: worker
  - role: worker
`;

const REPLICAS = 200;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${REPLICAS}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
`;

let c: TestCluster;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-config-'));
  const config = join(dir, 'kind.yaml');
  writeFileSync(config, CONFIG);
  c = await createTestCluster('chaos', ['--config', config], { LKIND_KUBELET_PROFILE: process.env.LKIND_E2E_KUBELET_PROFILE ?? 'instant' });
  rmSync(dir, { recursive: true, force: true });
});
after(async () => { await c?.destroy(); });

const replicaSets = () => getList<ReplicaSet>(c, ['rs', '-l', 'app=web']);
const imageOf = (rs: ReplicaSet) => rs.spec.template?.spec.containers[0]?.image;

/** Polls the ReplicaSets until `when` holds of the one running `image` and the others. */
function untilReplicaSets(image: string, when: (fresh: ReplicaSet, old: ReplicaSet[]) => boolean, timeoutMs = 20_000): Promise<string> {
  return eventually(async () => {
    const sets = await replicaSets();
    const fresh = sets.find((rs) => imageOf(rs) === image);
    if (!fresh || !when(fresh, sets.filter((rs) => rs !== fresh))) return false;
    return sets.map((rs) => `${imageOf(rs)}: ${rs.spec.replicas} wanted, ${rs.status?.replicas ?? 0} pods`).join('; ');
  }, timeoutMs, 50);
}

async function restartAndFinish(image: string): Promise<void> {
  await lkindOk(c, ['start', 'cluster', '--name', 'chaos']);
  const status = await ok(c, ['rollout', 'status', 'deployment/web', '--timeout=120s']);
  assert.match(status, /deployment "web" successfully rolled out\n$/);
  // Pods of the old ReplicaSet that were deleted last may still be on their way out.
  await eventually(async () => !(await getList<Pod>(c, ['pods', '-l', 'app=web'])).some((p) => p.metadata.deletionTimestamp), 10_000);
  await assertSettled(c, 'web', REPLICAS, image);
}

test('kill -9 in the middle of a rolling update: after start the rollout completes with exactly 200 new pods', async () => {
  await ok(c, ['apply', '-f', '-'], DEPLOYMENT);
  const running = await eventually(async () => {
    const states = podStates(await getList<Pod>(c, ['pods', '-l', 'app=web']));
    return (states.Running ?? 0) > 0 && states;
  }, 30_000, 50);
  await ok(c, ['set', 'image', 'deployment/web', 'nginx=nginx:1.26']);
  const seen = await untilReplicaSets('nginx:1.26', (fresh, old) => (fresh.status?.replicas ?? 0) > 0 && old.some((rs) => (rs.status?.replicas ?? 0) > 0));
  await killDaemon(c);
  process.stdout.write(`# image changed with pods ${JSON.stringify(running)}; killed at ${seen}\n`);
  await restartAndFinish('nginx:1.26');
  assert.equal((await replicaSets()).length, 2);
});

test('kill -9 while the old ReplicaSet scales down: after start it reaches 0 and the new one has all 200', async () => {
  // minReadySeconds holds the old pods until the new ones have been Ready for 2 s, which makes the
  // scale-down phase (new ReplicaSet at 200, old one still with pods) long enough to hit.
  await ok(c, ['patch', 'deployment/web', '--type=strategic', '-p',
    '{"spec":{"minReadySeconds":2,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}']);
  const seen = await untilReplicaSets('nginx:1.27', (fresh, old) => fresh.spec.replicas === REPLICAS && old.some((rs) => (rs.status?.replicas ?? 0) > 0));
  await killDaemon(c);
  process.stdout.write(`# killed at ${seen}\n`);
  await restartAndFinish('nginx:1.27');
  const deployment = JSON.parse(await ok(c, ['get', 'deployment/web', '-o', 'json'])) as Deployment;
  assert.deepEqual([deployment.status?.replicas, deployment.status?.updatedReplicas, deployment.status?.readyReplicas, deployment.status?.availableReplicas], [200, 200, 200, 200]);
  assert.equal((await replicaSets()).length, 3);
  assert.equal(await ok(c, ['rollout', 'history', 'deployment/web']), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n\n');
});
