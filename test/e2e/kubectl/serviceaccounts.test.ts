// ServiceAccounts and their tokens with the real kubectl: every namespace gets a `default`
// ServiceAccount; `kubectl create token` issues a JWT that authenticates as
// system:serviceaccount:<ns>:<name> and is authorized through RBAC; deleting the ServiceAccount
// revokes it; malformed or foreign tokens get 401. Pods run as an existing ServiceAccount and get
// the kube-api-access volume; token Secrets are filled and revoked with their Secret;
// `kubectl auth whoami` tells each of these users who they are.
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

test('a pod runs as the default ServiceAccount and gets the kube-api-access volume', async () => {
  const r = await c.kubectl(['run', 'app', '-n', 'team', '--image=nginx']);
  assert.equal(r.code, 0, r.stderr);
  const get = (path: string) => c.kubectl(['get', 'pod', 'app', '-n', 'team', '-o', `jsonpath=${path}`]).then((x) => x.stdout);
  assert.equal(await get('{.spec.serviceAccountName}'), 'default');
  const volume = JSON.parse(await get('{.spec.volumes[0]}'));
  assert.match(volume.name, /^kube-api-access-[a-z0-9]{5}$/);
  assert.deepEqual(volume.projected.sources.map((s: object) => Object.keys(s)[0]), ['serviceAccountToken', 'configMap', 'downwardAPI']);
  assert.equal(volume.projected.sources[1].configMap.name, 'kube-root-ca.crt');
  const mount = JSON.parse(await get('{.spec.containers[0].volumeMounts[0]}'));
  assert.deepEqual(mount, { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume.name, readOnly: true });
  const ca = await c.kubectl(['get', 'configmap', 'kube-root-ca.crt', '-n', 'team', '-o', 'jsonpath={.data.ca\\.crt}']);
  assert.match(ca.stdout, /^-----BEGIN CERTIFICATE-----/);
});

test('a pod naming a missing ServiceAccount is refused; automount can be switched off', async () => {
  const pod = (name: string, spec: object) => JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'team' },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
  });
  const missing = await c.kubectl(['create', '-f', c.write('ghost.json', pod('ghost', { serviceAccountName: 'ghost' }))]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^Error from server \(Forbidden\): error when creating ".*ghost\.json": pods "ghost" is forbidden: error looking up service account team\/ghost: serviceaccount "ghost" not found$/m);
  const bare = await c.kubectl(['create', '-f', c.write('bare.json', pod('bare', { automountServiceAccountToken: false }))]);
  assert.equal(bare.code, 0, bare.stderr);
  const volumes = await c.kubectl(['get', 'pod', 'bare', '-n', 'team', '-o', 'jsonpath={.spec.volumes}']);
  assert.equal(volumes.stdout, '');
});

test('kube-root-ca.crt is published in new namespaces and put back when deleted', async () => {
  await c.kubectl(['create', 'namespace', 'fresh']);
  await eventually(async () => (await c.kubectl(['get', 'configmap', 'kube-root-ca.crt', '-n', 'fresh'])).code === 0);
  await c.kubectl(['delete', 'configmap', 'kube-root-ca.crt', '-n', 'fresh']);
  await eventually(async () => (await c.kubectl(['get', 'configmap', 'kube-root-ca.crt', '-n', 'fresh'])).code === 0);
});

test('a token Secret is filled with a token that works until the Secret is deleted', async () => {
  await c.kubectl(['create', 'serviceaccount', 'builder', '-n', 'team']);
  const secret = JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: 'builder-token', namespace: 'team', annotations: { 'kubernetes.io/service-account.name': 'builder' } },
  });
  assert.equal((await c.kubectl(['apply', '-f', c.write('secret.json', secret)])).code, 0);
  const b64 = await eventually(async () => (await c.kubectl(['get', 'secret', 'builder-token', '-n', 'team', '-o', 'jsonpath={.data.token}'])).stdout);
  const token = Buffer.from(b64, 'base64').toString('utf8');
  const who = await withToken(token, ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
  assert.equal(who.stdout, 'system:serviceaccount:team:builder', who.stderr);
  const keys = await c.kubectl(['get', 'secret', 'builder-token', '-n', 'team', '-o', 'jsonpath={.data}']);
  assert.deepEqual(Object.keys(JSON.parse(keys.stdout)).sort(), ['ca.crt', 'namespace', 'token']);
  await c.kubectl(['delete', 'secret', 'builder-token', '-n', 'team']);
  const revoked = await withToken(token, ['auth', 'whoami']);
  assert.match(revoked.stderr, /You must be logged in to the server/);
  const orphan = JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: 'orphan-token', namespace: 'team', annotations: { 'kubernetes.io/service-account.name': 'nobody' } },
  });
  assert.equal((await c.kubectl(['apply', '-f', c.write('orphan.json', orphan)])).code, 0);
  await eventually(async () => (await c.kubectl(['get', 'secret', 'orphan-token', '-n', 'team'])).code !== 0);
  const invalid = await c.kubectl(['create', 'secret', 'generic', 'x', '-n', 'team', '--type=kubernetes.io/service-account-token']);
  assert.match(invalid.stderr, /Secret "x" is invalid: metadata\.annotations\[kubernetes\.io\/service-account\.name\]: Required value/);
});

test('kubectl auth whoami tells the admin and a ServiceAccount who they are', async () => {
  const admin = await c.kubectl(['auth', 'whoami']);
  assert.equal(admin.code, 0, admin.stderr);
  assert.match(admin.stdout, /^ATTRIBUTE\s+VALUE\nUsername\s+kubernetes-admin\nGroups\s+\[system:masters system:authenticated\]\n$/);
  await c.kubectl(['create', 'serviceaccount', 'who', '-n', 'team']);
  const token = (await c.kubectl(['create', 'token', 'who', '-n', 'team'])).stdout.trim();
  const sa = await withToken(token, ['auth', 'whoami', '-o', 'json']);
  assert.equal(sa.code, 0, sa.stderr);
  const review = JSON.parse(sa.stdout);
  assert.equal(review.kind, 'SelfSubjectReview');
  assert.equal(review.status.userInfo.username, 'system:serviceaccount:team:who');
  assert.deepEqual(review.status.userInfo.groups, ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated']);
  // TokenReview answers the same question for whoever holds a token.
  const tokenReview = (t: string) => c.write('tr.json', JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: t } }));
  const valid = JSON.parse((await c.kubectl(['create', '-f', tokenReview(token), '-o', 'json'])).stdout);
  assert.deepEqual([valid.status.authenticated, valid.status.user.username], [true, 'system:serviceaccount:team:who']);
  const bogus = JSON.parse((await c.kubectl(['create', '-f', tokenReview('not-a-token'), '-o', 'json'])).stdout);
  assert.equal(bogus.status.authenticated, undefined);
  assert.match(bogus.status.error, /invalid bearer token/);
});
