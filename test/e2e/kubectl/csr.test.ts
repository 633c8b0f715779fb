// The CertificateSigningRequest API with the real kubectl: a CSR for the kube-apiserver-client
// signer is approved with `kubectl certificate approve`, signed for the requested duration, and the
// certificate then authenticates as its subject; a denied CSR gets no certificate; a request that
// is not a PEM CSR is refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createCertificateRequest } from '../../../src/machinery/pki.js';
import { createTestCluster, eventually, kubectlAs, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => { c = await createTestCluster('csr'); });
after(async () => { await c?.destroy(); });

function csrManifest(name: string, requestPem: string, seconds = 86400): string {
  return `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: ${Buffer.from(requestPem).toString('base64')}
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: ${seconds}
  usages: [client auth]
`;
}

test('approve → signed certificate that authenticates as its subject, for the requested duration', async () => {
  const { csr, key } = await createCertificateRequest({ user: 'carol', groups: ['dev'] });
  const created = await c.kubectl(['apply', '-f', c.write('carol.yaml', csrManifest('carol', csr))]);
  assert.equal(created.stdout, 'certificatesigningrequest.certificates.k8s.io/carol created\n', created.stderr);
  const pending = await c.kubectl(['get', 'csr', 'carol']);
  assert.match(pending.stdout, /^NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION\n/);
  assert.match(pending.stdout, /^carol\s+\d+s\s+kubernetes\.io\/kube-apiserver-client\s+kubernetes-admin\s+24h\s+Pending$/m);
  const approved = await c.kubectl(['certificate', 'approve', 'carol']);
  assert.equal(approved.stdout, 'certificatesigningrequest.certificates.k8s.io/carol approved\n', approved.stderr);
  const certB64 = await eventually(async () => (await c.kubectl(['get', 'csr', 'carol', '-o', 'jsonpath={.status.certificate}'])).stdout);
  assert.match((await c.kubectl(['get', 'csr', 'carol'])).stdout, /Approved,Issued/);
  const certPem = Buffer.from(certB64, 'base64').toString('utf8');
  const cert = new X509Certificate(certPem);
  assert.match(cert.subject, /CN=carol/);
  const hours = (new Date(cert.validTo).getTime() - Date.now()) / 3_600_000;
  assert.ok(hours > 23 && hours <= 24, `valid for ${hours.toFixed(2)}h`);

  const asCarol = await kubectlAs(c, 'carol', { cert: certPem, key })(['get', 'pods', '-n', 'default']);
  assert.equal(asCarol.stderr, 'Error from server (Forbidden): pods is forbidden: User "carol" cannot list resource "pods" in API group "" in the namespace "default"\n');
});

test('deny → no certificate', async () => {
  const { csr } = await createCertificateRequest({ user: 'dave' });
  await c.kubectl(['apply', '-f', c.write('dave.yaml', csrManifest('dave', csr))]);
  const denied = await c.kubectl(['certificate', 'deny', 'dave']);
  assert.equal(denied.stdout, 'certificatesigningrequest.certificates.k8s.io/dave denied\n', denied.stderr);
  assert.match((await c.kubectl(['get', 'csr', 'dave'])).stdout, /^dave\s+.*\s+Denied$/m);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await c.kubectl(['get', 'csr', 'dave', '-o', 'jsonpath={.status.certificate}'])).stdout, '');
});

test('a request that is not a PEM certificate request is refused', async () => {
  const bad = await c.kubectl(['apply', '-f', c.write('bad.yaml', csrManifest('bad', 'not a csr'))]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /The CertificateSigningRequest "bad" is invalid: spec\.request: Invalid value: .*PEM block type must be CERTIFICATE REQUEST/);
  const short = await c.kubectl(['apply', '-f', c.write('short.yaml', csrManifest('short', (await createCertificateRequest({ user: 'x' })).csr, 60))]);
  assert.match(short.stderr, /spec\.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds \(10 minutes\)/);
});
