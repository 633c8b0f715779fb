// slowStartBatch of kube-controller-manager's ReplicaSet controller: calls fn `count` times in
// batches of 1, 2, 4, ... (each batch concurrently). A batch with a failure ends the run after the
// whole batch settled, so a quota or admission error costs a handful of calls, not thousands, while
// a healthy burst of 500 creations needs only 9 round trips of latency.

export interface SlowStartResult { successes: number; error?: unknown }

export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: size }, () => fn()));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += size - failures.length;
    if (failures.length > 0) return { successes, error: failures[0]!.reason };
    remaining -= size;
  }
  return { successes };
}
