// The framing of the gateway protocol: one JSON object per line over a TCP socket. During the
// handshake frames are pulled one at a time (receive, with a deadline); once a session runs they
// are pushed to a listener. A frame longer than MAX_FRAME_BYTES, or one that is not a JSON object
// with a string `type`, ends the connection: a peer speaking something else is not a peer.
import type { Socket } from 'node:net';

export const MAX_FRAME_BYTES = 16 * 1024;
const MAX_QUEUED_FRAMES = 16;

export interface Frame {
  type: string;
  [key: string]: unknown;
}

export class ChannelClosed extends Error {}

type Waiter = { resolve: (f: Frame) => void; reject: (e: Error) => void };

export class Channel {
  private buffer = '';
  private readonly queue: Frame[] = [];
  private waiter: Waiter | undefined;
  private listener: ((f: Frame) => void) | undefined;
  private closedWith: Error | undefined;
  private readonly closeHandlers: ((err: Error) => void)[] = [];

  constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new ChannelClosed('connection closed by the peer')));
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  send(frame: Frame): void {
    if (!this.closed) this.socket.write(`${JSON.stringify(frame)}\n`);
  }

  /** The next frame; rejects when the connection ends or nothing comes within `timeoutMs`. */
  receive(timeoutMs: number): Promise<Frame> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no answer from the peer within ${timeoutMs / 1000}s`));
      }, timeoutMs);
      this.waiter = {
        resolve: (f) => { clearTimeout(timer); resolve(f); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
    });
  }

  /** From now on every frame goes to `fn` (queued ones first). */
  listen(fn: (f: Frame) => void): void {
    this.listener = fn;
    for (let f = this.queue.shift(); f; f = this.queue.shift()) fn(f);
  }

  onClose(fn: (err: Error) => void): void {
    if (this.closedWith) fn(this.closedWith);
    else this.closeHandlers.push(fn);
  }

  /** Sends a last frame (if any), then ends the connection. */
  close(reason: Error, last?: Frame): void {
    if (this.closed) return;
    if (last) this.socket.write(`${JSON.stringify(last)}\n`);
    this.fail(reason);
    this.socket.end();
    // A peer that never reads must not keep the socket forever.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0 && !this.closed; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      this.deliver(line);
    }
    if (Buffer.byteLength(this.buffer) > MAX_FRAME_BYTES) this.abort('frame too long');
  }

  private deliver(line: string): void {
    if (line.length > MAX_FRAME_BYTES) return this.abort('frame too long');
    let frame: unknown;
    try {
      frame = JSON.parse(line);
    } catch {
      return this.abort('not a liqo-ts gateway frame');
    }
    if (typeof frame !== 'object' || frame === null || typeof (frame as Frame).type !== 'string') return this.abort('not a liqo-ts gateway frame');
    if (this.listener) return this.listener(frame as Frame);
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve(frame as Frame);
      return;
    }
    if (this.queue.length >= MAX_QUEUED_FRAMES) return this.abort('too many frames before the handshake ended');
    this.queue.push(frame as Frame);
  }

  private abort(why: string): void {
    this.fail(new Error(`protocol error: ${why}`));
    this.socket.destroy();
  }

  private fail(err: Error): void {
    if (this.closedWith) return;
    this.closedWith = err;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.reject(err);
    }
    for (const fn of this.closeHandlers.splice(0)) fn(err);
  }
}
