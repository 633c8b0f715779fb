// A bounded, in-memory history of store events (the watch cache). Watches and paginated lists
// can start from any revision still inside the window; older ones get TooOldError, which the API
// turns into 410 Gone, exactly as kube-apiserver does once etcd has compacted a revision.
import { TooOldError, type StoreEvent } from './mvcc.js';

export class WatchWindow {
  private readonly events: StoreEvent[] = [];
  private head = 0; // index of the oldest retained event
  /** Every event with revision > start is retained. */
  private start: number;

  constructor(private readonly capacity: number, startRevision: number) {
    this.start = startRevision;
  }

  oldestRevision(): number {
    return this.start;
  }

  push(event: StoreEvent): void {
    this.events.push(event);
    if (this.events.length - this.head > this.capacity) {
      this.start = this.events[this.head]!.revision;
      this.head++;
      if (this.head > 4096 && this.head * 2 > this.events.length) {
        this.events.splice(0, this.head);
        this.head = 0;
      }
    }
  }

  /** Events with revision > from, oldest first; throws when the window no longer reaches back. */
  since(from: number): StoreEvent[] {
    if (from < this.start) throw new TooOldError(from, this.start);
    let lo = this.head;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid]!.revision <= from) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }
}
