// Identity issuance (`POST /identity/certificate`), the provider side of authentication: a
// consumer that presents this cluster's token gets a tenant namespace, a client certificate for
// the User named after its cluster ID (signed through the CertificateSigningRequest API, so the
// API server's own CA vouches for it), the basic peering permissions inside that namespace only,
// and the API server's address and CA. A second request with another CSR is refused: an identity
// is issued once.
import { timingSafeEqual } from 'node:crypto';
import type { ConfigMap, Endpoints, Secret } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { getIfExists } from '../../client/if-exists.js';
import { isStatusError } from '../../machinery/errors.js';
import { CLUSTER_ID_LABEL, PART_OF_LABEL, PART_OF_VALUE, REMOTE_CERTIFICATE_SECRET, remoteTokenSecretName, REMOTE_TOKEN_LABEL, PEERING_ROLES } from '../consts.js';
import type { ClusterIdentity } from '../identity.js';
import { ensureTenantNamespace } from '../peering/tenant.js';

export interface IdentityRequest {
  cluster: ClusterIdentity;
  originClusterToken: string;
  destinationClusterToken: string;
  /** base64 of the PEM CSR. */
  certificateSigningRequest: string;
}

export interface IdentityResponse {
  namespace: string;
  certificate: string;
  apiServerUrl: string;
  apiServerCA: string;
}

/** An answer with an HTTP code, as the auth service maps failures (401, 403, 400, 500). */
export class AuthError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

const CSRS = { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests', namespaced: false };
const ROLE_BINDINGS = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', namespaced: true };

export function parseIdentityRequest(body: unknown): IdentityRequest {
  const b = body as Partial<IdentityRequest> | null;
  if (!b || typeof b !== 'object' || !b.cluster?.clusterID || typeof b.certificateSigningRequest !== 'string') {
    throw new AuthError(400, 'invalid identity request: cluster.clusterID and certificateSigningRequest are required');
  }
  return { cluster: { clusterID: b.cluster.clusterID, clusterName: b.cluster.clusterName ?? '' }, originClusterToken: b.originClusterToken ?? '', destinationClusterToken: b.destinationClusterToken ?? '', certificateSigningRequest: b.certificateSigningRequest };
}

export function tokensMatch(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function createOrGet<T extends KubeObject>(client: Client, ref: Parameters<Client['create']>[0], obj: T): Promise<T> {
  try {
    return await client.create(ref, obj);
  } catch (err) {
    if (isStatusError(err) && err.code === 409) return client.get<T>(ref, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    throw err;
  }
}

/** Binds one peering ClusterRole to the remote cluster's User inside the tenant namespace. */
export function forgePeeringRoleBinding(namespace: string, role: string, remoteClusterID: string): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
    metadata: { name: `liqo-binding-${role}`, namespace, labels: { [CLUSTER_ID_LABEL]: remoteClusterID } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: remoteClusterID }],
  } as KubeObject;
}

async function signCertificate(client: Client, remote: ClusterIdentity, csrPem: string, timeoutMs: number): Promise<string> {
  const csr = await client.create<KubeObject & { status?: { certificate?: string; conditions?: { type: string }[] } }>(CSRS, {
    apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest',
    metadata: { generateName: 'liqo-identity-', labels: { [CLUSTER_ID_LABEL]: remote.clusterID } },
    spec: { request: Buffer.from(csrPem).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['digital signature', 'key encipherment', 'client auth'] },
  } as KubeObject);
  const name = csr.metadata.name ?? '';
  await client.update(CSRS, { ...csr, status: { conditions: [{ type: 'Approved', status: 'True', reason: 'IdentityAccepted', message: `Identity of the Liqo cluster ${remote.clusterName || remote.clusterID}` }] } } as KubeObject, 'approval');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await client.get<KubeObject & { status?: { certificate?: string; conditions?: { type: string; message?: string }[] } }>(CSRS, '', name);
    if (got.status?.certificate) return Buffer.from(got.status.certificate, 'base64').toString('utf8');
    const failed = got.status?.conditions?.find((c) => c.type === 'Failed' || c.type === 'Denied');
    if (failed) throw new AuthError(500, `the certificate for cluster ${remote.clusterID} was not issued: ${failed.message ?? failed.type}`);
    if (Date.now() > deadline) throw new AuthError(500, `timed out waiting for the certificate of cluster ${remote.clusterID}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function apiServer(client: Client, override?: string): Promise<{ url: string; ca: string }> {
  const ca = (await client.get<ConfigMap>(CORE.configmaps, 'default', 'kube-root-ca.crt')).data?.['ca.crt'] ?? '';
  if (override) return { url: override, ca };
  const ep = await client.get<Endpoints>(CORE.endpoints, 'default', 'kubernetes');
  const subset = (ep as { subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] }).subsets?.[0];
  const ip = subset?.addresses?.[0]?.ip;
  const port = subset?.ports?.[0]?.port;
  if (!ip || !port) throw new AuthError(500, 'cannot tell the API server address: the kubernetes Endpoints have none');
  return { url: `https://${ip}:${port}`, ca };
}

export interface IssueOptions { ownToken: string; liqoNamespace: string; apiServerOverride?: string; timeoutMs?: number }

export async function issueIdentity(client: Client, req: IdentityRequest, opts: IssueOptions): Promise<IdentityResponse> {
  if (!tokensMatch(req.destinationClusterToken, opts.ownToken)) throw new AuthError(401, 'invalid token: the auth token does not match the one of this cluster');
  const remote = req.cluster;
  const csrPem = Buffer.from(req.certificateSigningRequest, 'base64').toString('utf8');
  if (!csrPem.includes('BEGIN CERTIFICATE REQUEST')) throw new AuthError(400, 'invalid identity request: certificateSigningRequest is not a base64 PEM certificate request');
  const ns = await ensureTenantNamespace(client, remote);
  const stored = await getIfExists<Secret>(client, CORE.secrets, ns, REMOTE_CERTIFICATE_SECRET);
  let certificate: string;
  if (stored) {
    const data = stored.data ?? {};
    if (Buffer.from(data.csr ?? '', 'base64').toString('utf8') !== csrPem) {
      throw new AuthError(403, `the stored and the provided CSR for cluster ${remote.clusterID} does not match`);
    }
    certificate = Buffer.from(data.certificate ?? '', 'base64').toString('utf8');
  } else {
    certificate = await signCertificate(client, remote, csrPem, opts.timeoutMs ?? 30_000);
    await createOrGet<Secret>(client, CORE.secrets, {
      apiVersion: 'v1', kind: 'Secret',
      metadata: { name: REMOTE_CERTIFICATE_SECRET, namespace: ns, labels: { [CLUSTER_ID_LABEL]: remote.clusterID } },
      data: { csr: Buffer.from(csrPem).toString('base64'), certificate: Buffer.from(certificate).toString('base64') },
    });
  }
  await createOrGet(client, ROLE_BINDINGS, forgePeeringRoleBinding(ns, PEERING_ROLES.basic, remote.clusterID));
  if (req.originClusterToken) {
    const name = remoteTokenSecretName(remote.clusterID);
    const secret: Secret = {
      apiVersion: 'v1', kind: 'Secret',
      metadata: { name, namespace: opts.liqoNamespace, labels: { [CLUSTER_ID_LABEL]: remote.clusterID, [REMOTE_TOKEN_LABEL]: '', [PART_OF_LABEL]: PART_OF_VALUE } },
      data: { token: Buffer.from(req.originClusterToken).toString('base64') },
    };
    await client.create(CORE.secrets, secret).catch(async (err: unknown) => {
      if (!isStatusError(err) || err.code !== 409) throw err;
      await client.patch(CORE.secrets, opts.liqoNamespace, name, { data: secret.data });
    });
  }
  const api = await apiServer(client, opts.apiServerOverride);
  return { namespace: ns, certificate: Buffer.from(certificate).toString('base64'), apiServerUrl: api.url, apiServerCA: Buffer.from(api.ca).toString('base64') };
}
