// The identity a provider issued to this cluster (reference §4.2): a Secret `liqo-identity-*` in
// the local tenant namespace of that provider, holding the private key, the certificate, the
// provider's API server URL and CA, and the tenant namespace the provider gave us there. From it
// come the client every component uses to act on the provider (CRD replicator, virtual kubelet).
import type { Secret } from '../../api/core-v1.js';
import type { RestConfig } from '../../client/config.js';
import { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { CLUSTER_ID_LABEL, IDENTITY_SECRET_LABEL, IDENTITY_SECRET_PREFIX } from '../consts.js';

export interface RemoteIdentity {
  privateKey: string;
  certificate: string;
  apiServerUrl: string;
  apiServerCa: string;
  /** Our tenant namespace on the provider. */
  namespace: string;
}

const KEYS = { privateKey: 'private-key', certificate: 'certificate', apiServerUrl: 'apiServerUrl', apiServerCa: 'apiServerCa', namespace: 'namespace' } as const;

export function forgeIdentitySecret(tenantNamespace: string, remoteClusterID: string, id: RemoteIdentity): Secret {
  const data: Record<string, string> = {};
  for (const [field, key] of Object.entries(KEYS)) data[key] = Buffer.from(id[field as keyof RemoteIdentity]).toString('base64');
  return {
    apiVersion: 'v1', kind: 'Secret',
    metadata: { generateName: IDENTITY_SECRET_PREFIX, namespace: tenantNamespace, labels: { [CLUSTER_ID_LABEL]: remoteClusterID, [IDENTITY_SECRET_LABEL]: 'true' } },
    type: 'Opaque', data,
  };
}

export function parseIdentitySecret(secret: Secret): RemoteIdentity {
  const get = (key: string) => Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');
  return { privateKey: get(KEYS.privateKey), certificate: get(KEYS.certificate), apiServerUrl: get(KEYS.apiServerUrl), apiServerCa: get(KEYS.apiServerCa), namespace: get(KEYS.namespace) };
}

/** The identity Secret for a remote cluster, if this cluster has been given one. */
export async function findIdentitySecret(client: Client, tenantNamespace: string, remoteClusterID: string): Promise<Secret | undefined> {
  const list = await client.list<Secret>(CORE.secrets, { namespace: tenantNamespace, labelSelector: `${CLUSTER_ID_LABEL}=${remoteClusterID},${IDENTITY_SECRET_LABEL}=true` });
  return list.items[0];
}

export function remoteRestConfig(id: RemoteIdentity, userAgent = 'liqo-ts'): RestConfig {
  return { server: id.apiServerUrl, ca: id.apiServerCa, cert: id.certificate, key: id.privateKey, headers: {}, userAgent };
}

/** A client acting on the provider as this cluster, and our tenant namespace there. */
export async function remoteClient(local: Client, tenantNamespace: string, remoteClusterID: string, userAgent?: string): Promise<{ client: Client; namespace: string } | undefined> {
  const secret = await findIdentitySecret(local, tenantNamespace, remoteClusterID);
  if (!secret) return undefined;
  const id = parseIdentitySecret(secret);
  return { client: new Client(remoteRestConfig(id, userAgent)), namespace: id.namespace };
}
