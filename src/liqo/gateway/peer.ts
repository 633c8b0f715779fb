// One remote cluster as the gateway sees it (one per TunnelEndpoint): the session with its gateway,
// the dialing with back-off while there is none, and the state the TunnelEndpoint reports.
//
// Both gateways of a peering dial while they have no session, so two sessions may come up at
// once; both sides keep the one dialed by the cluster with the smaller ID and close the other as
// superseded, so they agree without talking about it. A session from a new instance of the peer
// (its gateway restarted) replaces the old one, whose end the peer can no longer announce.
//
// State: Connected while a session is up; Connecting until the first one (a peer that does not
// know us yet is still being set up); Error once a session was lost, or a handshake failed on a
// key (wrong key: refused, never trusted).
import { connect, type Socket } from 'node:net';
import type { KeyObject } from 'node:crypto';
import { Channel } from './channel.js';
import type { PeerState } from './connection-status.js';
import { dialHandshake, HandshakeRefused, HANDSHAKE_TIMEOUT_MS, type Established, type LocalEnd } from './handshake.js';
import { Session } from './session.js';

export interface PeerConfig {
  clusterID: string;
  clusterName: string;
  host: string;
  port: number;
  publicKey: KeyObject;
  /** The key as the TunnelEndpoint holds it, to tell a change. */
  rawKey: string;
}

export interface PeerDeps {
  log(msg: string): void;
  /** Called whenever the state or the latency may have changed. */
  onChange(peer: Peer): void;
  /** A handshake failure worth an event (wrong key, protocol). */
  onRefused?(peer: Peer, message: string): void;
}

export const DIAL_BACKOFF = { initialMs: 250, maxMs: 4000 };
/** How long a session closed as superseded waits for the one that replaces it before it counts as lost. */
export const SUPERSEDED_GRACE_MS = 2000;

export class Peer {
  private current: Session | undefined;
  private everConnected = false;
  private failedOnKey = false;
  private backoffMs = DIAL_BACKOFF.initialMs;
  private timer: NodeJS.Timeout | undefined;
  private graceUntil = 0;
  private dialing = false;
  private stopped = false;

  constructor(private readonly local: LocalEnd, public config: PeerConfig, private readonly deps: PeerDeps) {}

  get clusterID(): string {
    return this.config.clusterID;
  }

  state(now = Date.now()): PeerState {
    if (this.current) return { status: 'Connected', latencyMs: this.current.latencyMs };
    if (now < this.graceUntil) return { status: 'Connected' };
    return { status: this.everConnected || this.failedOnKey ? 'Error' : 'Connecting' };
  }

  start(): void {
    this.scheduleDial(0);
  }

  /** A TunnelEndpoint change: a new key invalidates the session authenticated with the old one. */
  update(config: PeerConfig): void {
    const keyChanged = config.rawKey !== this.config.rawKey;
    const endpointChanged = config.host !== this.config.host || config.port !== this.config.port;
    this.config = config;
    if (!keyChanged && !endpointChanged) return;
    this.failedOnKey = false;
    this.backoffMs = DIAL_BACKOFF.initialMs;
    if (keyChanged) this.current?.close('the key of the remote gateway changed');
    if (!this.current) this.scheduleDial(0);
  }

  stop(reason: string): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.current?.close(reason);
  }

  /** A session that passed the handshake, dialed by either side: keep it or the current one. */
  adopt(est: Established): void {
    const s = new Session(est, {
      onLatency: () => this.deps.onChange(this),
      onClose: (session, reason, superseded) => this.onSessionClosed(session, reason, superseded),
    });
    if (this.stopped) return s.close('the TunnelEndpoint is gone');
    const cur = this.current;
    if (cur && cur.peerInstance === s.peerInstance && !(this.preferred(s) && !this.preferred(cur))) {
      return s.close('a connection between these gateways already exists', true);
    }
    this.current = s;
    this.everConnected = true;
    this.failedOnKey = false;
    this.graceUntil = 0;
    this.backoffMs = DIAL_BACKOFF.initialMs;
    clearTimeout(this.timer);
    s.start();
    if (cur) cur.close(cur.peerInstance === s.peerInstance ? 'superseded by the connection the other cluster dialed' : 'the remote gateway restarted', cur.peerInstance === s.peerInstance);
    else this.deps.log(`connected to cluster ${this.config.clusterName} (${this.config.host}:${this.config.port}, dialed by ${s.dialer === this.local.clusterID ? 'this cluster' : 'the peer'})`);
    this.deps.onChange(this);
  }

  /** The tie-break both sides apply: the session dialed by the smaller cluster ID wins. */
  private preferred(s: Session): boolean {
    return s.dialer === (this.local.clusterID < this.clusterID ? this.local.clusterID : this.clusterID);
  }

  private onSessionClosed(session: Session, reason: string, superseded: boolean): void {
    if (session !== this.current) return;
    this.current = undefined;
    if (this.stopped) return;
    if (superseded) {
      // The peer keeps another session between us: it is on its way here.
      this.graceUntil = Date.now() + SUPERSEDED_GRACE_MS;
      this.scheduleDial(SUPERSEDED_GRACE_MS);
      setTimeout(() => this.deps.onChange(this), SUPERSEDED_GRACE_MS + 10).unref();
    } else {
      this.deps.log(`connection to cluster ${this.config.clusterName} lost: ${reason}`);
      this.scheduleDial(0);
    }
    this.deps.onChange(this);
  }

  private scheduleDial(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.dial(), delayMs);
  }

  private async dial(): Promise<void> {
    if (this.stopped || this.current || this.dialing) return;
    this.dialing = true;
    const { host, port, clusterID, publicKey } = this.config;
    try {
      const socket = await openSocket(host, port);
      const est = await dialHandshake(new Channel(socket), this.local, { clusterID, publicKey });
      this.adopt(est);
    } catch (err) {
      this.onDialFailed(err as Error);
    } finally {
      this.dialing = false;
    }
  }

  private onDialFailed(err: Error): void {
    if (this.current || this.stopped) return;
    const onKey = err instanceof HandshakeRefused && err.code !== 'unknown-peer';
    if (onKey && !this.failedOnKey) {
      this.deps.log(`cluster ${this.config.clusterName}: ${err.message}`);
      this.deps.onRefused?.(this, err.message);
    }
    if (onKey !== this.failedOnKey) {
      this.failedOnKey = onKey;
      this.deps.onChange(this);
    }
    const jitter = 0.8 + Math.random() * 0.4;
    this.scheduleDial(Math.round(this.backoffMs * jitter));
    this.backoffMs = Math.min(this.backoffMs * 2, DIAL_BACKOFF.maxMs);
  }
}

function openSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`dial ${host}:${port}: timed out`));
    }, HANDSHAKE_TIMEOUT_MS);
    socket.once('connect', () => { clearTimeout(timer); socket.removeAllListeners('error'); resolve(socket); });
    socket.once('error', (err) => { clearTimeout(timer); reject(new Error(`dial ${host}:${port}: ${err.message}`)); });
  });
}
