// A graceful `lkind stop cluster` / `start cluster` as a user sees it: the pods are the same pods
// (name, uid, node, IP, no restarts), new pods get IPs nobody holds, the kubelets resume their
// node leases, nodes stay Ready without a NotReady blip or taint, and the controllers do not
// re-announce what they did before the stop (no second round of Events).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreEvent, Lease, Node, Pod } from '../../../src/api/core-v1.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';
import { duplicateIPs, eventCounts, getList, identities, lkindOk, nodeHealth, ok } from './cluster-state.js';

const CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
  - role: worker
  - role: worker
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 12
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
`;

let c: TestCluster;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'restart-config-'));
  const config = join(dir, 'kind.yaml');
  writeFileSync(config, CONFIG);
  c = await createTestCluster('restart', ['--config', config], { LKIND_KUBELET_PROFILE: 'instant' });
  rmSync(dir, { recursive: true, force: true });
  await ok(c, ['apply', '-f', '-'], DEPLOYMENT);
  await ok(c, ['run', 'solo', '--image=nginx:1.25']);
  await ok(c, ['rollout', 'status', 'deployment/web', '--timeout=30s']);
  await ok(c, ['wait', '--for=condition=Ready', 'pod/solo', '--timeout=30s']);
});
after(async () => { await c?.destroy(); });

test('stop and start: every pod keeps its uid, node and IP, restarts stay 0; nodes stay Ready; no Event is repeated', async () => {
  const pods = await getList<Pod>(c, ['pods', '-A']);
  const nodes = await getList<Node>(c, ['nodes']);
  const leases = await getList<Lease>(c, ['leases', '-n', 'kube-node-lease']);
  const events = await getList<CoreEvent>(c, ['events', '-A']);
  assert.equal(pods.length, 13 + 4, 'the workloads and the control plane\'s 4 mirror pods');
  assert.equal(leases.length, 3);

  await lkindOk(c, ['stop', 'cluster', '--name', 'restart']);
  await lkindOk(c, ['start', 'cluster', '--name', 'restart']);

  assert.deepEqual(identities(await getList<Pod>(c, ['pods', '-A'])), identities(pods));
  const renewed = new Map(leases.map((l) => [l.metadata.name, Date.parse(l.spec.renewTime ?? '')]));
  for (const lease of await getList<Lease>(c, ['leases', '-n', 'kube-node-lease'])) {
    assert.ok(Date.parse(lease.spec.renewTime ?? '') > renewed.get(lease.metadata.name)!, `lease ${lease.metadata.name} renewed at start`);
  }
  await ok(c, ['wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=10s']);
  // Give the node lifecycle controller a monitor period (5 s) to act on the nodes if it would.
  await new Promise((r) => setTimeout(r, 6_000));
  assert.deepEqual((await getList<Node>(c, ['nodes'])).map(nodeHealth), nodes.map(nodeHealth));
  assert.deepEqual(identities(await getList<Pod>(c, ['pods', '-A'])), identities(pods));
  assert.deepEqual(eventCounts(await getList<CoreEvent>(c, ['events', '-A'])), eventCounts(events));
});

test('after a restart new pods get IPs no other pod holds, and the leases keep being renewed', async () => {
  const leases = await getList<Lease>(c, ['leases', '-n', 'kube-node-lease']);
  await ok(c, ['scale', 'deployment/web', '--replicas=30']);
  await ok(c, ['run', 'late', '--image=nginx:1.25']);
  await ok(c, ['rollout', 'status', 'deployment/web', '--timeout=30s']);
  await ok(c, ['wait', '--for=condition=Ready', 'pod/late', '--timeout=30s']);
  const pods = await getList<Pod>(c, ['pods', '-A']);
  assert.equal(pods.length, 32 + 4);
  assert.deepEqual(pods.filter((p) => p.status?.phase !== 'Running' || !p.status.podIP).map((p) => p.metadata.name), []);
  assert.deepEqual(duplicateIPs(pods), []);
  // Leases are renewed every 10 s.
  const before = new Map(leases.map((l) => [l.metadata.name, l.spec.renewTime]));
  await eventually(async () => (await getList<Lease>(c, ['leases', '-n', 'kube-node-lease']))
    .every((l) => Date.parse(l.spec.renewTime ?? '') > Date.parse(before.get(l.metadata.name) ?? '')), 15_000, 500);
});
