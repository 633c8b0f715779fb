// A shared informer (client-go's Reflector + store): lists a resource, then watches from the list's
// resourceVersion, keeping a local cache and telling handlers about adds, updates and deletes. A
// watch that ends is resumed from the last seen resourceVersion (bookmarks keep it fresh); a 410
// Expired, or a failed resume, relists and reconciles the cache against the new list, so handlers
// hear about deletions they missed. Connection failures back off up to 5 s.
import type { KubeObject, WatchEventType } from '../api/types.js';
import { isStatusError } from '../machinery/errors.js';
import type { Client, ListOptions, WatchHandle } from '../client/rest-client.js';
import type { ResourceRef } from '../client/resource.js';

export interface InformerHandlers<T extends KubeObject> {
  onAdd?(obj: T): void;
  onUpdate?(obj: T, old: T): void;
  onDelete?(obj: T): void;
}

export function objectKey(obj: KubeObject): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name}` : (name ?? '');
}

const MIN_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;

export class Informer<T extends KubeObject = KubeObject> {
  private readonly cache = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private synced = false;
  private resourceVersion = '';
  private handle: WatchHandle | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private backoff = MIN_BACKOFF_MS;
  /** Set by an ERROR event (410 Expired): the stream ends next and the cache must be relisted. */
  private expired = false;

  constructor(
    private readonly client: Client,
    private readonly ref: ResourceRef,
    private readonly opts: Omit<ListOptions, 'limit' | 'continue' | 'resourceVersion'> = {},
    handlers?: InformerHandlers<T>,
  ) {
    if (handlers) this.handlers.push(handlers);
  }

  /**
   * Adds handlers; when the cache is already synced they first hear an add for every cached
   * object, as client-go's AddEventHandler replays the store to late subscribers.
   */
  addHandlers(h: InformerHandlers<T>): void {
    this.handlers.push(h);
    if (this.synced) for (const obj of this.cache.values()) h.onAdd?.(obj);
  }

  /** Resolves once the first list is in the cache (client-go's WaitForCacheSync). */
  async start(): Promise<void> {
    await this.relist();
    this.synced = true;
    this.watch();
  }

  hasSynced(): boolean {
    return this.synced;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.handle?.stop();
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  private async relist(): Promise<void> {
    const list = await this.client.list<T>(this.ref, this.opts);
    const fresh = new Map(list.items.map((o) => [objectKey(o), o]));
    for (const [key, old] of this.cache) {
      if (!fresh.has(key)) {
        this.cache.delete(key);
        this.emitDelete(old);
      }
    }
    for (const [key, obj] of fresh) this.apply('MODIFIED', obj, key);
    this.resourceVersion = list.metadata.resourceVersion ?? '';
  }

  private apply(type: WatchEventType, obj: T, key = objectKey(obj)): void {
    const old = this.cache.get(key);
    if (type === 'DELETED') {
      // The event's object is the final state, its resourceVersion the deletion's (as client-go
      // hands it to OnDelete); read-your-writes fences wait for that revision.
      this.cache.delete(key);
      this.emitDelete(obj);
      return;
    }
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    this.cache.set(key, obj);
    for (const h of this.handlers) {
      if (old) h.onUpdate?.(obj, old);
      else h.onAdd?.(obj);
    }
  }

  private emitDelete(obj: T): void {
    for (const h of this.handlers) h.onDelete?.(obj);
  }

  private watch(): void {
    if (this.stopped) return;
    this.handle = this.client.watch(this.ref, { ...this.opts, resourceVersion: this.resourceVersion, allowWatchBookmarks: true }, (type, obj) => {
      this.backoff = MIN_BACKOFF_MS;
      if (type === 'ERROR') {
        this.expired = true;
        return;
      }
      if (obj.metadata.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
      if (type !== 'BOOKMARK') this.apply(type, obj as T);
    }, (err) => this.resume(err));
  }

  /** After a watch ends: resume from the last resourceVersion, or relist if it expired or failed. */
  private resume(err?: Error): void {
    if (this.stopped) return;
    const relist = this.expired || err !== undefined;
    this.expired = false;
    const retryable = err !== undefined && !(isStatusError(err) && err.code === 410);
    const delay = retryable ? this.backoff : 0;
    if (retryable) this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.timer = setTimeout(() => {
      (relist ? this.relist() : Promise.resolve()).then(
        () => this.watch(),
        (e: unknown) => this.resume(e instanceof Error ? e : new Error(String(e))),
      );
    }, delay);
  }
}
