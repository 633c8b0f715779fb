// The URL peers reach this cluster's auth service at, as liqoctl computes it from the liqo-auth
// Service: override annotations first; a LoadBalancer's ingress (port 443); a NodePort on the
// first non-virtual node's best address; https always. liqoctl's peer command and the
// ResourceRequests (the consumer's own auth URL) use it.
import type { Node, Service } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { AUTH_SERVICE, OVERRIDE_ADDRESS_ANNOTATION, OVERRIDE_PORT_ANNOTATION } from '../consts.js';

const VIRTUAL_NODE_LABEL = 'liqo.io/type';
const ADDRESS_PREFERENCE = ['ExternalDNS', 'ExternalIP', 'InternalDNS', 'InternalIP'];

/** The best address of the first non-virtual node (the gateway's NodePort is reached there too). */
export function nodeAddress(nodes: Node[]): string {
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

export async function authURL(client: Client, namespace: string): Promise<string> {
  const svc = await client.get<Service>(CORE.services, namespace, AUTH_SERVICE);
  return forgeAuthURL(svc, (await client.list<Node>(CORE.nodes)).items);
}
