// batch/v1 Jobs seen through kubectl: server defaults and the generated selector, the Job
// controller running pods to completion (the simulated kubelet completes pods of Jobs), the
// Complete condition `kubectl wait` waits for, and kube's `kubectl get jobs` columns.
// The pod template names its node, so the test needs the simulated kubelet but not the scheduler.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
let node = '';
before(async () => {
  c = await createTestCluster('ctrl-job', [], { LKIND_KUBELET_PROFILE: 'instant' });
  node = (await c.kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
});
after(async () => { await c?.destroy(); });

const job = (name: string, spec: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${spec}
  template:
    spec:
      nodeName: ${node}
      restartPolicy: Never
      containers: [{name: pi, image: perl, command: ["perl", "-e", "print 1"]}]
`;

test('a Job gets kube defaults and a generated selector', async () => {
  const r = await c.kubectl(['create', '-f', '-', '--dry-run=server', '-o', 'json'], { input: job('dry', '  backoffLimit: 4') });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.spec.completions, 1);
  assert.equal(j.spec.parallelism, 1);
  assert.equal(j.spec.backoffLimit, 4);
  assert.equal(j.spec.completionMode, 'NonIndexed');
  assert.deepEqual(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': j.metadata.uid } });
  assert.equal(j.spec.template.metadata.labels['job-name'], 'dry');
  assert.equal(j.spec.template.metadata.labels['batch.kubernetes.io/job-name'], 'dry');
  const bad = await c.kubectl(['create', '-f', '-'], { input: job('bad', '  completions: 1').replace('restartPolicy: Never', 'restartPolicy: Always') });
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /spec\.template\.spec\.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"/);
});

test('kubectl wait --for=condition=complete returns once completions succeeded', async () => {
  assert.equal((await c.kubectl(['apply', '-f', '-'], { input: job('pi', '  completions: 3\n  parallelism: 2') })).code, 0);
  const wait = await c.kubectl(['wait', '--for=condition=complete', 'job/pi', '--timeout=40s'], { timeoutMs: 45_000 });
  assert.equal(wait.code, 0, wait.stderr);
  assert.equal(wait.stdout, 'job.batch/pi condition met\n');
  const j = JSON.parse((await c.kubectl(['get', 'job', 'pi', '-o', 'json'])).stdout);
  assert.equal(j.status.succeeded, 3);
  assert.ok(j.status.startTime && j.status.completionTime);
  const pods = await c.kubectl(['get', 'pods', '-l', 'job-name=pi', '-o', 'name']);
  assert.equal(pods.stdout.trim().split('\n').length, 3);
  const get = await c.kubectl(['get', 'jobs']);
  assert.match(get.stdout, /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Complete\s+3\/3\s+\d+s\s+\d+s\n$/);
  assert.equal(j.metadata.labels['job-name'], 'pi');
  // Events are recorded asynchronously.
  const describe = await eventually(async () => {
    const d = await c.kubectl(['describe', 'job', 'pi']);
    return /Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/.test(d.stdout) ? d : undefined;
  }, 10_000);
  assert.match(describe.stdout, /Pods Statuses:\s+0 Active \(0 Ready\) \/ 3 Succeeded \/ 0 Failed/);
  assert.match(describe.stdout, /SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: pi-[a-z0-9]{5}/);
});

test('deleting the Job deletes its pods', async () => {
  assert.equal((await c.kubectl(['delete', 'job', 'pi', '--wait=true', '--timeout=20s'])).code, 0);
  await eventually(async () => (await c.kubectl(['get', 'pods', '-l', 'job-name=pi', '-o', 'name'])).stdout.trim() === '', 20_000);
});
