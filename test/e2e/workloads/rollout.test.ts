// Deployment rollouts seen through kubectl with pods that run (the template names a node, so the
// simulated kubelet runs them without a scheduler): `kubectl rollout status` after create and
// after an image change, `rollout history` and `rollout undo`, pause/resume, Recreate ordering,
// revisionHistoryLimit, and a progress deadline that expires.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
let node = '';
before(async () => {
  c = await createTestCluster('wl-rollout', [], { LKIND_KUBELET_PROFILE: 'instant' });
  node = (await c.kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
});
after(async () => { await c?.destroy(); });

const deployment = (name: string, extra = '', pod = `nodeName: ${node}`) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: 3
  selector: {matchLabels: {app: ${name}}}
${extra}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      ${pod}
      containers: [{name: nginx, image: "nginx:1.25"}]
`;

const run = (args: string[], input?: string) => c.ok(args, { input, timeoutMs: 40_000 });
const rolloutStatus = (name: string) => run(['rollout', 'status', `deploy/${name}`, '--timeout=30s']);
const rsNames = async (app: string) => (await run(['get', 'rs', '-l', `app=${app}`, '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ').filter(Boolean);
interface Cond { type: string; status: string; reason: string; message: string }
const conditions = async (name: string) => JSON.parse(await run(['get', 'deploy', name, '-o', 'jsonpath={.status.conditions}'])) as Cond[];

test('rollout status waits for a new Deployment; columns and conditions once available', async () => {
  await run(['apply', '-f', '-'], deployment('web'));
  assert.match(await rolloutStatus('web'), /deployment "web" successfully rolled out\n$/);
  assert.match(await run(['get', 'deploy', 'web']), /^web\s+3\/3\s+3\s+3\s+\d+s$/m);
  const [rs] = await rsNames('web');
  const conds = await conditions('web');
  const available = conds.find((x) => x.type === 'Available');
  assert.deepEqual([available?.status, available?.reason, available?.message], ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
  const progressing = conds.find((x) => x.type === 'Progressing');
  assert.deepEqual([progressing?.status, progressing?.reason, progressing?.message], ['True', 'NewReplicaSetAvailable', `ReplicaSet "${rs}" has successfully progressed.`]);
});

test('an image change rolls out a second ReplicaSet; history shows two revisions', async () => {
  const [first] = await rsNames('web');
  assert.equal(await run(['set', 'image', 'deploy/web', 'nginx=nginx:1.26']), 'deployment.apps/web image updated\n');
  const status = await rolloutStatus('web');
  // kubectl may first see the spec change before the controller has observed it, as on kube.
  assert.match(status, /^(Waiting for deployment spec update to be observed\.\.\.\n)?Waiting for deployment "web" rollout to finish: /);
  assert.match(status, /deployment "web" successfully rolled out\n$/);
  const names = await rsNames('web');
  assert.equal(names.length, 2);
  const second = names.find((n) => n !== first)!;
  assert.match(await run(['get', 'rs', first!]), new RegExp(`^${first}\\s+0\\s+0\\s+0\\s`, 'm'));
  assert.equal(await run(['rollout', 'history', 'deploy/web']), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  const events = await run(['get', 'events', '--field-selector', 'involvedObject.kind=Deployment,involvedObject.name=web', '-o', 'jsonpath={.items[*].message}']);
  assert.match(events, new RegExp(`Scaled up replica set ${second} from 0 to 1`));
  assert.match(events, new RegExp(`Scaled down replica set ${first} from 1 to 0`));
});

test('rollout undo returns to the previous template as revision 3', async () => {
  assert.equal(await run(['rollout', 'undo', 'deploy/web']), 'deployment.apps/web rolled back\n');
  assert.match(await rolloutStatus('web'), /deployment "web" successfully rolled out\n$/);
  assert.equal(await run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'nginx:1.25');
  assert.equal(await run(['rollout', 'history', 'deploy/web']), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  const annotations = JSON.parse(await run(['get', 'rs', '-l', 'app=web', '-o', 'json'])) as { items: { metadata: { annotations: Record<string, string> } }[] };
  const current = annotations.items.find((rs) => rs.metadata.annotations['deployment.kubernetes.io/revision'] === '3');
  assert.equal(current?.metadata.annotations['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(await run(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '3');
});

test('a paused Deployment does not roll out until resumed', async () => {
  assert.equal(await run(['rollout', 'pause', 'deploy/web']), 'deployment.apps/web paused\n');
  await run(['set', 'image', 'deploy/web', 'nginx=nginx:1.27']);
  await eventually(async () => (await conditions('web')).find((x) => x.type === 'Progressing')?.reason === 'DeploymentPaused');
  assert.equal((await rsNames('web')).length, 2, 'no new ReplicaSet while paused');
  assert.equal(await run(['rollout', 'resume', 'deploy/web']), 'deployment.apps/web resumed\n');
  assert.match(await rolloutStatus('web'), /deployment "web" successfully rolled out\n$/);
  assert.equal((await rsNames('web')).length, 3);
});

test('revisionHistoryLimit keeps only that many old ReplicaSets', async () => {
  await run(['patch', 'deploy/web', '--type=merge', '-p', '{"spec":{"revisionHistoryLimit":1}}']);
  await run(['set', 'image', 'deploy/web', 'nginx=nginx:1.28']);
  await rolloutStatus('web');
  await eventually(async () => (await rsNames('web')).length === 2, 15_000);
});

test('Recreate scales the old ReplicaSet to zero before the new one comes up', async () => {
  await run(['apply', '-f', '-'], deployment('rec', '  strategy: {type: Recreate}'));
  await rolloutStatus('rec');
  const [old] = await rsNames('rec');
  await run(['set', 'image', 'deploy/rec', 'nginx=nginx:1.26']);
  assert.match(await rolloutStatus('rec'), /deployment "rec" successfully rolled out\n$/);
  const fresh = (await rsNames('rec')).find((n) => n !== old);
  const events = (await run(['get', 'events', '--field-selector', 'involvedObject.name=rec', '--sort-by=.metadata.creationTimestamp', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}'])).split('\n');
  const down = events.indexOf(`Scaled down replica set ${old} from 3 to 0`);
  const up = events.indexOf(`Scaled up replica set ${fresh} from 0 to 3`);
  assert.ok(down >= 0 && up > down, events.join('\n'));
});

test('a rollout that makes no progress exceeds its deadline', async () => {
  await run(['apply', '-f', '-'], deployment('stuck', '  progressDeadlineSeconds: 2', 'schedulerName: none'));
  await eventually(async () => {
    const p = (await conditions('stuck')).find((x) => x.type === 'Progressing');
    return p?.status === 'False' && p.reason === 'ProgressDeadlineExceeded' && /^ReplicaSet "stuck-\S+" has timed out progressing\.$/.test(p.message);
  }, 15_000);
  const r = await c.kubectl(['rollout', 'status', 'deploy/stuck', '--timeout=10s']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: deployment "stuck" exceeded its progress deadline\n');
});
