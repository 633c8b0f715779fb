// Calls one webhook over HTTPS: resolves clientConfig (a URL, or a Service through its Endpoints,
// as kube-apiserver does when cluster IPs are not routable), trusts only caBundle when given, and
// enforces timeoutSeconds as a deadline on the whole exchange. Failures are reported in the words
// of kube's Go client, since users search for those.
import { Agent, request } from 'node:https';
import { isIP } from 'node:net';
import type { WebhookClientConfig } from '../../../api/admissionregistration.js';
import type { MVCCStore } from '../../../storage/mvcc.js';

/** Where a call goes: `url` is what messages show; host/port is where the connection goes. */
export interface WebhookTarget {
  url: string;
  host: string;
  port: number;
  servername?: string;
  ca?: string;
}

/** kube's ErrCallingWebhook: subject to failurePolicy. */
export class WebhookCallError extends Error {}

const MAX_RESPONSE_BYTES = 3 * 1024 * 1024;
const agents = new Map<string, Agent>();

function agentFor(target: WebhookTarget): Agent {
  const key = `${target.host}:${target.port}|${target.servername ?? ''}|${target.ca ?? ''}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 64, ...(target.ca ? { ca: target.ca } : {}), ...(target.servername ? { servername: target.servername } : {}) });
    agents.set(key, agent);
  }
  return agent;
}

interface ServicePort { name?: string; port?: number; targetPort?: number | string }
interface EndpointSubset {
  addresses?: { ip: string }[];
  ports?: { name?: string; port: number }[];
}

function serviceEndpoint(store: MVCCStore, namespace: string, name: string, port: number): { host: string; port: number } {
  const svc = store.get(`/core/services/${namespace}/${name}`);
  if (!svc) throw new WebhookCallError(`service "${name}" not found`);
  const ports = ((svc.object.spec as { ports?: ServicePort[] } | undefined)?.ports) ?? [];
  const svcPort = ports.find((p) => p.port === port);
  if (!svcPort) throw new WebhookCallError(`no service port ${port} found for service "${name}"`);
  const ep = store.get(`/core/endpoints/${namespace}/${name}`);
  const subsets = ((ep?.object as { subsets?: EndpointSubset[] } | undefined)?.subsets) ?? [];
  for (const subset of subsets) {
    const epPort = (subset.ports ?? []).find((p) => (p.name ?? '') === (svcPort.name ?? ''));
    const addresses = subset.addresses ?? [];
    if (!epPort || addresses.length === 0) continue;
    const address = addresses[Math.floor(Math.random() * addresses.length)]!;
    return { host: address.ip, port: epPort.port };
  }
  throw new WebhookCallError(`no endpoints available for service "${name}"`);
}

function decodeCA(caBundle: string | undefined): string | undefined {
  if (!caBundle) return undefined;
  return Buffer.from(caBundle, 'base64').toString('utf8');
}

/**
 * Where a webhook call goes. A Service's endpoint that is a process pod (ADR 0009) is dialled at
 * the pod's loopback address (podAddress), still verified under the Service's DNS name.
 */
export function resolveTarget(
  config: WebhookClientConfig, timeoutSeconds: number, store: MVCCStore, podAddress?: (podIP: string) => string | undefined,
): WebhookTarget {
  const ca = decodeCA(config.caBundle);
  const timeout = `timeout=${timeoutSeconds}s`;
  if (config.url) {
    const u = new URL(config.url);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    u.search = timeout;
    const port = u.port ? Number(u.port) : 443;
    return { url: u.toString(), host, port, ...(isIP(host) ? {} : { servername: host }), ...(ca ? { ca } : {}) };
  }
  const svc = config.service!;
  const port = svc.port ?? 443;
  const dnsName = `${svc.name}.${svc.namespace}.svc`;
  const url = `https://${dnsName}:${port}${svc.path ?? ''}?${timeout}`;
  try {
    const ep = serviceEndpoint(store, svc.namespace, svc.name, port);
    return { url, host: podAddress?.(ep.host) ?? ep.host, port: ep.port, servername: dnsName, ...(ca ? { ca } : {}) };
  } catch (err) {
    throw new WebhookCallError(`failed to call webhook: Post "${url}": ${(err as Error).message}`);
  }
}

/** Node's network and TLS errors in the wording of Go's net/http and crypto/tls. */
function describe(err: NodeJS.ErrnoException, target: WebhookTarget): string {
  const addr = `${target.host}:${target.port}`;
  switch (err.code) {
    case 'ECONNREFUSED': return `dial tcp ${addr}: connect: connection refused`;
    case 'ECONNRESET': return 'EOF';
    case 'ENOTFOUND': case 'EAI_AGAIN': return `dial tcp: lookup ${target.host}: no such host`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE': case 'SELF_SIGNED_CERT_IN_CHAIN': case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
    case 'CERT_HAS_EXPIRED': return 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID': return `tls: failed to verify certificate: x509: ${err.message}`;
    default: return err.message;
  }
}

/** POSTs the review and returns the parsed JSON body, or throws a WebhookCallError. */
export function postReview(target: WebhookTarget, body: unknown, timeoutSeconds: number): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  const u = new URL(target.url);
  const fail = (reason: string) => new WebhookCallError(`failed to call webhook: Post "${target.url}": ${reason}`);
  return new Promise((resolve, reject) => {
    const req = request({
      host: target.host, port: target.port, path: `${u.pathname}${u.search}`, method: 'POST', agent: agentFor(target),
      headers: { 'content-type': 'application/json', accept: 'application/json, */*', 'content-length': payload.length },
    });
    const deadline = setTimeout(() => req.destroy(Object.assign(new Error('context deadline exceeded'), { code: 'DEADLINE' })), timeoutSeconds * 1000);
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      reject(fail(describe(err, target)));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) req.destroy(new Error(`the webhook response is larger than ${MAX_RESPONSE_BYTES} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(deadline);
        const text = Buffer.concat(chunks).toString('utf8');
        const code = res.statusCode ?? 0;
        if (code < 200 || code > 299) {
          reject(fail(`the server responded with the status code ${code} but did not return more information`));
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch (err) {
          reject(new WebhookCallError(`received invalid webhook response: ${(err as Error).message}`));
        }
      });
    });
    req.end(payload);
  });
}
