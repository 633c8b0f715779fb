// `liqoctl status peer [name...]`: a "Peered Cluster Information" box per ForeignCluster (all of
// them, or the named ones): identity, peering type, directions, authentication with the auth
// URL, networking. It reads the ForeignClusters only; what they say is kept by the peering
// controllers (issue 6).
import type { Client } from '../client/rest-client.js';
import type { ForeignCluster } from '../liqo/apis/discovery.js';
import { LIQO } from '../liqo/apis/resources.js';
import type { Printer } from './output.js';

function condition(fc: ForeignCluster, type: string): string {
  return fc.status?.peeringConditions?.find((c) => c.type === type)?.status ?? 'None';
}

export function peerLines(fc: ForeignCluster): string[] {
  const outgoing = condition(fc, 'OutgoingPeering');
  const incoming = condition(fc, 'IncomingPeering');
  const direction = [outgoing !== 'None' && 'Outgoing', incoming !== 'None' && 'Incoming'].filter(Boolean).join(', ') || 'None';
  return [
    `${fc.metadata.name} - ${fc.spec.clusterIdentity?.clusterID ?? ''}`,
    `    Type: ${fc.spec.peeringType ?? 'OutOfBand'}`,
    `    Direction: ${direction}`,
    `        Outgoing: ${outgoing}`,
    `        Incoming: ${incoming}`,
    '    Authentication',
    `        Status: ${condition(fc, 'AuthenticationStatus')}`,
    `        Auth URL: ${fc.spec.foreignAuthUrl ?? ''}`,
    '    Network',
    `        Status: ${condition(fc, 'NetworkStatus')}`,
  ];
}

export async function statusPeer(client: Client, names: string[], p: Printer): Promise<void> {
  const all = (await client.list<ForeignCluster>(LIQO.foreignclusters)).items;
  const missing = names.filter((n) => !all.some((fc) => fc.metadata.name === n));
  if (missing.length) throw new Error(`no peering with ${missing.map((m) => `"${m}"`).join(', ')}: see kubectl get foreignclusters`);
  const shown = names.length ? all.filter((fc) => names.includes(fc.metadata.name ?? '')) : all;
  if (shown.length === 0) {
    p.info('No peered clusters: peer with one with liqoctl peer out-of-band (liqoctl generate peer-command on the other cluster)');
    return;
  }
  for (const fc of shown) p.box('Peered Cluster Information', peerLines(fc));
}
