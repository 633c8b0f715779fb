// MVCCStore on LMDB (through the `lmdb` package). Writes are applied to the in-memory state at
// once and persisted by group commit: every write of one event-loop turn goes into one LMDB
// transaction with the new global revision (lmdb's batched async writes), and `durable()`
// resolves once that transaction is on disk. The API server acknowledges a write and shows it to
// remote watchers only after that, so an acknowledged write survives kill -9 (and, with durability
// 'fsync', power loss), while one fsync serves a whole batch. A read may see a write up to one
// batch before it is durable (ADR 0002 addendum). The whole current state is held in memory,
// indexed per resource, so reads never touch the disk; history lives in the WatchWindow only.
import { open, type Database, type RootDatabase } from 'lmdb';
import type { KubeObject } from '../api/types.js';
import {
  KeyExistsError, KeyNotFoundError, RevisionConflictError,
  type MVCCStore, type StoreEvent, type StoredObject, type WatchListener,
} from './mvcc.js';
import { WatchWindow } from './watch-window.js';
import { ResourceIndex } from './resource-index.js';

interface Row { c: number; m: number; j: string }

export interface LmdbStoreOptions {
  path: string;
  /** 'fsync' (default) survives power loss; 'os' survives process crashes only and is faster. */
  durability?: 'fsync' | 'os';
  /** Number of events retained for watches and paginated lists. */
  windowSize?: number;
}

interface Watcher { prefix: string; listener: WatchListener }

const REVISION_KEY = 'revision';

export class LmdbStore implements MVCCStore {
  private readonly root: RootDatabase;
  private readonly objects: Database<Row, string>;
  private readonly meta: Database<number, string>;
  private readonly index = new ResourceIndex();
  private readonly window: WatchWindow;
  private readonly watchers = new Set<Watcher>();
  private rev: number;
  /** The commit of the newest batch; resolves when every write so far is on disk. */
  private flushing: Promise<unknown> = Promise.resolve();
  private failure: Error | undefined;
  private readonly sync: boolean;

  constructor(opts: LmdbStoreOptions) {
    this.sync = opts.durability !== 'os';
    this.root = open({ path: opts.path, noSync: !this.sync, compression: false });
    this.objects = this.root.openDB<Row, string>({ name: 'objects' });
    this.meta = this.root.openDB<number, string>({ name: 'meta' });
    this.rev = this.meta.get(REVISION_KEY) ?? 0;
    for (const { key, value } of this.objects.getRange()) {
      const object = JSON.parse(value.j) as KubeObject;
      this.index.set({ key, createRevision: value.c, modRevision: value.m, object, json: value.j });
    }
    this.window = new WatchWindow(opts.windowSize ?? 10_000, this.rev);
  }

  revision(): number { return this.rev; }
  oldestRevision(): number { return this.window.oldestRevision(); }
  get(key: string): StoredObject | undefined { return this.index.get(key); }
  list(prefix: string): StoredObject[] { return this.index.list(prefix); }
  count(prefix: string): number { return this.index.count(prefix); }

  listAt(prefix: string, revision: number): StoredObject[] {
    if (revision >= this.rev) return this.list(prefix);
    const undo = this.window.since(revision).filter((e) => e.key.startsWith(prefix));
    if (undo.length === 0) return this.list(prefix);
    const state = new Map(this.list(prefix).map((o) => [o.key, o]));
    for (let i = undo.length - 1; i >= 0; i--) {
      const e = undo[i]!;
      if (e.prev) state.set(e.key, e.prev);
      else state.delete(e.key);
    }
    return [...state.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  create(key: string, object: KubeObject): StoredObject {
    if (this.index.get(key)) throw new KeyExistsError(key);
    const stored = this.commit(key, object, undefined);
    this.publish({ type: 'ADDED', revision: stored.modRevision, key, current: stored });
    return stored;
  }

  update(key: string, object: KubeObject, expectedRevision?: number): StoredObject {
    const prev = this.index.get(key);
    if (!prev) throw new KeyNotFoundError(key);
    if (expectedRevision !== undefined && expectedRevision !== prev.modRevision) {
      throw new RevisionConflictError(key, expectedRevision, prev.modRevision);
    }
    const stored = this.commit(key, object, prev);
    this.publish({ type: 'MODIFIED', revision: stored.modRevision, key, current: stored, prev });
    return stored;
  }

  delete(key: string, expectedRevision?: number): StoredObject {
    const prev = this.index.get(key);
    if (!prev) throw new KeyNotFoundError(key);
    if (expectedRevision !== undefined && expectedRevision !== prev.modRevision) {
      throw new RevisionConflictError(key, expectedRevision, prev.modRevision);
    }
    const revision = this.rev + 1;
    this.persist(this.objects.remove(key), revision);
    this.rev = revision;
    this.index.delete(key);
    const last = withResourceVersion(prev.object, revision);
    const current: StoredObject = { ...prev, modRevision: revision, object: last, json: JSON.stringify(last) };
    this.publish({ type: 'DELETED', revision, key, current, prev });
    return current;
  }

  watch(prefix: string, fromRevision: number, listener: WatchListener): () => void {
    const backlog = this.window.since(fromRevision);
    for (const event of backlog) if (event.key.startsWith(prefix)) listener(event);
    const watcher: Watcher = { prefix, listener };
    this.watchers.add(watcher);
    return () => { this.watchers.delete(watcher); };
  }

  async durable(): Promise<void> {
    await this.flushing;
    if (this.failure) throw this.failure;
    // Committed survives a crash of this process; flushed (fsync'd) survives power loss too.
    if (this.sync) await this.root.flushed;
  }

  async close(): Promise<void> {
    this.watchers.clear();
    await this.flushing.catch(() => {});
    await this.root.close();
  }

  /** Queues a write and the revision in the current batch; a failed batch fails the store. */
  private persist(write: Promise<unknown>, revision: number): void {
    write.catch(() => {});
    this.flushing = this.meta.put(REVISION_KEY, revision).catch((err: unknown) => {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
    });
  }

  private commit(key: string, object: KubeObject, prev: StoredObject | undefined): StoredObject {
    const revision = this.rev + 1;
    const stamped = withResourceVersion(object, revision);
    const json = JSON.stringify(stamped);
    const createRevision = prev?.createRevision ?? revision;
    if (this.failure) throw this.failure;
    this.persist(this.objects.put(key, { c: createRevision, m: revision, j: json }), revision);
    this.rev = revision;
    const stored: StoredObject = { key, createRevision, modRevision: revision, object: stamped, json };
    this.index.set(stored);
    return stored;
  }

  private publish(event: StoreEvent): void {
    this.window.push(event);
    for (const w of this.watchers) {
      if (event.key.startsWith(w.prefix)) w.listener(event);
    }
  }
}

function withResourceVersion(object: KubeObject, revision: number): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } };
}
