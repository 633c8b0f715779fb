// Networking on the tutorial's three lkind clusters (all on pod CIDR 10.200.0.0/16), with the real
// network managers and gateways. What the ForeignCluster controller and the CRD replicator will do
// is done here by hand through the API (both are scaled to zero so they cannot interfere): the
// ForeignClusters and their tenant namespaces, their status (tenant namespace, peering
// conditions), and the copy of each NetworkConfig to the other cluster with the replicated labels,
// its status copied back. Venice peers with Florence, then with Naples: the remapped networks of
// reference §4.7 come out, the TunnelEndpoints on both sides of each peering reach Connected with
// a latency over a real authenticated connection, a gateway with a wrong key is refused, a killed
// gateway is an Error on the other side until its pod restarts, and the end of a peering
// releases its networks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { Channel } from '../../../src/liqo/gateway/channel.js';
import { dialHandshake, HandshakeRefused } from '../../../src/liqo/gateway/handshake.js';
import { fromRawPublicKey, generateGatewayKeys } from '../../../src/liqo/gateway/keys.js';
import { uniqueName, type ClusterIdentity } from '../../../src/liqo/identity.js';
import type { IpamStorage, NetworkConfig, TunnelEndpoint } from '../../../src/liqo/apis/net.js';
import { createTestCluster, eventually, KUBECTL, type TestCluster } from '../../support/cluster.js';
import { clusterProcesses, liqoctl, TUTORIAL_KIND_CONFIG } from '../../support/liqo.js';

const NAMES = ['venice', 'florence', 'naples'] as const;
type Name = (typeof NAMES)[number];
const clusters = {} as Record<Name, TestCluster>;
const ids = {} as Record<Name, ClusterIdentity>;
const tenant = (of: Name) => `liqo-tenant-${uniqueName(ids[of])}`;

before(async () => {
  await Promise.all(NAMES.map(async (name) => {
    const c = await createTestCluster(name, [], {}, { config: TUTORIAL_KIND_CONFIG });
    clusters[name] = c;
    const r = await liqoctl(c, ['install', 'kind', '--cluster-name', name]);
    assert.equal(r.code, 0, r.stderr);
    ids[name] = { clusterID: await c.ok(['get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'jsonpath={.data.CLUSTER_ID}']), clusterName: name };
    // Their work is done by hand here.
    await c.ok(['scale', 'deployment', '-n', 'liqo', 'liqo-controller-manager', 'liqo-crd-replicator', '--replicas=0']);
  }));
});
after(async () => { await Promise.all(Object.values(clusters).map((c) => c.destroy())); });

async function getJSON<T>(c: TestCluster, args: string[]): Promise<T | undefined> {
  const r = await c.kubectl(['get', ...args, '-o', 'json']);
  return r.code === 0 ? (JSON.parse(r.stdout) as T) : undefined;
}

/** What the ForeignCluster controller does on `on` for `remote`, up to a peering in `direction`. */
async function foreignCluster(on: Name, remote: Name, direction: 'OutgoingPeering' | 'IncomingPeering'): Promise<void> {
  const c = clusters[on];
  await c.ok(['create', 'namespace', tenant(remote)]);
  await c.ok(['label', 'namespace', tenant(remote), `discovery.liqo.io/cluster-id=${ids[remote].clusterID}`, 'discovery.liqo.io/tenant-namespace=true']);
  await c.ok(['apply', '-f', '-'], { input: JSON.stringify({
    apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster', metadata: { name: remote },
    spec: { clusterIdentity: ids[remote], foreignAuthUrl: 'https://127.0.0.1:1', outgoingPeeringEnabled: direction === 'OutgoingPeering' ? 'Yes' : 'Auto' },
  }) });
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const cond = (type: string, status: string) => ({ type, status, lastTransitionTime: now });
  const status = {
    tenantNamespace: { local: tenant(remote), remote: `liqo-tenant-${uniqueName(ids[on])}` },
    peeringConditions: [cond('AuthenticationStatus', 'Established'), cond('OutgoingPeering', direction === 'OutgoingPeering' ? 'Established' : 'None'), cond('IncomingPeering', direction === 'IncomingPeering' ? 'Established' : 'None')],
  };
  await c.ok(['patch', 'foreigncluster', remote, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
}

/** The CRD replicator's copy of `from`'s NetworkConfig for `to`, in `to`'s tenant namespace for `from`. */
async function replicate(from: Name, to: Name): Promise<void> {
  const name = uniqueName(ids[to]);
  const local = await eventually(() => getJSON<NetworkConfig>(clusters[from], ['networkconfig', '-n', tenant(to), name]), 20_000);
  const { 'liqo.io/replication': _r, 'liqo.io/remoteID': _id, ...labels } = local.metadata.labels ?? {};
  const replica = {
    apiVersion: local.apiVersion, kind: local.kind,
    metadata: { name, namespace: tenant(from), labels: { ...labels, 'liqo.io/replicated': 'true', 'liqo.io/originID': ids[from].clusterID } },
    spec: local.spec,
  };
  await clusters[to].ok(['create', '-f', '-'], { input: JSON.stringify(replica) });
}

/** The replicator's status copy: the status `to` wrote on its replica, back into `from`'s NetworkConfig. */
async function copyStatusBack(from: Name, to: Name): Promise<NetworkConfig['status']> {
  const name = uniqueName(ids[to]);
  const replica = await eventually(async () => {
    const nc = await getJSON<NetworkConfig>(clusters[to], ['networkconfig', '-n', tenant(from), name]);
    return nc?.status?.processed ? nc : undefined;
  }, 20_000);
  await clusters[from].ok(['patch', 'networkconfig', '-n', tenant(to), name, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: replica.status })]);
  return replica.status;
}

async function peer(consumer: Name, provider: Name): Promise<{ toProvider: NetworkConfig['status']; toConsumer: NetworkConfig['status'] }> {
  await foreignCluster(consumer, provider, 'OutgoingPeering');
  await foreignCluster(provider, consumer, 'IncomingPeering');
  await replicate(consumer, provider);
  await replicate(provider, consumer);
  return { toProvider: await copyStatusBack(consumer, provider), toConsumer: await copyStatusBack(provider, consumer) };
}

async function tunnel(on: Name, remote: Name): Promise<TunnelEndpoint | undefined> {
  const list = await getJSON<{ items: TunnelEndpoint[] }>(clusters[on], ['tunnelendpoints', '-n', tenant(remote), '-l', `clusterID=${ids[remote].clusterID}`]);
  return list?.items[0];
}

async function connected(on: Name, remote: Name, timeoutMs = 20_000): Promise<TunnelEndpoint> {
  return eventually(async () => {
    const tep = await tunnel(on, remote);
    return tep?.status?.connection?.status === 'Connected' && tep.status.connection.latency?.value ? tep : undefined;
  }, timeoutMs, 250);
}


/** The InternalIP of a cluster's (only) node: its gateway's NodePort listens there. */
async function nodeIP(c: TestCluster): Promise<string> {
  return c.ok(['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[?(@.type=="InternalIP")].address}']);
}

async function gatewayNodePort(c: TestCluster): Promise<number> {
  return Number(await c.ok(['get', 'service', '-n', 'liqo', 'liqo-gateway', '-o', 'jsonpath={.spec.ports[0].nodePort}']));
}

test('Venice with Florence, then Naples: NetworkConfigs processed with the remapped networks of §4.7, TunnelEndpoints Connected on both sides', async () => {
  const florence = await peer('venice', 'florence');
  // Each side sees the other's 10.200/16 and 10.201/16 as 10.202/16 and 10.203/16.
  assert.deepEqual(florence.toProvider, { processed: true, podCIDRNAT: '10.202.0.0/16', externalCIDRNAT: '10.203.0.0/16' });
  assert.deepEqual(florence.toConsumer, { processed: true, podCIDRNAT: '10.202.0.0/16', externalCIDRNAT: '10.203.0.0/16' });
  const naples = await peer('venice', 'naples');
  // Naples remaps Venice like Florence did; Venice, already holding Florence's, takes 10.204 and 10.205.
  assert.deepEqual(naples.toProvider, { processed: true, podCIDRNAT: '10.202.0.0/16', externalCIDRNAT: '10.203.0.0/16' });
  assert.deepEqual(naples.toConsumer, { processed: true, podCIDRNAT: '10.204.0.0/16', externalCIDRNAT: '10.205.0.0/16' });

  const ipam = await getJSON<IpamStorage>(clusters.venice, ['ipamstorage', 'ipamstorage']);
  assert.deepEqual(ipam?.spec.clusterSubnets, {
    [ids.florence.clusterID]: { remotePodCIDR: '10.202.0.0/16', remoteExternalCIDR: '10.203.0.0/16', localNATPodCIDR: '10.202.0.0/16', localNATExternalCIDR: '10.203.0.0/16' },
    [ids.naples.clusterID]: { remotePodCIDR: '10.204.0.0/16', remoteExternalCIDR: '10.205.0.0/16', localNATPodCIDR: '10.202.0.0/16', localNATExternalCIDR: '10.203.0.0/16' },
  });

  for (const [on, remote] of [['venice', 'florence'], ['florence', 'venice'], ['venice', 'naples'], ['naples', 'venice']] as [Name, Name][]) {
    const tep = await connected(on, remote);
    assert.equal(tep.status?.connection?.statusMessage, 'VPN connection established');
    assert.match(tep.status?.connection?.latency?.value ?? '', /^\d+(\.\d+)?(ns|µs|ms|s)$/, `${on} -> ${remote}`);
    assert.equal(tep.spec.endpointIP, await nodeIP(clusters[remote]));
    assert.equal(tep.spec.backend_config.port, String(await gatewayNodePort(clusters[remote])));
  }
  const venicNaples = (await tunnel('venice', 'naples'))!;
  assert.deepEqual(
    [venicNaples.spec.localNATPodCIDR, venicNaples.spec.localNATExternalCIDR, venicNaples.spec.remotePodCIDR, venicNaples.spec.remoteNATPodCIDR, venicNaples.spec.remoteNATExternalCIDR],
    ['10.202.0.0/16', '10.203.0.0/16', '10.200.0.0/16', '10.204.0.0/16', '10.205.0.0/16'],
  );
  const table = await clusters.venice.ok(['get', 'tunnelendpoints', '-A']);
  assert.match(table, /naples +liqo-tcp +Connected/);
  assert.match(await clusters.venice.ok(['get', 'networkconfigs', '-n', tenant('naples')]), /naples +true +true/);
});

test('a gateway presenting a key other than the one exchanged is refused, and the real connection stays up', async () => {
  const port = await gatewayNodePort(clusters.venice);
  const impostor = generateGatewayKeys();
  const veniceKey = await clusters.venice.ok(['get', 'networkconfig', '-n', tenant('florence'), uniqueName(ids.florence), '-o', 'jsonpath={.spec.backend_config.publicKey}']);
  const socket = connect({ host: await nodeIP(clusters.venice), port });
  await new Promise((r, j) => { socket.once('connect', r); socket.once('error', j); });
  const err = await dialHandshake(new Channel(socket), { clusterID: ids.florence.clusterID, instance: 'impostor', privateKey: impostor.privateKey },
    { clusterID: ids.venice.clusterID, publicKey: fromRawPublicKey(veniceKey) }).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof HandshakeRefused, `refused, got ${String(err)}`);
  assert.match(err.message, new RegExp(`authentication failed: the signature does not match the public key of cluster ${ids.florence.clusterID}`));
  assert.match(await clusters.venice.ok(['logs', '-n', 'liqo', 'deployment/liqo-gateway']), /refused a connection .*authentication failed/);
  assert.equal((await tunnel('venice', 'florence'))?.status?.connection?.status, 'Connected');
});

test('a killed gateway: Error on the other side, Connected again on both once its pod restarted', async () => {
  const tep = (await tunnel('venice', 'florence'))!;
  const watch = spawn(KUBECTL, ['get', 'tunnelendpoint', '-n', tep.metadata.namespace!, tep.metadata.name!, '-w', '-o', 'jsonpath={.status.connection.status}{"\\n"}'], { env: clusters.venice.env });
  let seen = '';
  watch.stdout.on('data', (d: Buffer) => { seen += d.toString(); });
  const states = () => seen.split('\n').filter(Boolean);
  try {
    await eventually(async () => states().at(-1) === 'Connected', 10_000, 100);
    const before = states().length;
    const [pid, ...others] = clusterProcesses(clusters.florence, /liqo\.mjs gateway /);
    assert.ok(pid && others.length === 0, 'one gateway process on florence');
    process.kill(pid, 'SIGKILL');
    const lost = await eventually(async () => {
      const i = states().findIndex((s, j) => j >= before && s !== 'Connected');
      return i >= 0 ? i + 1 : undefined;
    }, 40_000, 50); // generous: under a full suite's load on 2 cores the loss has shown up late
    assert.match(states()[lost - 1]!, /^(Error|Connecting)$/);
    await eventually(async () => states().slice(lost).includes('Connected'), 30_000, 100);
  } finally {
    watch.kill();
  }
  await connected('florence', 'venice');
  await connected('venice', 'florence');
  await eventually(async () => / 1\/1 +Running +1 /.test(await clusters.florence.ok(['get', 'pods', '-n', 'liqo', '-l', 'app.kubernetes.io/name=gateway', '--no-headers'])), 10_000, 250);
});

test('a restarted network manager finds its allocations again and allocates nothing new', async () => {
  const before = (await getJSON<IpamStorage>(clusters.venice, ['ipamstorage', 'ipamstorage']))?.spec.clusterSubnets;
  const statuses = async () => (await getJSON<{ items: NetworkConfig[] }>(clusters.venice, ['networkconfigs', '-A', '-l', 'liqo.io/replicated=true']))?.items.map((nc) => [nc.metadata.name, nc.metadata.resourceVersion, nc.status]);
  const received = await statuses();
  const [pid] = clusterProcesses(clusters.venice, /liqo\.mjs network-manager /);
  assert.ok(pid, 'a network manager process on venice');
  process.kill(pid, 'SIGKILL');
  await eventually(async () => / 1\/1 +Running +1 /.test(await clusters.venice.ok(['get', 'pods', '-n', 'liqo', '-l', 'app.kubernetes.io/name=network-manager', '--no-headers'])), 20_000, 250);
  // Ready means its caches are filled and its controller runs: give it a moment to reconcile.
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual((await getJSON<IpamStorage>(clusters.venice, ['ipamstorage', 'ipamstorage']))?.spec.clusterSubnets, before);
  assert.deepEqual(await statuses(), received, 'the received NetworkConfigs are not written again');
});

test('the end of a peering: its TunnelEndpoint goes and its networks are released', async () => {
  // Naples unpeers: its ForeignCluster for Venice no longer peers, so its NetworkConfig goes, and
  // the replicator deletes the copy in Venice.
  await clusters.naples.ok(['patch', 'foreigncluster', 'venice', '--subresource=status', '--type=merge', '-p',
    JSON.stringify({ status: { peeringConditions: [{ type: 'IncomingPeering', status: 'None' }, { type: 'OutgoingPeering', status: 'None' }] } })]);
  await eventually(async () => (await clusters.naples.kubectl(['get', 'networkconfig', '-n', tenant('venice'), uniqueName(ids.venice)])).code === 1, 10_000);
  await eventually(async () => !(await tunnel('naples', 'venice')), 10_000);
  await clusters.venice.ok(['delete', 'networkconfig', '-n', tenant('naples'), uniqueName(ids.venice)]);
  await eventually(async () => !(await tunnel('venice', 'naples')), 10_000);
  const subnets = await eventually(async () => {
    const ipam = await getJSON<IpamStorage>(clusters.venice, ['ipamstorage', 'ipamstorage']);
    const s = ipam?.spec.clusterSubnets ?? {};
    return ids.naples.clusterID in s ? undefined : s;
  }, 10_000);
  assert.deepEqual(Object.keys(subnets), [ids.florence.clusterID]);
  assert.equal((await tunnel('venice', 'florence'))?.status?.connection?.status, 'Connected');
});
