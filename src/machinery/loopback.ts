// The loopback addresses of a local cluster: its /24 in 127/8 is 127.<port / 256>.<port % 256>,
// from its API server port, unique on the host while the cluster runs (Linux routes all of 127/8
// to lo). Process pods take .1-.254 (ADR 0009); the cluster's nodes share .255, so NodePorts of
// different clusters never compete for one address, as kind's nodes each have their own IP.

export function clusterLoopbackPrefix(apiPort: number): string {
  return `127.${Math.floor(apiPort / 256) % 256}.${apiPort % 256}`;
}

export function nodeAddress(apiPort: number): string {
  return `${clusterLoopbackPrefix(apiPort)}.255`;
}
