// Pod IPs of one node, from the node's pod CIDR, as the CNI's host-local IPAM hands them out:
// the network address and the gateway (.1) are never given, the next free address after the last
// one given is chosen (so a deleted pod's IP is not reused at once), and addresses already in use
// are learned from pods' status, so a restarted kubelet never hands out an IP twice.
import { formatIPv4, parseIPv4, parseIPv4Cidr } from '../../machinery/cidr.js';

export class PodIPAllocator {
  private readonly first: number;
  private readonly last: number;
  private cursor: number;
  /** ip (as number) → pod key, and back. */
  private readonly byIP = new Map<number, string>();
  private readonly byPod = new Map<string, number>();

  constructor(readonly cidr: string) {
    const c = parseIPv4Cidr(cidr);
    if (!c) throw new Error(`invalid pod CIDR "${cidr}"`);
    const size = 2 ** (32 - c.prefix);
    this.first = c.network + (size > 4 ? 2 : 0);
    this.last = c.network + size - (size > 4 ? 2 : 1);
    this.cursor = this.first;
  }

  /** Records that a pod holds ip (learned from its status). */
  observe(podKey: string, ip: string): void {
    const n = parseIPv4(ip);
    if (n === undefined || n < this.first || n > this.last) return;
    const holder = this.byIP.get(n);
    if (holder && holder !== podKey) return;
    this.release(podKey);
    this.byIP.set(n, podKey);
    this.byPod.set(podKey, n);
  }

  allocate(podKey: string): string {
    const held = this.byPod.get(podKey);
    if (held !== undefined) return formatIPv4(held);
    const span = this.last - this.first + 1;
    for (let i = 0; i < span; i++) {
      const n = this.first + ((this.cursor - this.first + i) % span);
      if (this.byIP.has(n)) continue;
      this.byIP.set(n, podKey);
      this.byPod.set(podKey, n);
      this.cursor = n + 1 > this.last ? this.first : n + 1;
      return formatIPv4(n);
    }
    throw new Error(`no free pod IP left in ${this.cidr}`);
  }

  release(podKey: string): void {
    const n = this.byPod.get(podKey);
    if (n === undefined) return;
    this.byPod.delete(podKey);
    this.byIP.delete(n);
  }

  get size(): number {
    return this.byPod.size;
  }
}
