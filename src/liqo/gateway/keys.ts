// The gateway's identity towards peer gateways: an Ed25519 key pair kept in the Secret
// `liqo-gateway-keys` of the Liqo namespace, created once by the gateway (a restart keeps it, as
// Liqo's WireGuard gateway keeps its key Secret). The public key travels in NetworkConfigs as the
// base64 of its 32 raw bytes (the shape of a WireGuard key); the network manager only reads it.
// Deliberately not here: rotation.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Secret } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { COMPONENT_LABEL, GATEWAY_KEYS_SECRET, PART_OF_LABEL, PART_OF_VALUE } from '../consts.js';

export interface GatewayKeys {
  /** base64 of the raw 32-byte public key. */
  publicKey: string;
  privateKey: KeyObject;
}

const PRIVATE_KEY = 'privateKey';
const PUBLIC_KEY = 'publicKey';

/** The raw form of an Ed25519 public key, base64. */
export function toRawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** The public key a NetworkConfig carries; throws on anything but 32 base64 bytes. */
export function fromRawPublicKey(raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== raw) throw new Error(`invalid Ed25519 public key "${raw}"`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.toString('base64url') }, format: 'jwk' });
}

export function generateGatewayKeys(): GatewayKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: toRawPublicKey(publicKey) };
}

export function forgeKeysSecret(namespace: string, keys: GatewayKeys): Secret {
  const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return {
    apiVersion: 'v1', kind: 'Secret',
    metadata: { name: GATEWAY_KEYS_SECRET, namespace, labels: { [PART_OF_LABEL]: PART_OF_VALUE, [COMPONENT_LABEL]: 'gateway' } },
    type: 'Opaque',
    data: { [PRIVATE_KEY]: Buffer.from(pem).toString('base64'), [PUBLIC_KEY]: Buffer.from(keys.publicKey).toString('base64') },
  };
}

export function parseKeysSecret(secret: Secret): GatewayKeys {
  const pem = Buffer.from(secret.data?.[PRIVATE_KEY] ?? '', 'base64').toString('utf8');
  if (!pem) throw new Error(`secret ${secret.metadata.namespace}/${secret.metadata.name} has no ${PRIVATE_KEY}`);
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`secret ${secret.metadata.name}: the private key is not Ed25519`);
  // The public key is derived, never trusted from the Secret: the two cannot disagree.
  return { privateKey, publicKey: toRawPublicKey(createPublicKey(privateKey)) };
}

/** The public key published in the Secret (what the network manager advertises). */
export function publicKeyOf(secret: Secret): string {
  return Buffer.from(secret.data?.[PUBLIC_KEY] ?? '', 'base64').toString('utf8');
}

/** The gateway's keys: read from the Secret, created with a fresh pair the first time. */
export async function ensureGatewayKeys(client: Client, namespace: string): Promise<GatewayKeys> {
  try {
    return parseKeysSecret(await client.get<Secret>(CORE.secrets, namespace, GATEWAY_KEYS_SECRET));
  } catch (err) {
    if (!isStatusError(err) || err.code !== 404) throw err;
  }
  try {
    return parseKeysSecret(await client.create(CORE.secrets, forgeKeysSecret(namespace, generateGatewayKeys())));
  } catch (err) {
    if (!isStatusError(err) || err.code !== 409) throw err;
    return parseKeysSecret(await client.get<Secret>(CORE.secrets, namespace, GATEWAY_KEYS_SECRET));
  }
}
