// IPv4 addresses and CIDRs as lkind's config needs them: parse and validate the pod/service
// subnets, find the service subnet's first address (the `kubernetes` Service, a SAN of the API
// server certificate) and tell loopback addresses apart. IPv6 is deliberately out: lkind clusters
// are single-stack IPv4, like kind's default ipFamily.

export interface IPv4Cidr {
  /** The network address as an unsigned 32-bit integer. */
  network: number;
  prefix: number;
}

/** Dotted-quad IPv4, rejecting leading zeros the way Go's net.ParseIP does. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** `a.b.c.d/n`; host bits may be set (Go's net.ParseCIDR accepts them), the network is masked. */
export function parseIPv4Cidr(text: string): IPv4Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const ip = parseIPv4(m[1]!);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32 || (m[2]!.length > 1 && m[2]!.startsWith('0'))) return undefined;
  const size = 2 ** (32 - prefix);
  return { network: ip - (ip % size), prefix };
}

export function formatCidr(cidr: IPv4Cidr): string {
  return `${formatIPv4(cidr.network)}/${cidr.prefix}`;
}

/** The first usable address of a subnet: 10.96.0.0/16 -> 10.96.0.1. */
export function firstIP(cidr: IPv4Cidr): string {
  return formatIPv4(cidr.network + (cidr.prefix >= 32 ? 0 : 1));
}

export function isLoopbackIPv4(text: string): boolean {
  const ip = parseIPv4(text);
  return ip !== undefined && Math.floor(ip / 2 ** 24) === 127;
}
