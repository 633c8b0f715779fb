// The manager (controller-runtime's): owns one API client, the shared informers every controller
// reads from (one per resource and selector, however many controllers watch it), and the start
// and stop of every runnable. Start waits for every cache to be filled before any controller
// runs, so reconcilers never act on a partial view; an AbortSignal stops everything.
import { setMaxListeners } from 'node:events';
import type { KubeObject } from '../api/types.js';
import type { Client, ListOptions } from '../client/rest-client.js';
import type { ResourceRef } from '../client/resource.js';
import type { Logger } from './controller.js';
import { EventRecorder, type EventSink } from './events.js';
import { SpamFilteredEvents } from './event-spam-filter.js';
import { Informer } from './informer.js';

export interface Runnable {
  readonly name: string;
  /** Runs until the signal aborts; caches are synced when it is called. */
  run(signal: AbortSignal): Promise<void> | void;
  /** Resolves once the runnable has done what must precede readiness (e.g. node registration). */
  ready?(): Promise<void>;
}

type InformerOptions = Omit<ListOptions, 'limit' | 'continue' | 'resourceVersion'>;

export class Manager {
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private readonly runnables: Runnable[] = [];
  private running: Promise<unknown> | undefined;

  constructor(readonly client: Client, readonly log: Logger = () => {}) {}

  /** The shared informer of a resource (and selectors); created on first use. */
  informer<T extends KubeObject>(ref: ResourceRef, opts: InformerOptions = {}): Informer<T> {
    const key = JSON.stringify([ref.group, ref.version, ref.resource, opts.namespace ?? '', opts.labelSelector ?? '', opts.fieldSelector ?? '']);
    let inf = this.informers.get(key);
    if (!inf) this.informers.set(key, (inf = new Informer(this.client, ref, opts)));
    return inf as unknown as Informer<T>;
  }

  /** A component's event recorder, behind client-go's per-object spam filter. */
  events(component: string, host?: string): EventSink {
    return new SpamFilteredEvents(new EventRecorder(this.client, { component, host }, this.log));
  }

  add(r: Runnable): void {
    this.runnables.push(r);
  }

  /** Fills every cache, then starts every runnable; resolves once all of them run and are ready. */
  async start(signal: AbortSignal): Promise<void> {
    // Every runnable and informer listens for the one abort: no leak, so no listener limit.
    setMaxListeners(0, signal);
    const informers = [...this.informers.values()];
    await Promise.all(informers.map((i) => i.start()));
    signal.addEventListener('abort', () => { for (const i of informers) i.stop(); }, { once: true });
    this.running = Promise.all(this.runnables.map(async (r) => {
      try {
        await r.run(signal);
      } catch (err) {
        this.log(`${r.name}: stopped: ${err instanceof Error ? err.message : String(err)}`);
      }
    }));
    await Promise.all(this.runnables.map((r) => r.ready?.()));
  }

  /** Resolves when every runnable has returned (after the signal aborted). */
  async wait(): Promise<void> {
    await this.running;
  }
}
