// Two gateways in one process, each with a Peer for the other and a listener: both dial at once
// and end up with one connection, Connected with a latency on both sides; the loss of one side is
// an Error on the other until it is back; a peer holding the wrong key never gets Connected.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo, Server, Socket } from 'node:net';
import { gatewayServer } from './gateway.js';
import { fromRawPublicKey, generateGatewayKeys, type GatewayKeys } from './keys.js';
import { Peer } from './peer.js';

interface TestGateway { id: string; keys: GatewayKeys; port: number; peer?: Peer; server: Server; sockets: Set<Socket>; refusals: string[]; stop(): Promise<void> }

const running = new Set<TestGateway>();
after(async () => { for (const g of running) await g.stop(); });

async function startGateway(id: string, keys: GatewayKeys, port = 0): Promise<TestGateway> {
  const local = { clusterID: id, instance: `${id}-${Math.random().toString(16).slice(2, 8)}`, privateKey: keys.privateKey };
  const g = { id, keys, port, sockets: new Set<Socket>(), refusals: [] } as unknown as TestGateway;
  g.server = gatewayServer(local, {
    lookup: (clusterID) => (g.peer && g.peer.clusterID === clusterID ? { publicKey: g.peer.config.publicKey } : { refuse: `no TunnelEndpoint for cluster ${clusterID}`, code: 'unknown-peer' }),
    peerOf: (clusterID) => (g.peer?.clusterID === clusterID ? g.peer : undefined),
  }, () => {});
  g.server.on('connection', (s) => { g.sockets.add(s); s.on('close', () => g.sockets.delete(s)); });
  await new Promise<void>((r) => g.server.listen(port, '127.0.0.1', () => r()));
  g.port = (g.server.address() as AddressInfo).port;
  g.stop = async () => {
    running.delete(g);
    g.peer?.stop('stopping');
    for (const s of g.sockets) s.destroy();
    await new Promise<void>((r) => g.server.close(() => r()));
  };
  (g as { local?: unknown }).local = local;
  running.add(g);
  return g;
}

function connectTo(g: TestGateway, other: TestGateway, key = other.keys.publicKey): void {
  const local = (g as unknown as { local: ConstructorParameters<typeof Peer>[0] }).local;
  g.peer = new Peer(local, { clusterID: other.id, clusterName: other.id, host: '127.0.0.1', port: other.port, publicKey: fromRawPublicKey(key), rawKey: key }, {
    log: () => {}, onChange: () => {}, onRefused: (_, m) => g.refusals.push(m),
  });
  g.peer.start();
}

async function until(what: string, fn: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('both gateways dial at once: one connection, Connected with a latency on both sides; a lost peer is an Error until it is back', async () => {
  const a = await startGateway('aaaa', generateGatewayKeys());
  const b = await startGateway('bbbb', generateGatewayKeys());
  connectTo(a, b);
  connectTo(b, a);
  await until('both are Connected with a latency', () => a.peer!.state().latencyMs !== undefined && b.peer!.state().latencyMs !== undefined);
  assert.equal(a.peer!.state().status, 'Connected');
  assert.equal(b.peer!.state().status, 'Connected');
  // Give a superseded duplicate time to be closed, then count the live connections: one pair.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(a.sockets.size + b.sockets.size, 1, 'one TCP connection between the two gateways');
  assert.equal(a.sockets.size, 0, 'the connection kept is the one the smaller cluster ID (aaaa) dialed, accepted by bbbb');

  const bKeys = b.keys;
  const bPort = b.port;
  await b.stop();
  await until('a reports the loss', () => a.peer!.state().status === 'Error');
  const b2 = await startGateway('bbbb', bKeys, bPort);
  connectTo(b2, a);
  await until('Connected again', () => a.peer!.state().status === 'Connected' && b2.peer!.state().status === 'Connected');
});

test('a peer whose key is not the one exchanged is refused on both sides and never Connected', async () => {
  const a = await startGateway('aaaa', generateGatewayKeys());
  const b = await startGateway('bbbb', generateGatewayKeys());
  const wrong = generateGatewayKeys().publicKey;
  connectTo(a, b, wrong); // a expects the wrong key from b
  connectTo(b, a);
  await until('both report Error', () => a.peer!.state().status === 'Error' && b.peer!.state().status === 'Error');
  assert.match(a.refusals[0] ?? '', /the gateway's signature does not match the public key of cluster bbbb|authentication failed/);
  assert.match(b.refusals[0] ?? '', /refused by the peer/);
  await new Promise((r) => setTimeout(r, 500));
  assert.notEqual(a.peer!.state().status, 'Connected');
  assert.notEqual(b.peer!.state().status, 'Connected');
  await a.stop();
  await b.stop();
});
