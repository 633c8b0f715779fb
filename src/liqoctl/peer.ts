// `liqoctl peer out-of-band <name>`, `liqoctl peer <name>`, `liqoctl unpeer [out-of-band] <name>`
// (reference §2.4, §2.5): write the remote token and the ForeignCluster, then follow the
// controllers' conditions through liqoctl's waits, each a spinner resolving into its line.
import type { Node, Secret } from '../api/core-v1.js';
import type { Client } from '../client/rest-client.js';
import { CORE } from '../client/resource.js';
import type { ForeignCluster, PeeringConditionStatus, PeeringConditionType } from '../liqo/apis/discovery.js';
import { LIQO, LIQO_API_VERSIONS } from '../liqo/apis/resources.js';
import { CLUSTER_ID_LABEL, REMOTE_CLUSTER_ID_LABEL, REMOTE_TOKEN_LABEL, remoteTokenSecretName } from '../liqo/consts.js';
import { readClusterIdentity } from '../liqo/identity.js';
import { isStatusError } from '../machinery/errors.js';
import { deleteIfExists, getIfExists } from '../client/if-exists.js';
import { pollUntil } from './objects.js';
import type { Printer } from './output.js';

export interface PeerFlags { namespace: string; timeout: number; authUrl: string; clusterId: string; authToken: string }

const TERMINAL_REASONS = new Set(['ClusterIDMismatch', 'LocalCluster', 'ClusterIDRepetition']);

function condition(fc: ForeignCluster | undefined, type: PeeringConditionType): { status: PeeringConditionStatus; message: string } {
  const c = fc?.status?.peeringConditions?.find((x) => x.type === type);
  return { status: c?.status ?? 'None', message: c?.message ?? '' };
}

async function ensureRemoteToken(client: Client, namespace: string, clusterID: string, token: string): Promise<void> {
  const name = remoteTokenSecretName(clusterID);
  const secret: Secret = {
    apiVersion: 'v1', kind: 'Secret',
    metadata: { name, namespace, labels: { [CLUSTER_ID_LABEL]: clusterID, [REMOTE_TOKEN_LABEL]: '' } },
    data: { token: Buffer.from(token).toString('base64') },
  };
  try {
    await client.create(CORE.secrets, secret);
  } catch (err) {
    if (!isStatusError(err) || err.code !== 409) throw err;
    await client.patch(CORE.secrets, namespace, name, { metadata: { labels: secret.metadata.labels }, data: secret.data });
  }
}

async function foreignClusterByID(client: Client, clusterID: string): Promise<ForeignCluster | undefined> {
  return (await client.list<ForeignCluster>(LIQO.foreignclusters, { labelSelector: `${CLUSTER_ID_LABEL}=${clusterID}` })).items[0];
}

/** Creates or updates the ForeignCluster of an out-of-band peering; resolves to its name. */
async function ensureForeignCluster(client: Client, name: string, flags: PeerFlags): Promise<string> {
  const existing = await foreignClusterByID(client, flags.clusterId) ?? await getIfExists<ForeignCluster>(client, LIQO.foreignclusters, '', name);
  if (existing && existing.spec.clusterIdentity?.clusterID && existing.spec.clusterIdentity.clusterID !== flags.clusterId) {
    throw new Error(`a ForeignCluster named "${name}" already exists for cluster ID ${existing.spec.clusterIdentity.clusterID}`);
  }
  if (existing?.spec.peeringType === 'InBand') throw new Error(`a peering of type InBand already exists towards remote cluster "${name}", cannot be changed to OutOfBand`);
  const spec = {
    peeringType: 'OutOfBand', foreignAuthUrl: flags.authUrl, foreignProxyUrl: '', outgoingPeeringEnabled: 'Yes',
    clusterIdentity: { clusterID: flags.clusterId, clusterName: existing?.spec.clusterIdentity?.clusterName || name },
    incomingPeeringEnabled: existing?.spec.incomingPeeringEnabled || 'Auto',
    insecureSkipTLSVerify: existing?.spec.insecureSkipTLSVerify ?? true,
  };
  if (existing) {
    const fcName = existing.metadata.name ?? name;
    await client.patch(LIQO.foreignclusters, '', fcName, { metadata: { labels: { [CLUSTER_ID_LABEL]: flags.clusterId } }, spec });
    // A failed earlier attempt (a wrong token, say) must not answer for this one: the controller
    // authenticates again with what was just written and sets the condition anew.
    const conditions = existing.status?.peeringConditions ?? [];
    if (conditions.some((c) => c.type === 'AuthenticationStatus' && c.status !== 'Established')) {
      await client.patch(LIQO.foreignclusters, '', fcName, { status: { peeringConditions: conditions.filter((c) => c.type !== 'AuthenticationStatus') } }, 'merge', { subresource: 'status' });
    }
    return fcName;
  }
  await client.create<ForeignCluster>(LIQO.foreignclusters, {
    apiVersion: LIQO_API_VERSIONS.discovery, kind: 'ForeignCluster',
    metadata: { name, labels: { [CLUSTER_ID_LABEL]: flags.clusterId } }, spec: spec as ForeignCluster['spec'],
  });
  return name;
}

/** Waits for one condition; terminal refusals fail at once, with the controller's message. */
async function waitCondition(client: Client, name: string, type: PeeringConditionType, want: PeeringConditionStatus, deadline: number): Promise<void> {
  let last = '';
  try {
    await pollUntil(deadline, async () => {
      const fc = await getIfExists<ForeignCluster>(client, LIQO.foreignclusters, '', name);
      const c = condition(fc, type);
      last = c.message;
      if (c.status === want) return true;
      if (c.status === 'Denied' || c.status === 'EmptyDenied') throw new Error(c.message);
      // Mistakes that waiting cannot mend: a wrong cluster ID, peering with ourselves, a duplicate.
      const fatal = fc?.status?.peeringConditions?.find((x) => x.status === 'Error' && TERMINAL_REASONS.has(x.reason ?? ''));
      if (fatal) throw new Error(fatal.message ?? fatal.reason);
      return false;
    });
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(last && msg === 'timed out waiting for the condition' ? `${msg} (${last})` : msg);
  }
}

async function waitNode(client: Client, clusterID: string, deadline: number): Promise<void> {
  await pollUntil(deadline, async () => {
    const nodes = (await client.list<Node>(CORE.nodes, { labelSelector: `${REMOTE_CLUSTER_ID_LABEL}=${clusterID}` })).items;
    return nodes.some((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  });
}

async function peeringWaits(client: Client, name: string, clusterID: string, timeout: number, p: Printer): Promise<void> {
  const deadline = Date.now() + timeout;
  const stage = async (text: string, done: string, failed: string, fn: () => Promise<void>) => {
    try {
      await p.step(text, done, fn);
    } catch (err) {
      throw new Error(`${failed}: ${(err as Error).message}`);
    }
  };
  await stage(`Waiting for authentication to the cluster "${name}"`, `Authenticated to cluster "${name}"`, `Authentication to the remote cluster "${name}" failed`,
    () => waitCondition(client, name, 'AuthenticationStatus', 'Established', deadline));
  await stage(`Activating outgoing peering to the remote cluster "${name}"`, `Outgoing peering activated to the remote cluster "${name}"`, `Failed activating outgoing peering to the remote cluster "${name}"`,
    () => waitCondition(client, name, 'OutgoingPeering', 'Established', deadline));
  await stage(`Waiting for network to the remote cluster "${name}"`, `Network established to the remote cluster "${name}"`, `Failed establishing network to the remote cluster "${name}"`,
    () => waitCondition(client, name, 'NetworkStatus', 'Established', deadline));
  await stage(`Waiting for node to be created for the remote cluster "${name}"`, `Node created for remote cluster "${name}"`, `Failed waiting for node to be created for remote cluster "${name}"`,
    () => waitNode(client, clusterID, deadline));
  p.success('Peering successfully established');
}

export async function peerOutOfBand(client: Client, name: string, flags: PeerFlags, p: Printer): Promise<void> {
  const fcName = await p.step('Processing cluster peering', 'Peering enabled', async () => {
    try {
      const local = await readClusterIdentity(client, flags.namespace);
      if (local.clusterID === flags.clusterId) throw new Error('the Cluster ID of the remote cluster is the same of that of the local cluster');
      await ensureRemoteToken(client, flags.namespace, flags.clusterId, flags.authToken);
      return await ensureForeignCluster(client, name, flags);
    } catch (err) {
      throw new Error(`Failed peering clusters: ${(err as Error).message}`);
    }
  });
  await peeringWaits(client, fcName, flags.clusterId, flags.timeout, p);
}

async function getForeignCluster(client: Client, name: string, failure: string): Promise<ForeignCluster> {
  try {
    return await client.get<ForeignCluster>(LIQO.foreignclusters, '', name);
  } catch (err) {
    throw new Error(`${failure}: ${(err as Error).message}`);
  }
}

/** `liqoctl peer <name>`: enables the outgoing peering of a known ForeignCluster. */
export async function peer(client: Client, name: string, timeout: number, p: Printer): Promise<void> {
  const fc = await p.step('Processing cluster peering', 'Peering enabled', async () => {
    const fc = await getForeignCluster(client, name, 'Failed peering clusters');
    await client.patch(LIQO.foreignclusters, '', name, { spec: { outgoingPeeringEnabled: 'Yes' } });
    return fc;
  });
  await peeringWaits(client, name, fc.spec.clusterIdentity?.clusterID ?? '', timeout, p);
}

export async function unpeer(client: Client, name: string, timeout: number, outOfBand: boolean, p: Printer): Promise<void> {
  await p.step('Processing cluster unpeering', 'Outgoing peering marked as disabled', async () => {
    const fc = await getForeignCluster(client, name, 'Failed unpeering clusters');
    if (outOfBand && (fc.spec.peeringType ?? 'OutOfBand') !== 'OutOfBand') {
      throw new Error(`Failed unpeering clusters: the peering type towards remote cluster "${name}" is ${fc.spec.peeringType}, expected OutOfBand`);
    }
    await client.patch(LIQO.foreignclusters, '', name, { spec: { outgoingPeeringEnabled: 'No' } });
  });
  const deadline = Date.now() + timeout;
  await p.step(`Disabling outgoing peering to the remote cluster "${name}"`, `Successfully disabled outgoing peering to the remote cluster "${name}"`,
    () => waitCondition(client, name, 'OutgoingPeering', 'None', deadline));
  if (!outOfBand) return;
  p.spin('Removing the foreign cluster resource');
  const fc = await getIfExists<ForeignCluster>(client, LIQO.foreignclusters, '', name);
  if (fc && condition(fc, 'IncomingPeering').status !== 'None') {
    p.warn('The foreign cluster resource was not removed, as an incoming peering is still active');
    p.warn(`Issue the unpeer command on the remote cluster "${name}" to disable it`);
    return;
  }
  if (fc) await deleteIfExists(client, LIQO.foreignclusters, '', name);
  p.info('Foreign cluster resource successfully removed');
}
