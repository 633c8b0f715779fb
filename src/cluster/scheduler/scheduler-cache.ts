// The scheduler's cache (kube-scheduler's internal cache): pods by node, fed by the pod informer,
// plus pods it has *assumed* onto a node while their binding is in flight, so the next decision
// already counts them. An assumed pod is confirmed when the informer shows it bound, and dropped
// when its binding fails. Per-node pod lists are rebuilt only when that node changes.
import type { Pod } from '../../api/core-v1.js';
import { objectKey } from '../../runtime/informer.js';

export class SchedulerCache {
  private readonly byNode = new Map<string, Map<string, Pod>>();
  private readonly nodeOf = new Map<string, string>();
  private readonly assumed = new Set<string>();
  private readonly lists = new Map<string, Pod[]>();

  /** The informer saw a pod (added, updated) or lost it (undefined). */
  observe(key: string, pod: Pod | undefined): void {
    const node = pod?.spec.nodeName;
    if (pod && !node && this.assumed.has(key)) return; // binding not yet observed: keep the assumption
    this.assumed.delete(key);
    this.remove(key);
    if (pod && node) this.put(key, node, pod);
  }

  assume(pod: Pod, node: string): void {
    const key = objectKey(pod);
    this.remove(key);
    this.assumed.add(key);
    this.put(key, node, { ...pod, spec: { ...pod.spec, nodeName: node } });
  }

  forget(key: string): void {
    if (!this.assumed.delete(key)) return;
    this.remove(key);
  }

  isAssumed(key: string): boolean {
    return this.assumed.has(key);
  }

  /** Pods on each node, as the pure scheduler's snapshot wants them. */
  podsByNode(): Map<string, Pod[]> {
    const view = new Map<string, Pod[]>();
    for (const node of this.byNode.keys()) view.set(node, this.podsOn(node));
    return view;
  }

  podsOn(node: string): Pod[] {
    let list = this.lists.get(node);
    if (!list) this.lists.set(node, (list = [...(this.byNode.get(node)?.values() ?? [])]));
    return list;
  }

  private put(key: string, node: string, pod: Pod): void {
    let m = this.byNode.get(node);
    if (!m) this.byNode.set(node, (m = new Map()));
    m.set(key, pod);
    this.nodeOf.set(key, node);
    this.lists.delete(node);
  }

  private remove(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    this.byNode.get(node)?.delete(key);
    this.lists.delete(node);
  }
}
