import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { Channel } from './channel.js';
import { acceptHandshake, dialHandshake, HandshakeRefused, type Established, type LocalEnd, type PeerLookup } from './handshake.js';
import { fromRawPublicKey, generateGatewayKeys, type GatewayKeys } from './keys.js';

const servers: Server[] = [];
after(() => { for (const s of servers) s.close(); });

function end(clusterID: string, keys: GatewayKeys): LocalEnd {
  return { clusterID, instance: `${clusterID}-1`, privateKey: keys.privateKey };
}

/** A listener answering one handshake with `lookup`; `result` settles with its outcome. */
async function listener(local: LocalEnd, lookup: PeerLookup): Promise<{ port: number; result: Promise<Established> }> {
  let settle!: (o: { est?: Established; err?: unknown }) => void;
  const outcome = new Promise<{ est?: Established; err?: unknown }>((r) => { settle = r; });
  const server = createServer((socket) => {
    acceptHandshake(new Channel(socket), local, lookup).then((est) => settle({ est }), (err: unknown) => settle({ err }));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const result = async () => {
    const o = await outcome;
    if (o.est) return o.est;
    throw o.err;
  };
  return { port: (server.address() as AddressInfo).port, get result() { return result(); } };
}

async function dial(port: number, local: LocalEnd, remote: { clusterID: string; publicKey: GatewayKeys['publicKey'] }): Promise<Established> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise((r) => socket.once('connect', r));
  return dialHandshake(new Channel(socket), local, { clusterID: remote.clusterID, publicKey: fromRawPublicKey(remote.publicKey) });
}

const venice = generateGatewayKeys();
const florence = generateGatewayKeys();
const impostor = generateGatewayKeys();
const knows = (id: string, keys: GatewayKeys): PeerLookup => (clusterID) =>
  (clusterID === id ? { publicKey: fromRawPublicKey(keys.publicKey) } : { refuse: `no TunnelEndpoint for cluster ${clusterID}`, code: 'unknown-peer' });

test('keys: 32 raw bytes in base64, round trip, anything else refused', () => {
  assert.equal(Buffer.from(venice.publicKey, 'base64').length, 32);
  assert.match(venice.publicKey, /^[A-Za-z0-9+/]{43}=$/);
  assert.equal(fromRawPublicKey(venice.publicKey).asymmetricKeyType, 'ed25519');
  assert.throws(() => fromRawPublicKey('AAAA'), /invalid Ed25519 public key "AAAA"/);
  assert.throws(() => fromRawPublicKey(''), /invalid Ed25519 public key/);
});

test('both sides holding the exchanged keys: established on both, each knows who dialed', async () => {
  const l = await listener(end('florence-id', florence), knows('venice-id', venice));
  const dialer = await dial(l.port, end('venice-id', venice), { clusterID: 'florence-id', publicKey: florence.publicKey });
  const accepted = await l.result;
  assert.deepEqual([dialer.peerID, dialer.peerInstance, dialer.dialer], ['florence-id', 'florence-id-1', 'venice-id']);
  assert.deepEqual([accepted.peerID, accepted.peerInstance, accepted.dialer], ['venice-id', 'venice-id-1', 'venice-id']);
  dialer.channel.close(new Error('done'));
});

const cases: { name: string; dialerKeys: GatewayKeys; expectedListenerKey: GatewayKeys; listenerLookup: PeerLookup; to?: string; dialerError: RegExp; code: string; listenerError: RegExp }[] = [
  {
    name: 'a dialer signing with a key other than its cluster\'s is refused',
    dialerKeys: impostor, expectedListenerKey: florence, listenerLookup: knows('venice-id', venice),
    dialerError: /refused by the peer: authentication failed: the signature does not match the public key of cluster venice-id/, code: 'auth',
    listenerError: /authentication failed/,
  },
  {
    name: 'a listener whose key is not the one the TunnelEndpoint holds is refused by the dialer',
    dialerKeys: venice, expectedListenerKey: impostor, listenerLookup: knows('venice-id', venice),
    dialerError: /the gateway's signature does not match the public key of cluster florence-id/, code: 'auth',
    listenerError: /refused by the peer: the gateway's signature does not match/,
  },
  {
    name: 'a cluster the listener has no TunnelEndpoint for is refused as unknown (still being set up)',
    dialerKeys: venice, expectedListenerKey: florence, listenerLookup: knows('naples-id', venice),
    dialerError: /refused by the peer: no TunnelEndpoint for cluster venice-id/, code: 'unknown-peer',
    listenerError: /no TunnelEndpoint for cluster venice-id/,
  },
  {
    name: 'a gateway of another cluster than the one dialed refuses',
    dialerKeys: venice, expectedListenerKey: florence, listenerLookup: knows('venice-id', venice), to: 'naples-id',
    dialerError: /refused by the peer: this gateway belongs to cluster florence-id, not naples-id/, code: 'auth',
    listenerError: /this gateway belongs to cluster florence-id/,
  },
];

for (const c of cases) {
  test(`refusals: ${c.name}`, async () => {
    const l = await listener(end('florence-id', florence), c.listenerLookup);
    const dialing = dial(l.port, end('venice-id', c.dialerKeys), { clusterID: c.to ?? 'florence-id', publicKey: c.expectedListenerKey.publicKey });
    const err = await dialing.then(() => assert.fail('the dialer should fail'), (e: unknown) => e);
    assert.ok(err instanceof HandshakeRefused, String(err));
    assert.match(err.message, c.dialerError);
    assert.equal(err.code, c.code);
    await assert.rejects(l.result, c.listenerError);
  });
}

test('something that does not speak the protocol is dropped', async () => {
  const l = await listener(end('florence-id', florence), knows('venice-id', venice));
  const socket = connect({ host: '127.0.0.1', port: l.port });
  socket.end('GET / HTTP/1.1\r\nHost: x\r\n\r\n\n');
  await assert.rejects(l.result, /protocol error: not a liqo-ts gateway frame/);
  socket.destroy();
});
