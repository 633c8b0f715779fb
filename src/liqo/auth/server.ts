// The authentication service (`liqo-auth`): HTTPS with a self-signed certificate, as Liqo's, on
// which peers learn this cluster's identity (`GET /ids`) and, with the peering issue, ask for an
// identity (`POST /identity/certificate`, identity.ts). It keeps the cluster's auth token in existence.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCertificateAuthority, createServingCertificate } from '../../machinery/pki.js';
import { CORE } from '../../client/resource.js';
import { Informer } from '../../runtime/informer.js';
import type { Secret } from '../../api/core-v1.js';
import { AUTH_TOKEN_SECRET } from '../consts.js';
import { retry, parseBindAddress, type Component } from '../component.js';
import { readClusterIdentity, type ClusterIdentity } from '../identity.js';
import { ensureAuthToken } from './token.js';
import { AuthError, issueIdentity, parseIdentityRequest } from './identity.js';
import type { Client } from '../../client/rest-client.js';
import { isStatusError } from '../../machinery/errors.js';

export interface AuthFlags { address: string; apiServerAddress?: string }

function sendJSON(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function readJSON(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1 << 20) reject(new AuthError(400, 'request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new AuthError(400, 'the request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** Liqo's error mapping: ours as given, Kubernetes errors 403, anything else 500. */
function failure(res: ServerResponse, err: unknown, log: (m: string) => void): void {
  const code = err instanceof AuthError ? err.code : isStatusError(err) ? 403 : 500;
  const message = err instanceof Error ? err.message : String(err);
  log(`identity request refused (${code}): ${message}`);
  res.writeHead(code, { 'Content-Type': 'text/plain' }).end(message);
}

export interface AuthContext { identity: ClusterIdentity; client: Client; namespace: string; log: (m: string) => void; apiServerOverride?: string }

export function handleAuthRequest(ctx: AuthContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/ids' && req.method === 'GET') return sendJSON(res, 200, { clusterId: ctx.identity.clusterID, clusterName: ctx.identity.clusterName });
    if (path === '/identity/certificate' && req.method === 'POST') {
      void (async () => {
        const body = parseIdentityRequest(await readJSON(req));
        const ownToken = await ensureAuthToken(ctx.client, ctx.namespace);
        const issued = await issueIdentity(ctx.client, body, { ownToken, liqoNamespace: ctx.namespace, apiServerOverride: ctx.apiServerOverride });
        ctx.log(`identity issued to cluster ${body.cluster.clusterName || body.cluster.clusterID} (${body.cluster.clusterID}) in namespace ${issued.namespace}`);
        sendJSON(res, 202, issued);
      })().catch((err: unknown) => failure(res, err, ctx.log));
      return;
    }
    sendJSON(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `the path ${path} is not served`, reason: 'NotFound', code: 404 });
  };
}

async function servingCertificate(): Promise<{ cert: string; key: string }> {
  const ca = await createCertificateAuthority({ commonName: 'liqo-auth-ca' });
  const serving = await createServingCertificate(ca, { ips: ['127.0.0.1'], dnsNames: ['liqo-auth', 'localhost'] });
  return { cert: `${serving.cert.trimEnd()}\n${ca.cert.trimEnd()}\n`, key: serving.key };
}

export async function runAuth(c: Component, flags: AuthFlags): Promise<void> {
  const identity = await retry('reading the cluster identity', c.log, () => readClusterIdentity(c.client, c.namespace));
  await retry('ensuring the auth token', c.log, () => ensureAuthToken(c.client, c.namespace));
  // A deleted token Secret comes back at once, with a new token.
  const secrets = new Informer<Secret>(c.client, CORE.secrets, { namespace: c.namespace, fieldSelector: `metadata.name=${AUTH_TOKEN_SECRET}` }, {
    onDelete: () => void retry('re-creating the auth token', c.log, () => ensureAuthToken(c.client, c.namespace)),
  });
  await secrets.start();
  c.onStop(() => secrets.stop());
  const { cert, key } = await servingCertificate();
  const server: Server = createServer({ cert, key }, handleAuthRequest({ identity, client: c.client, namespace: c.namespace, log: c.log, apiServerOverride: flags.apiServerAddress }));
  const { host, port } = parseBindAddress(flags.address);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => resolve());
  });
  c.onStop(() => new Promise<void>((r) => server.close(() => r())));
  c.log(`auth service of cluster ${identity.clusterName} (${identity.clusterID}) listening on ${flags.address}`);
  c.setReady(true);
}
