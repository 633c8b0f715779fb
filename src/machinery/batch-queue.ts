// A work queue of keys for level-based reconcilers: keys added while a batch is pending are
// coalesced, and each batch runs on the next turn of the event loop, after the write that
// triggered it has returned to its caller. Failures are logged per key; the next change retries.
export class BatchQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;

  constructor(private readonly name: string, private readonly reconcile: (key: string) => Promise<void>) {}

  add(key: string): void {
    this.pending.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const keys = [...this.pending];
      this.pending.clear();
      for (const k of keys) this.reconcile(k).catch((err: unknown) => console.error(`${this.name} ${k}:`, err));
    });
  }
}
