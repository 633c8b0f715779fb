// `liqoctl generate peer-command`: run on a provider, prints the command a consumer runs to peer
// with it: its name, the auth service's URL (liqo/auth/auth-url.ts), its cluster ID and its token.
import type { Secret } from '../api/core-v1.js';
import type { Client } from '../client/rest-client.js';
import { CORE } from '../client/resource.js';
import { AUTH_TOKEN_SECRET } from '../liqo/consts.js';
import { authURL } from '../liqo/auth/auth-url.js';
import { tokenOf } from '../liqo/auth/token.js';
import { readClusterIdentity } from '../liqo/identity.js';
import type { Printer } from './output.js';

export async function peerCommand(client: Client, namespace: string): Promise<string> {
  const token = tokenOf(await client.get<Secret>(CORE.secrets, namespace, AUTH_TOKEN_SECRET));
  if (!token) throw new Error(`secret ${namespace}/${AUTH_TOKEN_SECRET} holds no token`);
  const id = await readClusterIdentity(client, namespace);
  const url = await authURL(client, namespace);
  return `liqoctl peer out-of-band ${id.clusterName || id.clusterID} --auth-url ${url} --cluster-id ${id.clusterID} --auth-token ${token}`;
}

export async function generatePeerCommand(client: Client, namespace: string, onlyCommand: boolean, p: Printer, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  let command: string;
  try {
    command = onlyCommand ? await peerCommand(client, namespace) : await p.step('Retrieving peering information', 'Peering information correctly retrieved', () => peerCommand(client, namespace));
  } catch (err) {
    throw new Error(`Failed to retrieve peering information: ${(err as Error).message}`);
  }
  if (onlyCommand) {
    out.write(`${command}\n`);
    return;
  }
  out.write(`\nExecute this command on a *different* cluster to enable an outgoing peering with the current cluster:\n\n${command}\n`);
}
