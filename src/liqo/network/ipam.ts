// Liqo's IPAM, as far as the network manager needs it: reserve the cluster's own networks and
// hand out networks from the pools by best fit. Pools are tried in order; within the first pool
// that can hold the request, the smallest free block that fits wins (lowest address on a tie) and
// the request takes its start. That is go-ipam's choice, and it is what makes the tutorial's
// numbers come out: pod CIDR 10.200.0.0/16 reserved, the external CIDR is 10.201.0.0/16, and remote
// clusters on the same pod CIDR are remapped to 10.202.0.0/16, 10.204.0.0/16, ...
import { formatCidr, parseIPv4Cidr, type IPv4Cidr } from '../../machinery/cidr.js';

export const DEFAULT_POOLS = ['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12'];

function size(c: IPv4Cidr): number {
  return 2 ** (32 - c.prefix);
}

function overlaps(a: IPv4Cidr, b: IPv4Cidr): boolean {
  return a.network < b.network + size(b) && b.network < a.network + size(a);
}

function contains(outer: IPv4Cidr, inner: IPv4Cidr): boolean {
  return outer.prefix <= inner.prefix && inner.network >= outer.network && inner.network + size(inner) <= outer.network + size(outer);
}

/** The largest blocks of `block` that no used network touches. */
function freeBlocks(block: IPv4Cidr, used: readonly IPv4Cidr[]): IPv4Cidr[] {
  const touching = used.filter((u) => overlaps(block, u));
  if (touching.length === 0) return [block];
  if (touching.some((u) => contains(u, block)) || block.prefix === 32) return [];
  const half = size(block) / 2;
  const prefix = block.prefix + 1;
  return [
    ...freeBlocks({ network: block.network, prefix }, touching),
    ...freeBlocks({ network: block.network + half, prefix }, touching),
  ];
}

export function mustParseCidr(text: string): IPv4Cidr {
  const cidr = parseIPv4Cidr(text);
  if (!cidr) throw new Error(`invalid CIDR address: ${text}`);
  return cidr;
}

/** `10.90.0.0/12` -> `10.80.0.0/12`: the network address of a CIDR whose host bits are set. */
export function normalizeCidr(text: string): string {
  return formatCidr(mustParseCidr(text));
}

export class Ipam {
  private readonly used: IPv4Cidr[] = [];
  private readonly pools: IPv4Cidr[];

  constructor(pools: readonly string[] = DEFAULT_POOLS, used: readonly string[] = []) {
    this.pools = pools.map(mustParseCidr);
    for (const u of used) this.used.push(mustParseCidr(u));
  }

  /** Marks a network as taken; false when it overlaps one already taken. */
  reserve(text: string): boolean {
    const cidr = mustParseCidr(text);
    if (this.used.some((u) => overlaps(u, cidr))) return false;
    this.used.push(cidr);
    return true;
  }

  /** Takes a free network of the given prefix length; undefined when the pools are exhausted. */
  allocate(prefix: number): string | undefined {
    for (const pool of this.pools) {
      const fits = freeBlocks(pool, this.used).filter((b) => b.prefix <= prefix);
      if (fits.length === 0) continue;
      const best = fits.reduce((a, b) => (b.prefix > a.prefix ? b : a));
      const got = { network: best.network, prefix };
      this.used.push(got);
      return formatCidr(got);
    }
    return undefined;
  }

  /** The network itself when free, else a substitute of the same size (remapping). */
  reserveOrRemap(text: string): { cidr: string; remapped: boolean } | undefined {
    if (this.reserve(text)) return { cidr: normalizeCidr(text), remapped: false };
    const other = this.allocate(mustParseCidr(text).prefix);
    return other ? { cidr: other, remapped: true } : undefined;
  }

  usedNetworks(): string[] {
    return this.used.map(formatCidr);
  }
}
