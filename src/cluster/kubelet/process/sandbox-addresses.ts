// Loopback addresses for process pods (ADR 0009). A pod's network is its own address in 127/8
// (Linux routes all of it to lo): 127.<port / 256>.<port % 256>.<n> where port is the cluster's
// API server port, unique on the host while the cluster runs, and n (1-254) is handed to one
// running pod at a time. So two clusters never share an address, and a pod's address is free
// again once it stopped. Pure bookkeeping.

import { clusterLoopbackPrefix } from '../../../machinery/loopback.js';

/** The cluster's loopback /24 (machinery/loopback.ts); its nodes hold .255. */
export const sandboxPrefix = clusterLoopbackPrefix;

export class SandboxAddresses {
  private readonly byPod = new Map<string, number>();
  private readonly used = new Set<number>();
  private cursor = 1;

  constructor(private readonly prefix: string) {}

  /** The pod's address (the same while it holds one), the next free one after the last given. */
  allocate(uid: string): string {
    const held = this.byPod.get(uid);
    if (held !== undefined) return `${this.prefix}.${held}`;
    for (let i = 0; i < 254; i++) {
      const n = ((this.cursor - 1 + i) % 254) + 1;
      if (this.used.has(n)) continue;
      this.used.add(n);
      this.byPod.set(uid, n);
      this.cursor = (n % 254) + 1;
      return `${this.prefix}.${n}`;
    }
    throw new Error(`no free sandbox address left in ${this.prefix}.0/24: at most 254 process pods run at once`);
  }

  release(uid: string): void {
    const n = this.byPod.get(uid);
    if (n === undefined) return;
    this.byPod.delete(uid);
    this.used.delete(n);
  }
}
