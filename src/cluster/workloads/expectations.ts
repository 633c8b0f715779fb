// client-go's ControllerExpectations (with UIDTrackingControllerExpectations' deletion tracking), as
// the ReplicaSet controller uses them: before creating n pods a controller expects n creations;
// the informer's add events count them off. Until they are all observed (or EXPECTATIONS_TIMEOUT
// passes, for a create the watch will never report), the controller does not create or delete
// again, so a cache that lags behind its own writes never causes double creation. Deletions are
// tracked per pod key, so a pod seen first with a deletionTimestamp and then gone counts once.
import { EXPECTATIONS_TIMEOUT_MS } from './constants.js';

interface Expectation {
  add: number;
  del: number;
  /** Pod keys whose deletion is still expected. */
  deleting: Set<string>;
  setAt: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly now: () => number = Date.now, private readonly timeoutMs = EXPECTATIONS_TIMEOUT_MS) {}

  /** Replaces the key's expectations with n creations. */
  expectCreations(key: string, n: number): void {
    this.byKey.set(key, { add: n, del: 0, deleting: new Set(), setAt: this.now() });
  }

  /** Replaces the key's expectations with the deletion of these pods. */
  expectDeletions(key: string, podKeys: string[]): void {
    this.byKey.set(key, { add: 0, del: podKeys.length, deleting: new Set(podKeys), setAt: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    const e = this.byKey.get(key);
    if (e?.deleting.delete(podKey)) e.del--;
  }

  /** True when nothing is pending for the key: no record, all observed, or expired. */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.setAt > this.timeoutMs;
  }

  /** What is still expected, for logs and tests. */
  pending(key: string): { add: number; del: number } | undefined {
    const e = this.byKey.get(key);
    return e && { add: e.add, del: e.del };
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }
}
