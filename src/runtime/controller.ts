// A controller in controller-runtime's shape: a work queue of keys and a reconciler that brings
// the world to the state the key's object asks for. Reconcilers are level-based and idempotent;
// they return when to look again (requeueAfter) or throw, and a thrown key is retried with
// per-key backoff. Conflicts (409) are the ordinary result of racing writers and are retried
// without a log line.
import { isStatusError } from '../machinery/errors.js';
import { WorkQueue } from './workqueue.js';

export interface Result { requeueAfter?: number }

export type ReconcileFn = (key: string) => Promise<Result | void>;

export type Logger = (msg: string) => void;

export interface ControllerOptions {
  /** Keys reconciled at once (distinct keys only: one key never runs twice concurrently). */
  workers?: number;
  log?: Logger;
}

export class Controller {
  readonly queue = new WorkQueue();

  constructor(readonly name: string, private readonly reconcile: ReconcileFn, private readonly opts: ControllerOptions = {}) {}

  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Runs the workers until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.queue.shutDown(), { once: true });
    const workers = Array.from({ length: this.opts.workers ?? 1 }, () => this.work());
    await Promise.all(workers);
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        const result = await this.reconcile(key);
        this.queue.forget(key);
        if (result?.requeueAfter !== undefined) this.queue.addAfter(key, result.requeueAfter);
      } catch (err) {
        if (!(isStatusError(err) && err.code === 409)) this.opts.log?.(`${this.name}: reconcile ${key}: ${errorText(err)}`);
        this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
