// The gateway: the endpoint of the cross-cluster tunnels. It listens for peer gateways on its
// port; the authenticated connections and their status (TunnelEndpoint) come with peering
// (issue 6), so today a peer that connects is told so and the connection closed.
import { createServer } from 'node:net';
import { parseBindAddress, type Component } from '../component.js';

export interface GatewayFlags { listenAddress: string }

export async function runGateway(c: Component, flags: GatewayFlags): Promise<void> {
  const server = createServer((socket) => socket.end('liqo-gateway: no peering configured\n'));
  const { host, port } = parseBindAddress(flags.listenAddress);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => resolve());
  });
  c.onStop(() => new Promise<void>((r) => server.close(() => r())));
  c.log(`gateway listening on ${flags.listenAddress}`);
  c.setReady(true);
}
