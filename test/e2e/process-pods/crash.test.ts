// A cluster process killed with -9 takes its process pods with it (no orphan on the host), and
// `lkind start cluster` runs them again, as a rebooted node's kubelet does: the pod keeps its
// identity and IP, RESTARTS goes up, the run before the crash is `kubectl logs --previous`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from '../../../src/api/core-v1.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => {
  c = await createTestCluster('proccrash', [], { LKIND_KUBELET_PROFILE: 'instant' });
});
after(async () => { await c?.destroy(); });

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const getPod = async (): Promise<Pod> => JSON.parse(await c.ok(['get', 'pod', 'worker', '-o', 'json'])) as Pod;

const POD = `apiVersion: v1
kind: Pod
metadata: {name: worker}
spec:
  containers:
    - name: main
      image: ghcr.io/liqo-ts/liqo:test
      command: ["node", "-e", "process.on('SIGTERM', () => {}); console.log('pid ' + process.pid); setInterval(() => {}, 1000)"]
`;

async function podPid(): Promise<number> {
  const logs = await eventually(async () => { const l = await c.ok(['logs', 'worker']); return /pid \d+/.test(l) && l; }, 20_000);
  return Number(/pid (\d+)/.exec(logs)![1]);
}

test('kill -9 of the cluster leaves no pod process; lkind start cluster runs the pod again', async () => {
  await c.ok(['apply', '-f', '-'], { input: POD });
  await c.ok(['wait', '--for=condition=Ready', 'pod/worker', '--timeout=20s']);
  const before = await getPod();
  const pid = await podPid();
  assert.ok(alive(pid));

  const daemon = Number(readFileSync(join(c.home, 'lkind', 'clusters', 'proccrash', 'daemon.pid'), 'utf8').trim());
  process.kill(daemon, 'SIGKILL');
  // The pod's process notices its cluster is gone and ends, even though it ignores SIGTERM.
  await eventually(async () => !alive(pid), 10_000, 100);

  const started = await c.lkind(['start', 'cluster', '--name', 'proccrash']);
  assert.equal(started.code, 0, started.stderr);
  const after = await eventually(async () => {
    const p = await getPod();
    const s = p.status?.containerStatuses?.[0];
    return s?.restartCount === 1 && s.ready ? p : undefined;
  }, 30_000, 200);
  assert.equal(after.metadata.uid, before.metadata.uid);
  assert.equal(after.status?.podIP, before.status?.podIP);
  assert.equal(after.status?.containerStatuses?.[0]?.lastState?.terminated?.reason, 'Unknown');
  const next = await podPid();
  assert.notEqual(next, pid);
  assert.ok(alive(next));
  assert.equal(await c.ok(['logs', 'worker', '--previous']), `pid ${pid}\n`);
});
