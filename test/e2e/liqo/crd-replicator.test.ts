// The CRD replicator between two installed clusters, venice (consumer) and naples (provider), with
// the consumer side of authentication done by hand as the protocol defines it: the identity issued
// by naples' auth service stored on venice, a ForeignCluster for naples whose status says
// authenticated. A ResourceRequest labelled for replication appears in venice's tenant namespace on
// naples with the replicated labels (after naples refused, 403, until its permission was bound
// again: retried, logged once), the status naples writes comes back, spec changes follow, a
// ResourceOffer (replicated only by providers) stays home, a replica without a source is removed,
// a restart of the replicator duplicates nothing, and deleting the source removes the replica and
// then the finalizer.
//
// The test's objects live in a namespace of their own, not in the tenant namespace: there the
// ForeignCluster controller manages the peering's own ResourceRequest (and removes others while
// outgoing peering is not wanted), and it may run meanwhile. For the same reason the hand-made
// ForeignCluster has outgoingPeeringEnabled "No", and the test only relies on what that controller
// writes too: authenticated, our identity in the tenant namespace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { isDeepStrictEqual } from 'node:util';
import { configFromKubeconfig } from '../../../src/client/config.js';
import { Client } from '../../../src/client/rest-client.js';
import { createCertificateRequest } from '../../../src/machinery/pki.js';
import { forgeIdentitySecret } from '../../../src/liqo/peering/identity-secret.js';
import { ensureTenantNamespace } from '../../../src/liqo/peering/tenant.js';
import { CORE } from '../../../src/client/resource.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';
import { clusterProcesses, liqoctl, TUTORIAL_KIND_CONFIG } from '../../support/liqo.js';

let venice: TestCluster;
let naples: TestCluster;
let veniceClient: Client;
const ids = { venice: '', naples: '' };
/** Venice's tenant namespace on naples (from the identity), naples' on venice. */
let remoteNs = '';
let localTenant = '';
const NS = 'replication-e2e';
const BASIC_BINDING = 'liqo-binding-liqo-remote-peering-basic';

async function install(c: TestCluster, region: string): Promise<void> {
  const r = await liqoctl(c, ['install', 'kind', '--cluster-name', c.name, `--cluster-labels=topology.liqo.io/region=${region}`]);
  assert.equal(r.code, 0, r.stderr);
}

const clusterID = async (c: TestCluster) => c.ok(['get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'jsonpath={.data.CLUSTER_ID}']);

function post(url: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function getJSON(c: TestCluster, args: string[]): Promise<Record<string, any> | undefined> {
  const r = await c.kubectl([...args, '-o', 'json']);
  return r.code === 0 ? JSON.parse(r.stdout) : undefined;
}

const replicatorLog = (c: TestCluster) => c.ok(['logs', '-n', 'liqo', 'deployment/liqo-crd-replicator']);

before(async () => {
  [venice, naples] = await Promise.all([
    createTestCluster('venice', [], {}, { config: TUTORIAL_KIND_CONFIG }),
    createTestCluster('naples', [], {}, { config: TUTORIAL_KIND_CONFIG }),
  ]);
  await Promise.all([install(venice, 'north'), install(naples, 'south')]);
  [ids.venice, ids.naples] = await Promise.all([clusterID(venice), clusterID(naples)]);
  veniceClient = new Client(await configFromKubeconfig({ kubeconfig: venice.kubeconfig }));
});
after(async () => {
  veniceClient?.close();
  await Promise.all([venice?.destroy(), naples?.destroy()]);
});

/** Venice authenticates to naples by hand (reference §4.2), as its ForeignCluster controller would. */
async function authenticate(): Promise<void> {
  const command = (await liqoctl(naples, ['generate', 'peer-command', '--only-command'])).stdout;
  const authURL = /--auth-url (\S+)/.exec(command)![1]!;
  const token = /--auth-token (\S+)/.exec(command)![1]!;
  const { csr, key } = await createCertificateRequest({ user: ids.venice, groups: ['liqo.io'] });
  // No origin token: naples cannot authenticate back, so no peering starts from its side.
  const answer = await post(`${authURL}/identity/certificate`, {
    cluster: { clusterID: ids.venice, clusterName: 'venice' }, originClusterToken: '', destinationClusterToken: token,
    certificateSigningRequest: Buffer.from(csr).toString('base64'),
  });
  assert.equal(answer.status, 202, answer.body);
  const issued = JSON.parse(answer.body) as { namespace: string; certificate: string; apiServerUrl: string; apiServerCA: string };
  remoteNs = issued.namespace;
  // Naples takes its permission back for a while: the replicator must wait for it, quietly.
  await naples.ok(['delete', 'rolebinding', '-n', remoteNs, BASIC_BINDING]);

  const napl = { clusterID: ids.naples, clusterName: 'naples' };
  localTenant = await ensureTenantNamespace(veniceClient, napl);
  await veniceClient.create(CORE.secrets, forgeIdentitySecret(localTenant, ids.naples, {
    privateKey: key, certificate: Buffer.from(issued.certificate, 'base64').toString(), apiServerUrl: issued.apiServerUrl,
    apiServerCa: Buffer.from(issued.apiServerCA, 'base64').toString(), namespace: issued.namespace,
  }));
  const fc = { apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster', metadata: { name: 'naples' }, spec: { clusterIdentity: napl, foreignAuthUrl: authURL, outgoingPeeringEnabled: 'No' } };
  await venice.ok(['create', '-f', '-'], { input: JSON.stringify(fc) });
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const status = {
    status: {
      tenantNamespace: { local: localTenant, remote: remoteNs },
      peeringConditions: [
        { type: 'AuthenticationStatus', status: 'Established', reason: 'IdentityAccepted', message: 'The Identity has been correctly accepted by the remote cluster', lastTransitionTime: now },
        { type: 'OutgoingPeering', status: 'Pending', reason: 'ResourceRequestPending', message: `The remote cluster has not created a ResourceOffer in the Tenant Namespace ${localTenant} yet`, lastTransitionTime: now },
      ],
    },
  };
  await venice.ok(['patch', 'foreigncluster', 'naples', '--subresource=status', '--type=merge', '-p', JSON.stringify(status)]);
}

function resourceRequest(authUrl: string) {
  return {
    apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ResourceRequest',
    metadata: { name: 'venice', namespace: NS, labels: { 'liqo.io/replication': 'true', 'liqo.io/remoteID': ids.naples, app: 'e2e' }, annotations: { 'e2e.liqo.io/note': 'kept' } },
    spec: { clusterIdentity: { clusterID: ids.venice, clusterName: 'venice' }, authUrl },
  };
}

const replica = () => getJSON(naples, ['get', 'resourcerequest', '-n', remoteNs, 'venice']);
const source = () => getJSON(venice, ['get', 'resourcerequest', '-n', NS, 'venice']);

test('a ResourceRequest is replicated to the provider, its status comes back, and it goes away with its source', async () => {
  await venice.ok(['create', 'namespace', NS]);
  await authenticate();
  await venice.ok(['create', '-f', '-'], { input: JSON.stringify(resourceRequest('https://172.18.0.2:30001')) });
  const offer = {
    apiVersion: 'sharing.liqo.io/v1alpha1', kind: 'ResourceOffer',
    metadata: { name: 'venice', namespace: NS, labels: { 'liqo.io/replication': 'true', 'liqo.io/remoteID': ids.naples } },
    spec: { clusterId: ids.venice },
  };
  await venice.ok(['create', '-f', '-'], { input: JSON.stringify(offer) });

  // Refused while naples has not bound the permission: said once, retried with back-off.
  await eventually(async () => /cannot watch resourcerequests of cluster naples .*forbidden/i.test(await replicatorLog(venice)), 20_000, 300);
  await naples.ok(['create', 'rolebinding', '-n', remoteNs, BASIC_BINDING, '--clusterrole=liqo-remote-peering-basic', `--user=${ids.venice}`]);
  const copy = await eventually(replica, 20_000, 200);
  assert.deepEqual(copy.metadata.labels, { app: 'e2e', 'liqo.io/replicated': 'true', 'liqo.io/originID': ids.venice });
  assert.equal(copy.metadata.annotations['e2e.liqo.io/note'], 'kept');
  assert.deepEqual(copy.spec, resourceRequest('https://172.18.0.2:30001').spec);
  const log = await replicatorLog(venice);
  assert.equal(log.match(/cannot watch resourcerequests/g)?.length, 1, log);
  assert.match(log, /watching resourcerequests of cluster naples/);
  assert.deepEqual((await source())!.metadata.finalizers, ['crdReplicator.liqo.io']);

  // Naples writes the status; it comes back to venice's object.
  await naples.ok(['patch', 'resourcerequest', '-n', remoteNs, 'venice', '--subresource=status', '--type=merge', '-p', '{"status":{"offerState":"Created"}}']);
  await eventually(async () => {
    const [l, r] = await Promise.all([source(), replica()]);
    return r?.status?.offerState && isDeepStrictEqual(l?.status, r.status);
  }, 10_000, 200);

  // Spec changes follow; the provider's status stays.
  await venice.ok(['patch', 'resourcerequest', '-n', NS, 'venice', '--type=merge', '-p', '{"spec":{"authUrl":"https://172.18.0.2:30002"}}']);
  await eventually(async () => (await replica())?.spec?.authUrl === 'https://172.18.0.2:30002', 10_000, 200);

  // Providers alone replicate ResourceOffers: venice's stays home, without the finalizer.
  assert.equal((await naples.ok(['get', 'resourceoffers', '-A', '-l', `liqo.io/originID=${ids.venice}`, '-o', 'name'])).trim(), '');
  assert.equal((await getJSON(venice, ['get', 'resourceoffer', '-n', NS, 'venice']))!.metadata.finalizers, undefined);

  // A replica from venice without a source on venice is removed.
  const ghost = { apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ResourceRequest', metadata: { name: 'ghost', namespace: remoteNs, labels: { 'liqo.io/replicated': 'true', 'liqo.io/originID': ids.venice } }, spec: resourceRequest('https://x').spec };
  await naples.ok(['create', '-f', '-'], { input: JSON.stringify(ghost) });
  await eventually(async () => (await naples.kubectl(['get', 'resourcerequest', '-n', remoteNs, 'ghost'])).code === 1, 10_000, 200);

  // A restart of the replicator converges on what exists.
  const before = (await replica())!;
  const restarts = async () => Number(await venice.ok(['get', 'pods', '-n', 'liqo', '-l', 'app.kubernetes.io/name=crd-replicator', '-o', 'jsonpath={.items[0].status.containerStatuses[0].restartCount}']));
  const restartsBefore = await restarts();
  const [pid, ...others] = clusterProcesses(venice, /liqo\.mjs crd-replicator/);
  assert.ok(pid && others.length === 0, 'one crd-replicator process');
  process.kill(pid, 'SIGKILL');
  await eventually(async () => (await restarts()) === restartsBefore + 1, 30_000, 300);
  await venice.ok(['patch', 'resourcerequest', '-n', NS, 'venice', '--type=merge', '-p', '{"spec":{"authUrl":"https://172.18.0.2:30003"}}']);
  const after = await eventually(async () => {
    const r = await replica();
    return r?.spec?.authUrl === 'https://172.18.0.2:30003' ? r : undefined;
  }, 15_000, 200);
  assert.equal(after.metadata.uid, before.metadata.uid, 'the same replica, updated');
  const replicas = await naples.ok(['get', 'resourcerequests', '-A', '-l', `liqo.io/originID=${ids.venice}`, '-o', 'name']);
  assert.deepEqual(replicas.trim().split('\n'), ['resourcerequest.discovery.liqo.io/venice']);
  assert.deepEqual((await source())!.metadata.finalizers, ['crdReplicator.liqo.io']);
  await eventually(async () => isDeepStrictEqual((await source())?.status, (await replica())?.status), 10_000, 200);

  // Deleting the source deletes the replica, then lets the source go.
  await venice.ok(['delete', 'resourcerequest', '-n', NS, 'venice', '--timeout=20s']);
  assert.equal((await naples.kubectl(['get', 'resourcerequest', '-n', remoteNs, 'venice'])).code, 1);
});
