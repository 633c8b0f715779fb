// A cluster stopped for longer than the node monitor grace period: when it comes back every node
// lease and heartbeat is stale, and the node lifecycle controller must give the kubelets a full
// grace period to renew them (as kube-controller-manager does after its own restart) rather than
// declare the nodes dead, taint them and evict their pods. The grace period is shortened to 15 s
// (LKIND_NODE_MONITOR_GRACE_SECONDS; kube's is 40 s) so that the stop takes 16 s, not 41.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoreEvent, Node, Pod } from '../../../src/api/core-v1.js';
import { createTestCluster, type TestCluster } from '../../support/cluster.js';
import { getList, identities, lkindOk, nodeHealth, ok } from './cluster-state.js';

const GRACE_SECONDS = 15;

let c: TestCluster;
before(async () => {
  c = await createTestCluster('long-stop', [], { LKIND_KUBELET_PROFILE: 'instant', LKIND_NODE_MONITOR_GRACE_SECONDS: String(GRACE_SECONDS) });
  await ok(c, ['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=5']);
  await ok(c, ['rollout', 'status', 'deployment/web', '--timeout=30s']);
});
after(async () => { await c?.destroy(); });

test('a stop longer than the grace period: nodes stay Ready and untainted, no pod is evicted or marked not Ready', async () => {
  const pods = await getList<Pod>(c, ['pods', '-A']);
  const nodes = await getList<Node>(c, ['nodes']);
  await lkindOk(c, ['stop', 'cluster', '--name', 'long-stop']);
  await new Promise((r) => setTimeout(r, (GRACE_SECONDS + 1) * 1000));
  await lkindOk(c, ['start', 'cluster', '--name', 'long-stop']);
  // The node lifecycle controller checks every 5 s; one round is enough: without a fresh grace period it would act on its first.
  await new Promise((r) => setTimeout(r, 6_000));
  assert.deepEqual((await getList<Node>(c, ['nodes'])).map(nodeHealth), nodes.map(nodeHealth));
  assert.deepEqual(identities(await getList<Pod>(c, ['pods', '-A'])), identities(pods));
  const reasons = (await getList<CoreEvent>(c, ['events', '-A'])).map((e) => e.reason);
  assert.deepEqual(reasons.filter((r) => r === 'NodeNotReady' || r === 'TaintManagerEviction'), []);
});
