// ServiceAccounts and their tokens with the real kubectl: every namespace gets a `default`
// ServiceAccount; `kubectl create token` issues a JWT that authenticates as
// system:serviceaccount:<ns>:<name> and is authorized through RBAC; deleting the ServiceAccount
// revokes it; malformed or foreign tokens get 401.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, kubectlAs, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => {
  c = await createTestCluster('sa');
  await c.kubectl(['create', 'namespace', 'team']);
});
after(async () => { await c?.destroy(); });

/** kubectl with a kubeconfig that carries only the token (no client certificate). */
let tokenUsers = 0;
const withToken = (token: string, args: string[]) => kubectlAs(c, `token-${tokenUsers++}`, { token })(args);

test('every namespace gets a default ServiceAccount', async () => {
  const sa = await eventually(async () => {
    const r = await c.kubectl(['get', 'serviceaccount', 'default', '-n', 'team', '-o', 'name']);
    return r.code === 0 ? r : undefined;
  });
  assert.equal(sa.stdout, 'serviceaccount/default\n');
});

test('kubectl create token issues a JWT for the ServiceAccount', async () => {
  await c.kubectl(['create', 'serviceaccount', 'robot', '-n', 'team']);
  const r = await c.kubectl(['create', 'token', 'robot', '-n', 'team', '--duration=20m']);
  assert.equal(r.code, 0, r.stderr);
  const [, body] = r.stdout.trim().split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
  assert.equal(claims.sub, 'system:serviceaccount:team:robot');
  assert.deepEqual(claims.aud, ['https://kubernetes.default.svc.cluster.local']);
  assert.equal(claims.exp - claims.iat, 1200);
  const missing = await c.kubectl(['create', 'token', 'ghost', '-n', 'team']);
  assert.equal(missing.stderr, 'error: failed to create token: serviceaccounts "ghost" not found\n');
});

test('the token authenticates as the ServiceAccount and RBAC applies; deletion revokes it', async () => {
  const token = (await c.kubectl(['create', 'token', 'robot', '-n', 'team'])).stdout.trim();
  const denied = await withToken(token, ['get', 'pods', '-n', 'team']);
  assert.equal(denied.stderr, 'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:team:robot" cannot list resource "pods" in API group "" in the namespace "team"\n');
  await c.kubectl(['create', 'rolebinding', 'robot-view', '--clusterrole=view', '--serviceaccount=team:robot', '-n', 'team']);
  const allowed = await withToken(token, ['get', 'pods', '-n', 'team']);
  assert.equal(allowed.stderr, 'No resources found in team namespace.\n');
  await c.kubectl(['delete', 'serviceaccount', 'robot', '-n', 'team']);
  const revoked = await withToken(token, ['get', 'pods', '-n', 'team']);
  assert.equal(revoked.code, 1);
  assert.match(revoked.stderr, /You must be logged in to the server/);
});

test('malformed tokens get 401', async () => {
  const r = await withToken('eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl', ['get', 'pods', '-n', 'team']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /You must be logged in to the server/);
});
