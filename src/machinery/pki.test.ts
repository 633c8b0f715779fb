import { test } from 'node:test';
import assert from 'node:assert/strict';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, createPublicKey, createSign, createVerify, KeyObject, X509Certificate } from 'node:crypto';
import { createServer, connect, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import {
  API_SERVER_DNS_NAMES, createAdminCertificate, createApiServerCertificate, createCertificateAuthority,
  createCertificateRequest, createClientCertificate, createServiceAccountKeyPair, signClientCertificate,
} from './pki.js';

const DAY = 86_400_000;

test('the CA is self-signed, CN kubernetes, a CA for 10 years', async () => {
  const ca = await createCertificateAuthority();
  const cert = new X509Certificate(ca.cert);
  assert.equal(cert.subject, 'CN=kubernetes');
  assert.equal(cert.issuer, 'CN=kubernetes');
  assert.equal(cert.ca, true);
  assert.ok(cert.verify(cert.publicKey));
  const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365 * DAY);
  assert.ok(years > 9.9 && years < 10.1, `validity ${years}y`);
  assert.ok(cert.checkPrivateKey(createPrivateKey(ca.key)));
});

test('the API server certificate carries kubeadm SANs and verifies against the CA', async () => {
  const ca = await createCertificateAuthority();
  const server = await createApiServerCertificate(ca, { host: '127.0.0.2', serviceIP: '10.96.0.1' });
  const cert = new X509Certificate(server.cert);
  const caCert = new X509Certificate(ca.cert);
  assert.ok(cert.checkIssued(caCert));
  assert.ok(cert.verify(caCert.publicKey));
  assert.equal(cert.ca, false);
  for (const dns of API_SERVER_DNS_NAMES) assert.equal(cert.checkHost(dns), dns);
  for (const ip of ['127.0.0.1', '127.0.0.2', '10.96.0.1']) assert.equal(cert.checkIP(ip), ip);
  assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
  assert.ok(cert.checkPrivateKey(createPrivateKey(server.key)));
});

test('client certificates carry the user as CN and the groups as O', async () => {
  const ca = await createCertificateAuthority();
  const admin = new X509Certificate((await createAdminCertificate(ca)).cert);
  assert.equal(admin.subject, 'CN=kubernetes-admin\nO=system:masters');
  assert.ok(admin.checkIssued(new X509Certificate(ca.cert)));
  assert.deepEqual(admin.keyUsage, ['1.3.6.1.5.5.7.3.2']);
  const alice = new X509Certificate((await createClientCertificate(ca, { user: 'alice', groups: ['dev', 'ops'] })).cert);
  assert.equal(alice.subject, 'CN=alice\nO=dev\nO=ops');
});

test('signClientCertificate signs a CSR with its subject, bounded by expirationSeconds', async () => {
  const ca = await createCertificateAuthority();
  const { csr, key } = await createCertificateRequest({ user: 'bob', groups: ['team'] });
  const now = new Date('2030-01-01T00:00:00Z');
  const signed = new X509Certificate(await signClientCertificate(ca.cert, ca.key, csr, { expirationSeconds: 3600, now }));
  const caCert = new X509Certificate(ca.cert);
  assert.ok(signed.checkIssued(caCert));
  assert.ok(signed.verify(caCert.publicKey));
  assert.equal(signed.subject, 'CN=bob\nO=team');
  assert.ok(signed.checkPrivateKey(createPrivateKey(key)));
  assert.equal(Date.parse(signed.validTo) - now.getTime(), 3600_000);
  assert.ok(Date.parse(signed.validFrom) < now.getTime(), 'backdated');
  // Too short a request is raised to the 10 minutes minimum; none means one year (capped by the CA).
  const short = new X509Certificate(await signClientCertificate(ca.cert, ca.key, csr, { expirationSeconds: 5, now }));
  assert.equal(Date.parse(short.validTo) - now.getTime(), 600_000);
});

test('signClientCertificate rejects garbage and tampered requests', async () => {
  const ca = await createCertificateAuthority();
  await assert.rejects(signClientCertificate(ca.cert, ca.key, 'not a csr'), /invalid certificate request/);
  const { csr } = await createCertificateRequest({ user: 'mallory' });
  const der = Buffer.from(csr.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  der[der.length - 5] = der[der.length - 5]! ^ 0xff; // flip a bit of the signature
  const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
  await assert.rejects(signClientCertificate(ca.cert, ca.key, tampered), /invalid certificate request/);
});

test('signClientCertificate works with an RSA CA key too', async () => {
  // A CA brought from elsewhere (kubeadm's default) is RSA: build one directly with the library.
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=rsa-ca', keys, signingAlgorithm: alg, extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
    notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 3650 * DAY),
  });
  const caKey = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string;
  const { csr } = await createCertificateRequest({ user: 'carol' });
  const signed = new X509Certificate(await signClientCertificate(caCert.toString('pem'), caKey, csr));
  assert.ok(signed.verify(new X509Certificate(caCert.toString('pem')).publicKey));
  const years = (Date.parse(signed.validTo) - Date.now()) / (365 * DAY);
  assert.ok(years > 0.99 && years < 1.01, 'one year when no expirationSeconds is asked');
});

test('the service-account keypair signs and verifies RS256', async () => {
  const sa = await createServiceAccountKeyPair();
  assert.match(sa.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
  assert.match(sa.publicKey, /^-----BEGIN PUBLIC KEY-----/);
  const signature = createSign('RSA-SHA256').update('payload').sign(sa.privateKey);
  assert.ok(createVerify('RSA-SHA256').update('payload').verify(createPublicKey(sa.publicKey), signature));
  assert.equal(createPrivateKey(sa.privateKey).asymmetricKeyDetails?.modulusLength, 2048);
});

test('a TLS handshake with these certificates authenticates both sides', async () => {
  const ca = await createCertificateAuthority();
  const server = await createApiServerCertificate(ca, { host: '127.0.0.1', serviceIP: '10.96.0.1' });
  const client = await createAdminCertificate(ca);
  const srv = createServer({ cert: server.cert, key: server.key, ca: ca.cert, requestCert: true, rejectUnauthorized: true }, (socket) => {
    const peer = socket.getPeerCertificate();
    socket.end(`${socket.authorized} ${peer.subject.CN} ${String(peer.subject.O)}`);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  const answer = await new Promise<string>((resolve, reject) => {
    const socket: TLSSocket = connect({ host: '127.0.0.1', port, ca: ca.cert, cert: client.cert, key: client.key }, () => {
      let data = '';
      socket.on('data', (d: Buffer) => { data += d.toString(); });
      socket.on('end', () => resolve(data));
    });
    socket.on('error', reject);
  });
  srv.close();
  assert.equal(answer, 'true kubernetes-admin system:masters');
});
