// The in-memory current state, bucketed by resource (`/<group>/<resource>/`) so that listing one
// resource never scans the others; each bucket keeps a lazily re-sorted key list because Kubernetes
// lists are ordered by key and continue tokens resume from a key.
import type { StoredObject } from './mvcc.js';

interface Bucket { objects: Map<string, StoredObject>; sorted: string[] | undefined }

/** `/apps/deployments/ns/name` → `/apps/deployments/`. */
export function bucketOf(key: string): string {
  const second = key.indexOf('/', 1);
  const third = second < 0 ? -1 : key.indexOf('/', second + 1);
  return third < 0 ? key : key.slice(0, third + 1);
}

export class ResourceIndex {
  private readonly buckets = new Map<string, Bucket>();

  get(key: string): StoredObject | undefined {
    return this.buckets.get(bucketOf(key))?.objects.get(key);
  }

  set(stored: StoredObject): void {
    const name = bucketOf(stored.key);
    let bucket = this.buckets.get(name);
    if (!bucket) {
      bucket = { objects: new Map(), sorted: undefined };
      this.buckets.set(name, bucket);
    }
    if (!bucket.objects.has(stored.key)) bucket.sorted = undefined;
    bucket.objects.set(stored.key, stored);
  }

  delete(key: string): void {
    const bucket = this.buckets.get(bucketOf(key));
    if (bucket?.objects.delete(key)) bucket.sorted = undefined;
  }

  list(prefix: string): StoredObject[] {
    const bucket = this.buckets.get(bucketOf(prefix));
    if (!bucket) return [];
    bucket.sorted ??= [...bucket.objects.keys()].sort();
    const out: StoredObject[] = [];
    for (const key of bucket.sorted) {
      if (key.startsWith(prefix)) out.push(bucket.objects.get(key)!);
    }
    return out;
  }

  count(prefix: string): number {
    const bucket = this.buckets.get(bucketOf(prefix));
    if (!bucket) return 0;
    if (bucketOf(prefix) === prefix) return bucket.objects.size;
    let n = 0;
    for (const key of bucket.objects.keys()) if (key.startsWith(prefix)) n++;
    return n;
  }
}
