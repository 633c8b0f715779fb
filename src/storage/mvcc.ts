// The storage contract of the API server, shaped after kine: one global revision that is the
// resourceVersion of everything, keys like `/apps/deployments/<ns>/<name>`, a watch that replays
// history from a revision, and named errors the API layer translates into Kubernetes Status
// objects at one boundary (apiserver/storage-errors.ts). It knows nothing of Kubernetes kinds.
import type { KubeObject } from '../api/types.js';

export interface StoredObject {
  key: string;
  createRevision: number;
  modRevision: number;
  object: KubeObject; // treat as immutable: shared with readers and the watch window
  json: string; // the object serialized once, served as-is by GET
}

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: StoreEventType;
  revision: number;
  key: string;
  /** The new state (for DELETED: the last state, with resourceVersion = the deletion revision). */
  current: StoredObject;
  /** The state before this event; undefined for ADDED. */
  prev?: StoredObject;
}

export type WatchListener = (event: StoreEvent) => void;

export interface MVCCStore {
  /** The latest committed revision. */
  revision(): number;
  /** The oldest revision a watch or a paginated list may still start from. */
  oldestRevision(): number;
  get(key: string): StoredObject | undefined;
  /** Objects whose key starts with prefix, sorted by key. */
  list(prefix: string): StoredObject[];
  /** The same list as it was at `revision` (for consistent pagination); throws TooOldError. */
  listAt(prefix: string, revision: number): StoredObject[];
  count(prefix: string): number;
  create(key: string, object: KubeObject): StoredObject;
  /** Replaces the object; `expectedRevision` makes it conditional (optimistic concurrency). */
  update(key: string, object: KubeObject, expectedRevision?: number): StoredObject;
  delete(key: string, expectedRevision?: number): StoredObject;
  /**
   * Resolves once every write made so far is on disk. Writes are applied to memory at once and
   * persisted in batches (group commit); callers acknowledge a write, or show it to a remote
   * watcher, only after this resolves.
   */
  durable(): Promise<void>;
  /** Calls listener for every event after fromRevision on keys under prefix, then live ones. */
  watch(prefix: string, fromRevision: number, listener: WatchListener): () => void;
  close(): Promise<void>;
}

export class KeyExistsError extends Error {
  constructor(readonly key: string) { super(`key exists: ${key}`); }
}
export class KeyNotFoundError extends Error {
  constructor(readonly key: string) { super(`key not found: ${key}`); }
}
export class RevisionConflictError extends Error {
  constructor(readonly key: string, readonly expected: number, readonly actual: number) {
    super(`revision conflict on ${key}: expected ${expected}, found ${actual}`);
  }
}
export class TooOldError extends Error {
  constructor(readonly requested: number, readonly oldest: number) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}
