// The gateway (liqo-gateway): the endpoint of the connections between peered clusters. For every
// TunnelEndpoint the network manager creates (one per peering, label clusterID) it keeps one
// authenticated connection with the remote cluster's gateway (handshake.ts: Ed25519 keys exchanged
// in the NetworkConfigs; peer.ts: dialing, back-off, one connection per pair), measures the
// latency (session.ts), and writes status.connection: Connected/Connecting/Error and the latency.
// It listens for peer gateways on its port, which the liqo-gateway Service exposes.
// Mirrors Liqo's liqo-gateway with its WireGuard driver; deliberately not here: carrying pod
// traffic, NAT and routes (later).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { isStatusError } from '../../machinery/errors.js';
import { Controller, errorText } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import { enqueueObject } from '../../runtime/handlers.js';
import type { Informer } from '../../runtime/informer.js';
import { Manager, type Runnable } from '../../runtime/manager.js';
import { parseBindAddress, retry, type Component } from '../component.js';
import { BACKEND_PORT, BACKEND_PUBLIC_KEY, TEP_CLUSTER_ID_LABEL } from '../consts.js';
import { readClusterIdentity } from '../identity.js';
import type { Connection, TunnelEndpoint } from '../apis/net.js';
import { LIQO } from '../apis/resources.js';
import { Channel } from './channel.js';
import { connectionUpdate } from './connection-status.js';
import { acceptHandshake, type LocalEnd, type PeerLookup } from './handshake.js';
import { ensureGatewayKeys, fromRawPublicKey } from './keys.js';
import { Peer, type PeerConfig } from './peer.js';

export interface GatewayFlags { listenAddress: string }

/** The peer a TunnelEndpoint describes, or why it cannot be dialed. */
export function toPeerConfig(tep: TunnelEndpoint): PeerConfig | { invalid: string } {
  const { clusterIdentity, endpointIP, backend_config: backend } = tep.spec;
  const port = Number(backend?.[BACKEND_PORT]);
  if (!clusterIdentity?.clusterID || !endpointIP) return { invalid: 'no remote cluster or endpoint' };
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { invalid: `invalid port "${backend?.[BACKEND_PORT] ?? ''}"` };
  const rawKey = backend?.[BACKEND_PUBLIC_KEY] ?? '';
  try {
    return { clusterID: clusterIdentity.clusterID, clusterName: clusterIdentity.clusterName, host: endpointIP, port, publicKey: fromRawPublicKey(rawKey), rawKey };
  } catch (err) {
    return { invalid: errorText(err) };
  }
}

/** Keeps a Peer per TunnelEndpoint and writes their state into the TunnelEndpoints' status. */
export class TunnelController implements Runnable {
  readonly name = 'tunnel';
  private readonly teps: Informer<TunnelEndpoint>;
  private readonly controller: Controller;
  /** Keyed by TunnelEndpoint key (namespace/name). */
  private readonly peers = new Map<string, Peer>();
  private readonly writes = new Map<string, NodeJS.Timeout>();
  private readonly lost = new Map<string, ReturnType<Peer['state']>>();

  constructor(private readonly manager: Manager, private readonly local: LocalEnd, private readonly events: EventSink, private readonly log: (m: string) => void) {
    this.teps = manager.informer<TunnelEndpoint>(LIQO.tunnelendpoints, { labelSelector: TEP_CLUSTER_ID_LABEL });
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { log });
    this.teps.addHandlers(enqueueObject(this.controller.queue));
  }

  run(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => { for (const p of this.peers.values()) p.stop('the gateway is stopping'); }, { once: true });
    return this.controller.run(signal);
  }

  /** What the listener asks about a dialing cluster. */
  readonly lookup: PeerLookup = (clusterID) => {
    const peer = this.peerOf(clusterID);
    if (!peer) return { refuse: `cluster ${this.local.clusterID} has no TunnelEndpoint for cluster ${clusterID}`, code: 'unknown-peer' };
    return { publicKey: peer.config.publicKey };
  };

  peerOf(clusterID: string): Peer | undefined {
    for (const p of this.peers.values()) if (p.clusterID === clusterID) return p;
    return undefined;
  }

  private async reconcile(key: string): Promise<void> {
    const tep = this.teps.get(key);
    const peer = this.peers.get(key);
    if (!tep || tep.metadata.deletionTimestamp) {
      peer?.stop('the TunnelEndpoint is gone');
      this.peers.delete(key);
      return;
    }
    const config = toPeerConfig(tep);
    if ('invalid' in config) {
      peer?.stop('the TunnelEndpoint is invalid');
      this.peers.delete(key);
      this.events.event(tep, 'Warning', 'InvalidTunnelEndpoint', config.invalid);
      await this.writeStatus(key, { status: 'Error' });
      return;
    }
    if (peer && peer.clusterID === config.clusterID) {
      peer.update(config);
    } else {
      peer?.stop('the TunnelEndpoint now names another cluster');
      const p = new Peer(this.local, config, {
        log: this.log,
        onChange: (changed) => this.peerChanged(key, changed),
        onRefused: (_, message) => { const t = this.teps.get(key); if (t) this.events.event(t, 'Warning', 'HandshakeFailed', message); },
      });
      this.peers.set(key, p);
      p.start();
    }
    this.scheduleWrite(key);
  }

  /** Status writes are coalesced: latencies come every second. */
  private scheduleWrite(key: string, delayMs = 100): void {
    if (this.writes.has(key)) return;
    this.writes.set(key, setTimeout(() => {
      this.writes.delete(key);
      const peer = this.peers.get(key);
      if (!peer) return;
      // A loss the peer recovered from before this write still shows, then the recovery.
      const lost = this.lost.get(key);
      this.lost.delete(key);
      const state = peer.state();
      void (async () => {
        // The informer has not seen the first write yet: the second compares with what it wrote.
        const afterLoss = lost && state.status === 'Connected' ? await this.writeStatus(key, lost) : undefined;
        await this.writeStatus(key, state, afterLoss);
      })();
    }, delayMs));
  }

  /** A peer's change: a connection lost is remembered until it has been written. */
  private peerChanged(key: string, peer: Peer): void {
    const state = peer.state();
    if (state.status !== 'Connected') this.lost.set(key, state);
    this.scheduleWrite(key);
  }

  /** Writes the state unless the status says it already; resolves to the status now written. */
  private async writeStatus(key: string, state: ReturnType<Peer['state']>, current?: Connection): Promise<Connection | undefined> {
    const tep = this.teps.get(key);
    if (!tep) return undefined;
    const written = current ?? tep.status?.connection;
    const connection = connectionUpdate(written, state, new Date());
    if (!connection) return written;
    try {
      await this.manager.client.patch(LIQO.tunnelendpoints, tep.metadata.namespace ?? '', tep.metadata.name ?? '', { status: { connection } }, 'merge', { subresource: 'status' });
      return connection;
    } catch (err) {
      if (isStatusError(err) && err.code === 404) return undefined;
      this.log(`tunnel: status of ${key}: ${errorText(err)} (retrying)`);
      this.scheduleWrite(key, 1000);
      return undefined;
    }
  }
}

function listen(server: Server, address: string): Promise<void> {
  const { host, port } = parseBindAddress(address);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => resolve());
  });
}

export interface PeerDirectory {
  lookup: PeerLookup;
  peerOf(clusterID: string): Peer | undefined;
}

/** Accepts peer gateways: the handshake, then the session goes to the peer it authenticated as. */
export function gatewayServer(local: LocalEnd, tunnels: PeerDirectory, log: (m: string) => void): Server {
  return createServer((socket) => {
    const channel = new Channel(socket);
    acceptHandshake(channel, local, tunnels.lookup).then(
      (est) => {
        const peer = tunnels.peerOf(est.peerID);
        if (peer) peer.adopt(est);
        else channel.close(new Error('the TunnelEndpoint is gone'), { type: 'close', reason: 'the TunnelEndpoint is gone' });
      },
      (err: unknown) => log(`refused a connection from ${socket.remoteAddress ?? '?'}: ${errorText(err)}`),
    );
  });
}

export async function runGateway(c: Component, flags: GatewayFlags): Promise<void> {
  const identity = await retry('reading the cluster identity', c.log, () => readClusterIdentity(c.client, c.namespace));
  const keys = await retry('reading the gateway keys', c.log, () => ensureGatewayKeys(c.client, c.namespace));
  const local: LocalEnd = { clusterID: identity.clusterID, instance: randomBytes(8).toString('hex'), privateKey: keys.privateKey };
  const manager = new Manager(c.client, c.log);
  const tunnels = new TunnelController(manager, local, manager.events('liqo-gateway'), c.log);
  manager.add(tunnels);
  const abort = new AbortController();
  await retry('starting the tunnel controller', c.log, () => manager.start(abort.signal));
  const server = gatewayServer(local, tunnels, c.log);
  await listen(server, flags.listenAddress);
  c.onStop(async () => {
    abort.abort();
    await new Promise<void>((r) => server.close(() => r()));
  });
  c.log(`gateway of cluster ${identity.clusterName} listening on ${flags.listenAddress}, public key ${keys.publicKey}`);
  c.setReady(true);
}
