// Pure decision of the taint eviction controller (kube's NoExecuteTaintManager): a pod on a node
// with NoExecute taints it does not tolerate is evicted now; one that tolerates them all only for
// a while (tolerationSeconds) is evicted when the shortest of those runs out, counted from the
// taint's timeAdded; one that tolerates them forever stays.
import type { Pod, Taint } from '../../api/core-v1.js';
import { toleratesTaint } from '../scheduler/taints.js';

/** Epoch ms at which the pod must be evicted, or undefined if never. */
export function evictionTime(pod: Pod, taints: Taint[], now: Date): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  let at: number | undefined;
  for (const taint of noExecute) {
    const matching = (pod.spec.tolerations ?? []).filter((tol) => toleratesTaint(tol, taint));
    if (matching.length === 0) return now.getTime();
    if (matching.some((tol) => tol.tolerationSeconds === undefined || tol.tolerationSeconds === null)) continue;
    const seconds = Math.min(...matching.map((tol) => Math.max(0, tol.tolerationSeconds ?? 0)));
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : now.getTime();
    const t = added + seconds * 1000;
    at = at === undefined ? t : Math.min(at, t);
  }
  return at;
}
