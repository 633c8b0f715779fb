// Resource negotiation and the virtual kubelet on two lkind clusters with Liqo installed (the
// tutorial's Venice and Naples), driven through the API as the protocol defines it, without the
// CRD replicator: on the provider, a ResourceRequest replicated from a consumer gets a
// ForeignCluster of an incoming peering and a ResourceOffer with the cluster's free resources and
// labels, withdrawn as the protocol says; on the consumer, an offer replicated from Naples is
// accepted, a virtual kubelet runs and registers `liqo-naples` (Ready, ROLES agent, the region
// label, the taint), survives a kill -9, goes NotReady while Naples is down, and removes its node
// when the offer is withdrawn. The two halves use distinct consumers, so the replicators (which
// remove replicas without a source) never touch what the test wrote.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Node, Pod } from '../../../src/api/core-v1.js';
import type { KubeObject } from '../../../src/api/types.js';
import type { ResourceOffer } from '../../../src/liqo/apis/sharing.js';
import { requestIdentity } from '../../../src/liqo/foreigncluster/auth-client.js';
import { uniqueName, type ClusterIdentity } from '../../../src/liqo/identity.js';
import { forgeIdentitySecret } from '../../../src/liqo/peering/identity-secret.js';
import { tenantNamespaceName } from '../../../src/liqo/peering/tenant.js';
import { offerChanged, offeredResources } from '../../../src/liqo/resource-negotiation/offer-resources.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';
import { clusterProcesses, liqoctl, TUTORIAL_KIND_CONFIG } from '../../support/liqo.js';

let venice: TestCluster;
let naples: TestCluster;
const ids = {} as Record<'venice' | 'naples', ClusterIdentity>;
const peer = {} as Record<'venice' | 'naples', { authURL: string; token: string }>;
/** The offer Naples made to the consumer of the provider test, copied to Venice by the consumer test. */
let naplesOffer: ResourceOffer | undefined;

async function setUp(name: 'venice' | 'naples', region: string): Promise<TestCluster> {
  const c = await createTestCluster(name, [], {}, { config: TUTORIAL_KIND_CONFIG });
  const r = await liqoctl(c, ['install', 'kind', '--cluster-name', name, `--cluster-labels=topology.liqo.io/region=${region}`]);
  assert.equal(r.code, 0, r.stderr);
  const data = JSON.parse(await c.ok(['get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'jsonpath={.data}'])) as Record<string, string>;
  ids[name] = { clusterID: data.CLUSTER_ID!, clusterName: data.CLUSTER_NAME! };
  const command = (await liqoctl(c, ['generate', 'peer-command', '--only-command'])).stdout;
  peer[name] = { authURL: /--auth-url (\S+)/.exec(command)![1]!, token: /--auth-token (\S+)/.exec(command)![1]! };
  return c;
}

before(async () => {
  [venice, naples] = await Promise.all([setUp('venice', 'north'), setUp('naples', 'south')]);
});
after(async () => { await Promise.all([venice?.destroy(), naples?.destroy()]); });

const json = <T>(c: TestCluster, args: string[]) => c.ok([...args, '-o', 'json']).then((o) => JSON.parse(o) as T);
const apply = (c: TestCluster, obj: unknown) => c.ok(['create', '-f', '-'], { input: JSON.stringify(obj) });
const tenantNamespace = (remote: ClusterIdentity) => ({
  apiVersion: 'v1', kind: 'Namespace',
  metadata: { name: tenantNamespaceName(remote), labels: { 'discovery.liqo.io/cluster-id': remote.clusterID, 'discovery.liqo.io/tenant-namespace': 'true' } },
});
const rfc3339 = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

test('provider: a replicated ResourceRequest gets a ForeignCluster and an offer of 90% of the free resources; withdrawal takes the offer back', async () => {
  // A consumer that exists only through its request (its auth URL answers nothing).
  const rome = { clusterID: randomUUID(), clusterName: 'rome' };
  const ns = tenantNamespaceName(rome);
  await apply(naples, tenantNamespace(rome));
  // A ForeignCluster already named rome, of another cluster: the incoming one takes the UniqueName.
  await apply(naples, {
    apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster', metadata: { name: 'rome' },
    spec: { clusterIdentity: { clusterID: randomUUID(), clusterName: 'rome' }, foreignAuthUrl: 'https://127.0.0.1:1', outgoingPeeringEnabled: 'No' },
  });
  await apply(naples, {
    apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ResourceRequest',
    metadata: { name: 'rome', namespace: ns, labels: { 'liqo.io/replicated': 'true', 'liqo.io/originID': rome.clusterID } },
    spec: { clusterIdentity: rome, authUrl: 'https://127.0.0.1:1' },
  });

  const fcName = uniqueName(rome);
  const fc = await eventually(() => json<KubeObject & { spec: Record<string, unknown> }>(naples, ['get', 'foreignclusters', fcName]));
  assert.deepEqual([fc.metadata.labels?.['discovery.liqo.io/discovery-type'], fc.metadata.labels?.['discovery.liqo.io/cluster-id']], ['IncomingPeering', rome.clusterID]);
  assert.deepEqual([fc.spec.clusterIdentity, fc.spec.foreignAuthUrl, fc.spec.outgoingPeeringEnabled, fc.spec.incomingPeeringEnabled], [rome, 'https://127.0.0.1:1', 'Auto', 'Auto']);

  const table = await eventually(async () => {
    const out = await naples.ok(['get', 'resourceoffers', '-n', ns]);
    return /^naples\s/m.test(out) && out;
  });
  assert.match(table, /^NAME\s+STATUS\s+VIRTUALKUBELETSTATUS\s+LOCAL\s+AGE$/m);
  assert.match(table, /^naples\s+.*\btrue\s+\d+s$/m);
  const offer = await json<ResourceOffer>(naples, ['get', 'resourceoffer', 'naples', '-n', ns]);
  naplesOffer = offer;
  assert.deepEqual(offer.metadata.labels, { 'discovery.liqo.io/cluster-id': rome.clusterID, 'liqo.io/replication': 'true', 'liqo.io/remoteID': rome.clusterID });
  assert.deepEqual(offer.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.controller]), [['ResourceRequest', 'rome', true]]);
  assert.equal(offer.spec.clusterId, ids.naples.clusterID);
  assert.deepEqual(offer.spec.labels, { 'topology.liqo.io/region': 'south', 'liqo.io/provider': 'kind' });
  const hard = offer.spec.resourceQuota?.hard ?? {};
  assert.deepEqual(Object.keys(hard).sort(), ['cpu', 'ephemeral-storage', 'memory', 'pods']);
  const nodes = (await json<{ items: Node[] }>(naples, ['get', 'nodes'])).items;
  const pods = (await json<{ items: Pod[] }>(naples, ['get', 'pods', '-A'])).items;
  assert.equal(offerChanged(hard, offeredResources(nodes, pods, rome.clusterID, 90)), false, `offered ${JSON.stringify(hard)}: 90% of what the nodes have free, within the 5% update threshold`);
  assert.equal(await naples.ok(['get', 'resourcerequest', 'rome', '-n', ns, '-o', 'jsonpath={.status.offerState}']), 'Created');

  // A virtual kubelet serves the offer (as the consumer's status, copied back, would say): withdrawal marks the offer first.
  await naples.ok(['patch', 'resourceoffer', 'naples', '-n', ns, '--subresource', 'status', '--type', 'merge', '-p', '{"status":{"phase":"Accepted","virtualKubeletStatus":"Created"}}']);
  await naples.ok(['patch', 'resourcerequest', 'rome', '-n', ns, '--type', 'merge', '-p', JSON.stringify({ spec: { withdrawalTimestamp: rfc3339() } })]);
  await eventually(async () => (await naples.ok(['get', 'resourceoffer', 'naples', '-n', ns, '-o', 'jsonpath={.spec.withdrawalTimestamp}'])) !== '');
  assert.equal(await naples.ok(['get', 'resourcerequest', 'rome', '-n', ns, '-o', 'jsonpath={.status.offerState}']), 'Created', 'the offer stands while its virtual kubelet stops');
  // The virtual kubelet is gone: the offer is deleted, and the request says when.
  await naples.ok(['patch', 'resourceoffer', 'naples', '-n', ns, '--subresource', 'status', '--type', 'merge', '-p', '{"status":{"virtualKubeletStatus":"None"}}']);
  await eventually(async () => (await naples.ok(['get', 'resourceoffers', '-n', ns, '-o', 'name'])).trim() === '');
  const status = JSON.parse(await naples.ok(['get', 'resourcerequest', 'rome', '-n', ns, '-o', 'jsonpath={.status}'])) as { offerState: string; offerWithdrawalTimestamp?: string };
  assert.equal(status.offerState, 'None');
  assert.match(status.offerWithdrawalTimestamp ?? '', /^\d{4}-\d\d-\d\dT/);
});

test('consumer: an offer from Naples is accepted, its virtual kubelet registers liqo-naples, survives a kill, follows Naples\' reachability and leaves with the offer', async () => {
  // Venice's identity on Naples, stored as the ForeignCluster controller stores it; the peering's ForeignCluster.
  const issued = await requestIdentity(peer.naples.authURL, false, ids.venice, peer.venice.token, peer.naples.token);
  assert.ok(issued.ok, JSON.stringify(issued));
  const ns = tenantNamespaceName(ids.naples);
  await apply(venice, tenantNamespace(ids.naples));
  await apply(venice, forgeIdentitySecret(ns, ids.naples.clusterID, issued.identity));
  await apply(venice, {
    apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster', metadata: { name: 'naples' },
    spec: { clusterIdentity: ids.naples, foreignAuthUrl: peer.naples.authURL },
  });
  // The offer as the replicator copies it: Naples' real offer, labels saying where it comes from.
  const hard = naplesOffer?.spec.resourceQuota?.hard ?? { cpu: '3', memory: '6Gi', pods: '99', 'ephemeral-storage': '90Gi' };
  await apply(venice, {
    apiVersion: 'sharing.liqo.io/v1alpha1', kind: 'ResourceOffer',
    metadata: { name: 'naples', namespace: ns, labels: { 'discovery.liqo.io/cluster-id': ids.venice.clusterID, 'liqo.io/replicated': 'true', 'liqo.io/originID': ids.naples.clusterID } },
    spec: { clusterId: ids.naples.clusterID, resourceQuota: { hard }, labels: { 'topology.liqo.io/region': 'south', 'liqo.io/provider': 'kind' } },
  });

  const offers = await eventually(async () => {
    const out = await venice.ok(['get', 'resourceoffers', '-n', ns]);
    return /^naples\s+Accepted\s+Created\s/m.test(out) && out;
  }, 30_000);
  assert.match(offers, /^NAME\s+STATUS\s+VIRTUALKUBELETSTATUS\s+LOCAL\s+AGE$/m);
  const offer = await json<ResourceOffer>(venice, ['get', 'resourceoffer', 'naples', '-n', ns]);
  assert.deepEqual(offer.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.controller]), [['ForeignCluster', 'naples', true]]);
  const deployment = await json<KubeObject & { spec: { template: { spec: { containers: { image: string; args: string[] }[] } } } }>(venice, ['get', 'deployment', 'virtual-kubelet', '-n', ns]);
  assert.equal(deployment.metadata.annotations?.['liqo.io/resourceoffer'], 'naples');
  const image = await venice.ok(['get', 'deployment', 'liqo-controller-manager', '-n', 'liqo', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
  assert.equal(deployment.spec.template.spec.containers[0]!.image, image);
  assert.ok(deployment.spec.template.spec.containers[0]!.args.includes('--nodename=liqo-naples'));
  const crb = `liqo-virtual-kubelet-${uniqueName(ids.naples)}`;
  assert.equal(await venice.ok(['get', 'clusterrolebinding', crb, '-o', 'jsonpath={.roleRef.name}']), 'liqo-virtual-kubelet-local');

  // What the tutorial shows: the virtual node, Ready, ROLES agent, the region of Naples.
  const row = await eventually(async () => {
    const out = await venice.ok(['get', 'node', 'liqo-naples', '--show-labels', '--no-headers']);
    return /^liqo-naples\s+Ready\s+agent\s/.test(out) && out;
  }, 30_000);
  const version = await venice.ok(['get', 'node', 'venice-control-plane', '-o', 'jsonpath={.status.nodeInfo.kubeletVersion}']);
  assert.match(row, new RegExp(`^liqo-naples\\s+Ready\\s+agent\\s+\\d+s\\s+${version.replace(/\./g, '\\.')}\\s`));
  for (const label of ['topology.liqo.io/region=south', 'liqo.io/type=virtual-node', `liqo.io/remote-cluster-id=${ids.naples.clusterID}`, 'kubernetes.io/role=agent', 'type=virtual-kubelet']) {
    assert.ok(row.includes(label), `label ${label} in ${row}`);
  }
  const described = await venice.ok(['describe', 'node', 'liqo-naples']);
  assert.match(described, /^Taints:\s+virtual-node\.liqo\.io\/not-allowed=true:NoExecute$/m);
  const node = await json<Node>(venice, ['get', 'node', 'liqo-naples']);
  assert.deepEqual(node.status?.allocatable, hard);
  const vkPod = await json<{ items: Pod[] }>(venice, ['get', 'pods', '-n', ns, '-l', 'app.kubernetes.io/name=virtual-kubelet']);
  assert.equal(vkPod.items.length, 1);
  assert.deepEqual(node.status?.addresses, [{ type: 'InternalIP', address: vkPod.items[0]!.status?.podIP }]);
  assert.ok((await venice.ok(['get', 'lease', 'liqo-naples', '-n', 'kube-node-lease', '-o', 'jsonpath={.spec.renewTime}'])).length > 0);
  assert.match(await venice.ok(['get', 'resourceoffer', 'naples', '-n', ns, '-o', 'jsonpath={.metadata.finalizers}']), /liqo\.io\/node/, 'the virtual kubelet holds the offer');

  // kill -9: the pod restarts, the node stays Ready, and is the same node.
  const ready = () => venice.ok(['get', 'node', 'liqo-naples', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].lastTransitionTime}']);
  const before = await ready();
  const pids = clusterProcesses(venice, /liqo\.mjs virtual-kubelet /);
  assert.equal(pids.length, 1, 'one virtual kubelet process');
  process.kill(pids[0]!, 'SIGKILL');
  await eventually(async () => {
    const out = await venice.ok(['get', 'pods', '-n', ns, '--no-headers']);
    return /^virtual-kubelet-\S+\s+1\/1\s+Running\s+1\s/m.test(out);
  }, 30_000);
  assert.equal(await ready(), before, 'Ready all along');
  assert.equal((await venice.ok(['get', 'nodes', '-l', 'liqo.io/type=virtual-node', '-o', 'jsonpath={.items[*].metadata.uid}'])).trim(), node.metadata.uid);

  // Naples down: NotReady, saying why; back up: Ready again.
  assert.equal((await naples.lkind(['stop', 'cluster', '--name', 'naples'])).code, 0);
  const message = await eventually(async () => {
    const out = await venice.ok(['get', 'node', 'liqo-naples', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}: {.status.conditions[?(@.type=="Ready")].message}']);
    return out.startsWith('False: ') && out;
  }, 30_000);
  assert.match(message, /the remote cluster naples cannot be reached/);
  assert.match(await venice.ok(['get', 'node', 'liqo-naples', '--no-headers']), /^liqo-naples\s+NotReady\s+agent\s/);
  assert.equal((await naples.lkind(['start', 'cluster', '--name', 'naples'])).code, 0);
  await eventually(async () => /^liqo-naples\s+Ready\s/.test(await venice.ok(['get', 'node', 'liqo-naples', '--no-headers'])), 30_000);

  // Withdrawn (as the replicator carries the provider's withdrawal): the node goes, then the virtual kubelet.
  await venice.ok(['patch', 'resourceoffer', 'naples', '-n', ns, '--type', 'merge', '-p', JSON.stringify({ spec: { withdrawalTimestamp: rfc3339() } })]);
  await eventually(async () => (await venice.kubectl(['get', 'node', 'liqo-naples'])).code === 1, 30_000);
  await eventually(async () => /^naples\s+Accepted\s+None\s/m.test(await venice.ok(['get', 'resourceoffers', '-n', ns])), 30_000);
  assert.doesNotMatch(await venice.ok(['get', 'resourceoffer', 'naples', '-n', ns, '-o', 'jsonpath={.metadata.finalizers}']), /liqo\.io\/node/);
  await eventually(async () => (await venice.ok(['get', 'deployments,pods', '-n', ns, '-o', 'name'])).trim() === '', 30_000);
  assert.equal((await venice.kubectl(['get', 'clusterrolebinding', crb])).code, 1);
  assert.equal((await venice.ok(['get', 'nodes', '-l', 'liqo.io/type=virtual-node', '-o', 'name'])).trim(), '');
});
