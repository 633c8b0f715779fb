// Read-your-writes for reconcilers that read from an informer: after a controller writes objects
// for a key, the key is not reconciled again until the informer has seen an event at least as new
// as the write (resourceVersions are the store's global revision, so they compare as numbers).
// This is what client-go's ControllerExpectations and the EndpointSlice tracker guard against:
// acting twice on a stale cache (two slices for one Service, a second pod for one node). It
// deliberately does not work across informers: fence the informer the writes land in.
import type { KubeObject } from '../api/types.js';
import type { InformerHandlers } from './informer.js';

export class CacheFence {
  private seen = 0;
  private readonly waits = new Map<string, number>();

  /** Feed every object the informer delivers (add, update and delete). */
  observe(obj: KubeObject): void {
    const rv = Number(obj.metadata.resourceVersion);
    if (Number.isFinite(rv) && rv > this.seen) this.seen = rv;
  }

  /** Informer handlers that observe every object delivered; add them before the enqueueing ones. */
  observer(): InformerHandlers<KubeObject> {
    const observe = (obj: KubeObject) => this.observe(obj);
    return { onAdd: observe, onUpdate: observe, onDelete: observe };
  }

  /** Records that `written` (a write's response) must be in the cache before `key` runs again. */
  wrote(key: string, written: unknown): void {
    const rv = Number((written as KubeObject | undefined)?.metadata?.resourceVersion);
    if (!Number.isFinite(rv)) return;
    if (rv > (this.waits.get(key) ?? 0)) this.waits.set(key, rv);
  }

  /** Whether the cache holds everything written for `key` so far. */
  caughtUp(key: string): boolean {
    const want = this.waits.get(key);
    if (want === undefined) return true;
    if (this.seen < want) return false;
    this.waits.delete(key);
    return true;
  }

  forget(key: string): void {
    this.waits.delete(key);
  }
}

/** How long a reconciler waits before looking again at a key whose cache has not caught up. */
export const FENCE_RETRY_MS = 20;
