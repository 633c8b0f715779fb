import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { keyId, signJwt, verifyJwt } from './jwt.js';

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { priv: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string, pub: publicKey.export({ type: 'spki', format: 'pem' }) as string };
};

test('signed tokens verify with their key only, and only while valid', () => {
  const a = pair();
  const b = pair();
  const now = new Date('2026-01-01T00:00:00Z');
  const t = Math.floor(now.getTime() / 1000);
  const token = signJwt({ sub: 'x', iat: t, nbf: t, exp: t + 600 }, a.priv, keyId(a.pub));
  assert.equal(verifyJwt(token, createPublicKey(a.pub), now)?.sub, 'x');
  assert.equal(verifyJwt(token, createPublicKey(b.pub), now), undefined);
  assert.equal(verifyJwt(token, createPublicKey(a.pub), new Date(now.getTime() + 601_000)), undefined);
  assert.equal(verifyJwt(`${token}x`, createPublicKey(a.pub), now), undefined);
  assert.equal(verifyJwt('not.a.jwt', createPublicKey(a.pub), now), undefined);
});
