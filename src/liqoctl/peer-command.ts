// `liqoctl generate peer-command`: run on a provider, prints the command a consumer runs to peer
// with it: its name, the auth service's URL, its cluster ID and its auth token. The URL follows
// liqoctl: override annotations first; a LoadBalancer's ingress (port 443); a NodePort on the
// first non-virtual node's best address; https always.
import type { Node, Secret, Service } from '../api/core-v1.js';
import type { Client } from '../client/rest-client.js';
import { CORE } from '../client/resource.js';
import { AUTH_SERVICE, AUTH_TOKEN_SECRET, OVERRIDE_ADDRESS_ANNOTATION, OVERRIDE_PORT_ANNOTATION } from '../liqo/consts.js';
import { tokenOf } from '../liqo/auth/token.js';
import { readClusterIdentity } from '../liqo/identity.js';
import type { Printer } from './output.js';

const VIRTUAL_NODE_LABEL = 'liqo.io/type';
const ADDRESS_PREFERENCE = ['ExternalDNS', 'ExternalIP', 'InternalDNS', 'InternalIP'];

function nodeAddress(nodes: Node[]): string {
  const node = nodes.find((n) => n.metadata.labels?.[VIRTUAL_NODE_LABEL] !== 'virtual-node');
  if (!node) throw new Error('no node to expose the auth service through its NodePort');
  for (const type of ADDRESS_PREFERENCE) {
    const a = node.status?.addresses?.find((x) => x.type === type);
    if (a) return a.address;
  }
  throw new Error(`node ${node.metadata.name} has no address`);
}

/** The auth service's URL as peers reach it. */
export function forgeAuthURL(svc: Service, nodes: Node[]): string {
  const annotations = svc.metadata.annotations ?? {};
  const port = svc.spec.ports?.[0];
  let host = annotations[OVERRIDE_ADDRESS_ANNOTATION]?.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  let portText = annotations[OVERRIDE_PORT_ANNOTATION];
  const type = svc.spec.type ?? 'ClusterIP';
  if (type === 'LoadBalancer') {
    const ingress = ((svc as { status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } }).status?.loadBalancer?.ingress ?? [])[0];
    host ??= ingress?.hostname || ingress?.ip;
    if (!host) throw new Error('no valid external IP for LoadBalancer Service');
    portText ??= String(port?.port ?? 443);
  } else if (type === 'NodePort') {
    host ??= nodeAddress(nodes);
    portText ??= String(port?.nodePort ?? '');
  } else if (!host || !portText) {
    throw new Error(`you cannot expose the Auth Service with a ${type} Service. Set the ${OVERRIDE_ADDRESS_ANNOTATION} and ${OVERRIDE_PORT_ANNOTATION} annotations, or use a NodePort or LoadBalancer Service`);
  }
  return portText === '443' ? `https://${host}` : `https://${host}:${portText}`;
}

export async function peerCommand(client: Client, namespace: string): Promise<string> {
  const token = tokenOf(await client.get<Secret>(CORE.secrets, namespace, AUTH_TOKEN_SECRET));
  if (!token) throw new Error(`secret ${namespace}/${AUTH_TOKEN_SECRET} holds no token`);
  const id = await readClusterIdentity(client, namespace);
  const svc = await client.get<Service>(CORE.services, namespace, AUTH_SERVICE);
  const url = forgeAuthURL(svc, (await client.list<Node>(CORE.nodes)).items);
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
