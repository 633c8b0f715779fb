// The auth service of an installed cluster, over real HTTPS through its NodePort: /ids, identity
// issuance with the token checks of Liqo (401 for a wrong token, 403 for a second, different CSR)
// and a certificate that works against the provider's API server only inside the tenant namespace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { createCertificateRequest } from '../../../src/machinery/pki.js';
import { createTestCluster, kubectlAs, type TestCluster } from '../../support/cluster.js';
import { liqoctl, TUTORIAL_KIND_CONFIG } from '../../support/liqo.js';

let c: TestCluster;
let authURL: string;
let token: string;
const CONSUMER = { clusterID: '0c6a6d1e-5b7e-4c64-9d4b-1f2e3a4b5c6d', clusterName: 'venice' };

before(async () => {
  c = await createTestCluster('naples', [], {}, { config: TUTORIAL_KIND_CONFIG });
  const r = await liqoctl(c, ['install', 'kind', '--cluster-name', 'naples', '--cluster-labels=topology.liqo.io/region=south']);
  assert.equal(r.code, 0, r.stderr);
  const command = (await liqoctl(c, ['generate', 'peer-command', '--only-command'])).stdout;
  authURL = /--auth-url (\S+)/.exec(command)![1]!;
  token = /--auth-token (\S+)/.exec(command)![1]!;
});
after(async () => { await c?.destroy(); });

function post(path: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(`${authURL}${path}`, { method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('identity issuance: wrong token 401; a certificate confined to the tenant namespace; a second, different CSR 403', async () => {
  const { csr, key } = await createCertificateRequest({ user: CONSUMER.clusterID, groups: ['liqo.io'] });
  const request = { cluster: CONSUMER, originClusterToken: 'a'.repeat(128), destinationClusterToken: token, certificateSigningRequest: b64(csr) };
  const wrong = await post('/identity/certificate', { ...request, destinationClusterToken: 'b'.repeat(128) });
  assert.equal(wrong.status, 401);
  assert.match(wrong.body, /invalid token/);

  const ok = await post('/identity/certificate', request);
  assert.equal(ok.status, 202, ok.body);
  const issued = JSON.parse(ok.body) as { namespace: string; certificate: string; apiServerUrl: string; apiServerCA: string };
  assert.match(issued.namespace, /^liqo-tenant-venice-[0-9a-f]{6}$/);
  const server = await c.ok(['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}']);
  assert.equal(issued.apiServerUrl, server);
  assert.match(Buffer.from(issued.apiServerCA, 'base64').toString(), /BEGIN CERTIFICATE/);

  const asConsumer = kubectlAs(c, 'consumer', { cert: Buffer.from(issued.certificate, 'base64').toString(), key });
  const whoami = await asConsumer(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
  assert.equal(whoami.stdout, CONSUMER.clusterID);
  assert.equal((await asConsumer(['get', 'resourcerequests', '-n', issued.namespace])).code, 0);
  for (const args of [['get', 'pods', '-n', 'default'], ['get', 'secrets', '-n', issued.namespace], ['get', 'resourcerequests', '-n', 'liqo'], ['get', 'nodes']]) {
    const r = await asConsumer(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, /Error from server \(Forbidden\)/, args.join(' '));
  }
  const stored = await c.ok(['get', 'secret', '-n', 'liqo', `remote-token-${CONSUMER.clusterID}`, '-o', 'jsonpath={.data.token}']);
  assert.equal(Buffer.from(stored, 'base64').toString(), 'a'.repeat(128));

  const again = await post('/identity/certificate', request);
  assert.equal(again.status, 202, 'the same CSR gets the same identity back');
  assert.equal(JSON.parse(again.body).certificate, issued.certificate);
  const other = await createCertificateRequest({ user: CONSUMER.clusterID, groups: ['liqo.io'] });
  const reused = await post('/identity/certificate', { ...request, certificateSigningRequest: b64(other.csr) });
  assert.equal(reused.status, 403);
  assert.match(reused.body, new RegExp(`the stored and the provided CSR for cluster ${CONSUMER.clusterID} does not match`));
});

test('GET /ids answers the identity; bad requests are 400', async () => {
  const ids = await new Promise<string>((resolve, reject) => {
    request(`${authURL}/ids`, { rejectUnauthorized: false }, (res) => {
      let t = '';
      res.on('data', (d: Buffer) => { t += d.toString(); });
      res.on('end', () => resolve(t));
    }).on('error', reject).end();
  });
  assert.equal(JSON.parse(ids).clusterName, 'naples');
  const bad = await post('/identity/certificate', { cluster: {} });
  assert.equal(bad.status, 400);
});
