// The cluster's own auth token (Secret `auth-token`, key `token`): 64 random bytes, hex. Peers
// present it to this cluster's auth service; the service creates it at start and again whenever
// it is deleted, so a cluster always has one.
import { randomBytes } from 'node:crypto';
import type { Secret } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { AUTH_TOKEN_KEY, AUTH_TOKEN_SECRET, PART_OF_LABEL, PART_OF_VALUE } from '../consts.js';

export function forgeAuthTokenSecret(namespace: string, token = randomBytes(64).toString('hex')): Secret {
  return {
    apiVersion: 'v1', kind: 'Secret',
    metadata: { name: AUTH_TOKEN_SECRET, namespace, labels: { [PART_OF_LABEL]: PART_OF_VALUE } },
    type: 'Opaque',
    data: { [AUTH_TOKEN_KEY]: Buffer.from(token).toString('base64') },
  };
}

export function tokenOf(secret: Secret | undefined): string | undefined {
  const data = secret?.data?.[AUTH_TOKEN_KEY];
  return data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
}

/** Creates the token Secret unless one with a token exists; resolves to the current token. */
export async function ensureAuthToken(client: Client, namespace: string): Promise<string> {
  try {
    const existing = tokenOf(await client.get<Secret>(CORE.secrets, namespace, AUTH_TOKEN_SECRET));
    if (existing) return existing;
    const fresh = forgeAuthTokenSecret(namespace);
    await client.patch(CORE.secrets, namespace, AUTH_TOKEN_SECRET, { data: fresh.data });
    return tokenOf(fresh)!;
  } catch (err) {
    if (!isStatusError(err) || err.code !== 404) throw err;
  }
  const secret = forgeAuthTokenSecret(namespace);
  try {
    await client.create(CORE.secrets, secret);
  } catch (err) {
    // Another replica won the race: its token is the token.
    if (isStatusError(err) && err.code === 409) return ensureAuthToken(client, namespace);
    throw err;
  }
  return tokenOf(secret)!;
}
