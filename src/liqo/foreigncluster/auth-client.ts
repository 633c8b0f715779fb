// The consumer side of the auth service's API: `GET /ids` (the remote identity, to complete a
// ForeignCluster that has only an auth URL) and `POST /identity/certificate` (an identity for this
// cluster). The service's certificate is self-signed: TLS is not verified when the
// ForeignCluster says so (insecureSkipTLSVerify, the default), as Liqo does.
import { request } from 'node:https';
import { createCertificateRequest } from '../../machinery/pki.js';
import type { ClusterIdentity } from '../identity.js';
import type { RemoteIdentity } from '../peering/identity-secret.js';

export interface AuthReply { status: number; body: string }

function call(url: string, method: string, body: unknown, verifyTLS: boolean, timeoutMs = 10_000): Promise<AuthReply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, {
      method, rejectUnauthorized: verifyTLS, timeout: timeoutMs,
      headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) } : {},
    }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export async function fetchRemoteIdentity(authURL: string, verifyTLS: boolean): Promise<ClusterIdentity> {
  const r = await call(`${authURL.replace(/\/+$/, '')}/ids`, 'GET', undefined, verifyTLS);
  if (r.status !== 200) throw new Error(`GET /ids answered ${r.status}: ${r.body.slice(0, 200)}`);
  const ids = JSON.parse(r.body) as { clusterId?: string; clusterName?: string };
  if (!ids.clusterId) throw new Error('GET /ids answered no clusterId');
  return { clusterID: ids.clusterId, clusterName: ids.clusterName ?? '' };
}

export type IdentityOutcome =
  | { ok: true; identity: RemoteIdentity }
  | { ok: false; status: number; body: string };

/** Asks the provider for an identity; a refusal is an outcome (401/403), a failure throws. */
export async function requestIdentity(authURL: string, verifyTLS: boolean, local: ClusterIdentity, ownToken: string, remoteToken: string): Promise<IdentityOutcome> {
  const { csr, key } = await createCertificateRequest({ user: local.clusterID, groups: ['liqo.io'] });
  const r = await call(`${authURL.replace(/\/+$/, '')}/identity/certificate`, 'POST', {
    cluster: local, originClusterToken: ownToken, destinationClusterToken: remoteToken, certificateSigningRequest: Buffer.from(csr).toString('base64'),
  }, verifyTLS);
  if (r.status !== 202 && r.status !== 200) return { ok: false, status: r.status, body: r.body };
  const a = JSON.parse(r.body) as { namespace: string; certificate: string; apiServerUrl: string; apiServerCA: string };
  const b64 = (s: string) => Buffer.from(s ?? '', 'base64').toString('utf8');
  return { ok: true, identity: { privateKey: key, certificate: b64(a.certificate), apiServerUrl: a.apiServerUrl, apiServerCa: b64(a.apiServerCA), namespace: a.namespace } };
}
