// Compact JWS (RS256) signing and verification with node:crypto, for ServiceAccount tokens. Only
// what the API server needs: one algorithm, a key id, no JWKS. Verification checks the signature
// and the time claims; audience and subject checks belong to the caller.
import { createHash, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';

export interface JwtClaims {
  iss?: string;
  sub?: string;
  aud?: string[];
  exp?: number;
  iat?: number;
  nbf?: number;
  [claim: string]: unknown;
}

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

/** The key id kube-apiserver derives from the public key (SHA-256 of its DER, base64url). */
export function keyId(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return b64url(createHash('sha256').update(der).digest());
}

export function signJwt(claims: JwtClaims, privateKeyPem: string, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKeyPem);
  return `${head}.${body}.${b64url(signature)}`;
}

/** The claims of a token signed by `publicKey` and valid at `now`, or undefined. */
export function verifyJwt(token: string, publicKey: KeyObject, now: Date): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
    if (header.alg !== 'RS256') return undefined;
    const ok = createVerify('RSA-SHA256').update(`${head}.${body}`).verify(publicKey, Buffer.from(signature, 'base64url'));
    if (!ok) return undefined;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtClaims;
    const seconds = Math.floor(now.getTime() / 1000);
    if (typeof claims.exp === 'number' && seconds >= claims.exp) return undefined;
    if (typeof claims.nbf === 'number' && seconds < claims.nbf) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
