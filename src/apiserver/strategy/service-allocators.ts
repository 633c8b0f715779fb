// ClusterIP and NodePort allocation. Allocations are derived from the Services already stored
// (kube keeps a separate bitmap; deriving keeps one source of truth and survives restarts).
import type { MVCCStore } from '../../storage/mvcc.js';
import { StatusError } from '../../machinery/errors.js';

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function parseCIDR(cidr: string): { base: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(ipToInt(ip!) / size) * size, size };
}

/** The first usable address of a subnet: the `kubernetes` Service's ClusterIP (10.96.0.1). */
export function firstIP(cidr: string): string {
  return intToIp(parseCIDR(cidr).base + 1);
}

function usedServiceValues(store: MVCCStore, pick: (spec: Record<string, unknown>) => unknown[]): Set<string> {
  const used = new Set<string>();
  for (const s of store.list('/core/services/')) {
    for (const v of pick((s.object.spec ?? {}) as Record<string, unknown>)) used.add(String(v));
  }
  return used;
}

export function allocateClusterIP(store: MVCCStore, serviceSubnet: string): string {
  const { base, size } = parseCIDR(serviceSubnet);
  const used = usedServiceValues(store, (spec) => [spec.clusterIP]);
  // Random start like kube's allocator, so deleted-and-recreated services get new IPs.
  const start = 2 + Math.floor(Math.random() * Math.max(1, size - 3));
  for (let i = 0; i < size - 3; i++) {
    const candidate = intToIp(base + 2 + ((start - 2 + i) % (size - 3)));
    if (!used.has(candidate)) return candidate;
  }
  throw new StatusError(500, 'InternalError', `Internal error occurred: failed to allocate a serviceIP: range is full`);
}

export function allocateNodePort(store: MVCCStore): number {
  const used = usedServiceValues(store, (spec) =>
    (Array.isArray(spec.ports) ? spec.ports : []).map((p) => (p as Record<string, unknown>).nodePort));
  const start = 30000 + Math.floor(Math.random() * 2768);
  for (let i = 0; i < 2768; i++) {
    const port = 30000 + ((start - 30000 + i) % 2768);
    if (!used.has(String(port))) return port;
  }
  throw new StatusError(500, 'InternalError', 'Internal error occurred: failed to allocate a nodePort: range is full');
}
