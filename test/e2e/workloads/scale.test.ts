// A Deployment of 1000 replicas: created in slow-start bursts of at most 500 without a single
// extra pod (expectations hold while the cache catches up; a watch sees every pod ever created),
// with kube's event spam filter (25 events per ReplicaSet), then scaled to zero. The pods are not
// scheduled (one simulated node has addresses for 253 pods and allows 110), so this measures the
// controllers and the API server, not the kubelet. Prints how long each phase took; only generous
// bounds are asserted, as timing depends on the machine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createTestCluster, eventually, KUBECTL, type TestCluster } from '../../support/cluster.js';

const REPLICAS = 1000;

let c: TestCluster;
before(async () => {
  c = await createTestCluster('wl-scale', [], { LKIND_KUBELET_PROFILE: 'instant' });
});
after(async () => { await c?.destroy(); });

const manifest = () => `apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: ${REPLICAS}
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      schedulerName: none
      containers: [{name: c, image: "registry.k8s.io/pause:3.10"}]
`;

const rsReplicas = async () => (await c.kubectl(['get', 'rs', '-l', 'app=big', '-o', 'jsonpath={.items[*].status.replicas}'])).stdout;

/** Every pod name a watch reports until stopped. */
function watchPodNames(): { stop(): Promise<Set<string>> } {
  const names = new Set<string>();
  const child = spawn(KUBECTL, ['get', 'pods', '-l', 'app=big', '--watch', '-o', 'name'], { env: c.env });
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const l of lines) if (l) names.add(l);
  });
  const closed = new Promise<void>((r) => child.on('close', () => r()));
  return { async stop() { child.kill(); await closed; return names; } };
}

test(`${REPLICAS} replicas are created exactly once each, then scaled to zero`, async (t) => {
  const watch = watchPodNames();
  await new Promise((r) => setTimeout(r, 500));
  const start = Date.now();
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: manifest() })).code, 0);
  await eventually(async () => (await rsReplicas()) === String(REPLICAS), 30_000, 100);
  const created = Date.now() - start;
  await eventually(async () => new RegExp(`^big\\s+0/${REPLICAS}\\s+${REPLICAS}\\s+0\\s`, 'm').test((await c.kubectl(['get', 'deploy', 'big'])).stdout));
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await watch.stop()).size, REPLICAS, 'one pod per replica, none created twice');
  const creations = (await c.kubectl(['get', 'events', '--field-selector', 'reason=SuccessfulCreate', '-o', 'jsonpath={.items[*].message}'])).stdout;
  assert.equal(creations.split('Created pod: ').length - 1, 25, 'the spam filter keeps 25 events of the ReplicaSet');
  const down = Date.now();
  await c.kubectl(['scale', 'deploy/big', '--replicas=0']);
  await eventually(async () => (await c.kubectl(['get', 'pods', '-l', 'app=big', '-o', 'name'])).stdout === '', 30_000, 200);
  t.diagnostic(`${REPLICAS} pods created in ${created} ms, scaled to zero in ${Date.now() - down} ms`);
});
