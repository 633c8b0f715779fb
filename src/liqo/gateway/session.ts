// One authenticated connection between two gateways, after the handshake: both sides ping every
// PING_INTERVAL_MS and answer the other's pings, so each measures the round-trip latency itself;
// a connection that stays silent for DEAD_AFTER_MS is dead (the peer's host went away without
// closing it). A side that closes a session says why, so the other can tell a session it dropped
// for a better one (two gateways dialing each other at once) from a failure.
import { performance } from 'node:perf_hooks';
import type { Frame } from './channel.js';
import type { Established } from './handshake.js';

export const PING_INTERVAL_MS = 1000;
export const DEAD_AFTER_MS = 5000;

export interface SessionHandlers {
  onLatency(session: Session, ms: number): void;
  /** `superseded`: the peer (or we) closed it in favour of another session between the same pair. */
  onClose(session: Session, reason: string, superseded: boolean): void;
}

export class Session {
  readonly peerID: string;
  readonly peerInstance: string;
  readonly dialer: string;
  latencyMs: number | undefined;
  private seq = 0;
  private readonly sent = new Map<number, number>();
  private lastHeard = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private peerSuperseded = false;
  private peerReason: string | undefined;

  constructor(private readonly est: Established, private readonly handlers: SessionHandlers) {
    this.peerID = est.peerID;
    this.peerInstance = est.peerInstance;
    this.dialer = est.dialer;
  }

  start(): void {
    this.est.channel.listen((f) => this.onFrame(f));
    this.est.channel.onClose((err) => this.finish(this.peerReason ?? err.message, this.peerSuperseded));
    this.ping();
    this.timer = setInterval(() => this.tick(), PING_INTERVAL_MS);
  }

  /** Ends the session, telling the peer why. */
  close(reason: string, superseded = false): void {
    if (this.ended) return;
    this.est.channel.close(new Error(reason), { type: 'close', reason, superseded });
    this.finish(reason, superseded);
  }

  private tick(): void {
    if (performance.now() - this.lastHeard > DEAD_AFTER_MS) {
      this.close(`no answer from the remote gateway for ${DEAD_AFTER_MS / 1000}s`);
      return;
    }
    this.ping();
  }

  private ping(): void {
    const seq = ++this.seq;
    this.sent.set(seq, performance.now());
    // Only recent pings can still be answered in time; forget the rest.
    for (const k of this.sent.keys()) if (k < seq - 10) this.sent.delete(k);
    this.est.channel.send({ type: 'ping', seq });
  }

  private onFrame(f: Frame): void {
    this.lastHeard = performance.now();
    if (f.type === 'ping') {
      this.est.channel.send({ type: 'pong', seq: f.seq });
    } else if (f.type === 'pong' && typeof f.seq === 'number') {
      const at = this.sent.get(f.seq);
      if (at === undefined) return;
      this.sent.delete(f.seq);
      this.latencyMs = performance.now() - at;
      this.handlers.onLatency(this, this.latencyMs);
    } else if (f.type === 'close') {
      this.peerSuperseded = f.superseded === true;
      this.peerReason = `closed by the remote gateway: ${typeof f.reason === 'string' ? f.reason : 'no reason given'}`;
    }
    // Unknown frames are ignored: a newer peer may send more.
  }

  private finish(reason: string, superseded: boolean): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    this.handlers.onClose(this, reason, superseded);
  }
}
