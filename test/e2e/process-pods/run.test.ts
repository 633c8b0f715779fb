// Pods of liqo-ts's own image run as real processes on the host (ADR 0009), seen through kubectl:
// the process has the environment and ServiceAccount token a real pod has and reaches the API
// server in-cluster with our unchanged in-cluster client; its output is `kubectl logs`; a
// container that exits 1 is restarted with RESTARTS counting and CrashLoopBackOff between, its
// previous output under --previous; deleting the pod stops the process (SIGKILL after the grace
// period when it ignores SIGTERM). A pod of any other image stays simulated.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from '../../../src/api/core-v1.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

const IMAGE = 'ghcr.io/liqo-ts/liqo:test';
let c: TestCluster;
before(async () => {
  c = await createTestCluster('procpods', [], { LKIND_KUBELET_PROFILE: 'instant', LKIND_CRASHLOOP_BACKOFF_SECONDS: '2' });
});
after(async () => { await c?.destroy(); });

const getPod = async (name: string): Promise<Pod> => JSON.parse(await c.ok(['get', 'pod', name, '-o', 'json'])) as Pod;
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

function podYaml(name: string, command: string[], extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: ${name}}}
spec:
${extra}  containers:
    - name: main
      image: ${IMAGE}
      command: ${JSON.stringify(command)}
`;
}

// In the pod: print the environment, read the mounted token, and GET this pod through the
// in-cluster client (src/client, unchanged), as any component of the image would.
const IN_CLUSTER = `
const fs = require('node:fs');
console.log('ENV ' + JSON.stringify(process.env));
const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
console.log('FILES ' + JSON.stringify(fs.readdirSync(dir).filter((f) => !f.startsWith('..')).sort()));
console.log('NAMESPACE ' + fs.readFileSync(dir + '/namespace', 'utf8'));
(async () => {
  const { inClusterConfig } = await import('./src/client/config.ts');
  const { Client } = await import('./src/client/rest-client.ts');
  const client = new Client(inClusterConfig());
  const me = await client.get({ group: '', version: 'v1', resource: 'pods', namespaced: true }, process.env.POD_NAMESPACE, process.env.HOSTNAME);
  console.log('SELF ' + me.metadata.name + ' ' + me.status.podIP + ' ' + me.spec.serviceAccountName);
  client.close();
})().catch((err) => { console.error('FAILED ' + err.message); process.exit(2); });
`;

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pod-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
subjects: [{kind: ServiceAccount, name: default, namespace: default}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {MODE: fast}
---
`;

test('a process pod has a real pod environment and token, reaches the API in-cluster, and its output is kubectl logs', async () => {
  const pod = podYaml('incluster', ['node', '--import', 'tsx', '-e', IN_CLUSTER], '  restartPolicy: Never\n').replace(`      image: ${IMAGE}\n`, `      image: ${IMAGE}
      envFrom: [{configMapRef: {name: settings}}]
      env:
        - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
        - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
        - {name: WHERE, value: "$(NODE)/$(MODE)"}
`);
  await c.ok(['apply', '-f', '-'], { input: RBAC + pod });
  await eventually(async () => (await getPod('incluster')).status?.phase === 'Succeeded', 30_000, 250);
  const logs = await c.ok(['logs', 'incluster']);
  assert.doesNotMatch(logs, /FAILED/, logs);
  const pod1 = await getPod('incluster');
  assert.match(logs, new RegExp(`^SELF incluster ${pod1.status?.podIP?.replace(/\./g, '\\.')} default$`, 'm'));
  assert.match(pod1.status?.podIP ?? '', /^10\.244\.0\.\d+$/, 'the pod IP is in the node pod CIDR');
  assert.match(logs, /^NAMESPACE default$/m);
  assert.match(logs, /^FILES \["ca\.crt","namespace","token"\]$/m);
  const env = JSON.parse(/^ENV (.*)$/m.exec(logs)![1]!) as Record<string, string>;
  const node = pod1.spec.nodeName ?? '';
  assert.equal(env.HOSTNAME, 'incluster');
  assert.equal(env.WHERE, `${node}/fast`);
  assert.equal(env.MODE, 'fast');
  const server = new URL(JSON.parse(await c.ok(['config', 'view', '--raw', '-o', 'json'])).clusters[0].cluster.server as string);
  assert.equal(env.KUBERNETES_SERVICE_HOST, server.hostname);
  assert.equal(env.KUBERNETES_SERVICE_PORT, server.port);
  for (const leaked of ['LKIND_SANDBOX', 'LKIND_HOME', 'KUBECONFIG', 'LKIND_KUBELET_PROFILE', 'NODE_OPTIONS']) assert.equal(env[leaked], undefined, leaked);
  const s = pod1.status?.containerStatuses?.[0];
  assert.equal(s?.state.terminated?.reason, 'Completed');
  assert.equal(s?.state.terminated?.exitCode, 0);
  const events = await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=incluster', '-o', 'custom-columns=R:.reason,M:.message', '--no-headers']);
  assert.match(events, /Pulled\s+Container image "ghcr\.io\/liqo-ts\/liqo:test" already present on machine/);
  assert.match(events, /Created\s+Created container: main/);
  assert.match(events, /Started\s+Started container main/);
  assert.match(await c.ok(['logs', 'incluster', '--tail', '1']), /^SELF /);
  assert.match(await c.ok(['logs', 'incluster', '--timestamps', '--tail', '1']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z SELF /);
});

test('a container that exits 1 restarts: RESTARTS counts, CrashLoopBackOff between, --previous shows the last run', async () => {
  await c.ok(['apply', '-f', '-'], { input: podYaml('crash', ['node', '-e', "console.log('attempt at ' + Date.now()); console.error('oops'); process.exit(1)"]) });
  const failed = await c.kubectl(['logs', 'crash', '--previous']);
  if (failed.code !== 0) assert.match(failed.stderr, /previous terminated container "main" in pod "crash" not found|waiting to start/);
  const seen = new Set<string>();
  const pod = await eventually(async () => {
    const p = await getPod('crash');
    const s = p.status?.containerStatuses?.[0];
    if (s?.state.waiting?.reason) seen.add(s.state.waiting.reason);
    return (s?.restartCount ?? 0) >= 2 && s?.state.waiting?.reason === 'CrashLoopBackOff' ? p : undefined;
  }, 30_000, 100);
  const s = pod.status!.containerStatuses![0]!;
  assert.equal(s.lastState?.terminated?.exitCode, 1);
  assert.equal(s.lastState?.terminated?.reason, 'Error');
  assert.match(s.state.waiting?.message ?? '', /^back-off \ds restarting failed container=main pod=crash_default\(/);
  assert.equal(pod.status?.phase, 'Running');
  assert.match(await c.ok(['get', 'pod', 'crash', '--no-headers']), /^crash\s+0\/1\s+CrashLoopBackOff\s+\d+ \(\d+s ago\)/);
  const current = await c.ok(['logs', 'crash']);
  const previous = await c.ok(['logs', 'crash', '--previous']);
  assert.match(current, /^attempt at \d+\noops\n$/);
  assert.match(previous, /^attempt at \d+\noops\n$/);
  assert.notEqual(current, previous, 'two attempts, two logs');
  const events = await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=crash,reason=BackOff', '-o', 'jsonpath={.items[*].message}']);
  assert.match(events, /Back-off restarting failed container main in pod crash_default/);
  await c.ok(['delete', 'pod', 'crash', '--wait=false']);
});

test('deleting a pod stops its process; one that ignores SIGTERM is killed after the grace period', async () => {
  const stubborn = "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('pid ' + process.pid); setInterval(() => {}, 1000);";
  await c.ok(['apply', '-f', '-'], { input: podYaml('stubborn', ['node', '-e', stubborn], '  terminationGracePeriodSeconds: 2\n') });
  await c.ok(['wait', '--for=condition=Ready', 'pod/stubborn', '--timeout=20s']);
  const pid = Number(/^pid (\d+)$/m.exec(await eventually(async () => { const l = await c.ok(['logs', 'stubborn']); return l.includes('pid') && l; }))![1]);
  assert.ok(alive(pid), 'the process runs');
  const uid = (await getPod('stubborn')).metadata.uid ?? '';
  const started = Date.now();
  await c.ok(['delete', 'pod', 'stubborn', '--timeout=20s']);
  const took = Date.now() - started;
  assert.ok(took >= 1500, `deletion waited for the grace period (${took} ms)`);
  assert.ok(!alive(pid), 'the process is gone once the pod is');
  assert.ok(!existsSync(join(c.home, 'lkind', 'clusters', 'procpods', 'pods', uid)), 'its files are removed');
});

test('a pod of any other image stays simulated', async () => {
  await c.ok(['apply', '-f', '-'], { input: podYaml('web', ['nginx', '-g', 'daemon off;']).replace(IMAGE, 'nginx:1.25') });
  await c.ok(['wait', '--for=condition=Ready', 'pod/web', '--timeout=20s']);
  const pod = await getPod('web');
  assert.equal(await c.ok(['logs', 'web']), '');
  assert.ok(!existsSync(join(c.home, 'lkind', 'clusters', 'procpods', 'pods', pod.metadata.uid ?? '')), 'no process, no files');
});

test('kubectl logs -f streams while the container runs and ends with it', async () => {
  const ticker = "let i = 0; const t = setInterval(() => { console.log('tick ' + (++i)); if (i === 4) { clearInterval(t); } }, 400); console.log('start');";
  await c.ok(['apply', '-f', '-'], { input: podYaml('ticker', ['node', '-e', ticker], '  restartPolicy: Never\n') });
  await eventually(async () => (await getPod('ticker')).status?.containerStatuses?.[0]?.state.running !== undefined, 20_000, 100);
  const started = Date.now();
  const followed = await c.ok(['logs', '-f', 'ticker'], { timeoutMs: 20_000 });
  assert.equal(followed, 'start\ntick 1\ntick 2\ntick 3\ntick 4\n');
  assert.ok(Date.now() - started < 15_000, 'the stream ended when the container did');
  assert.equal(await c.ok(['logs', 'ticker', '--tail', '2']), 'tick 3\ntick 4\n');
});
