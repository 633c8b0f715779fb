// RBAC with the real kubectl: a user whose certificate the cluster CA signed, bound with a
// RoleBinding in namespace `a` only, works there and gets kube-apiserver's 403 elsewhere;
// `kubectl auth can-i` agrees with the bindings, admins can impersonate, and revoking the binding
// takes effect on the next request. Foreign-signed certificates are not accepted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, createClientCertificate } from '../../../src/machinery/pki.js';
import { createTestCluster, eventually, kubectlAs, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
let alice: (args: string[]) => ReturnType<TestCluster['kubectl']>;

before(async () => {
  c = await createTestCluster('rbac');
  const pki = join(c.env.LKIND_HOME!, 'clusters', 'rbac', 'pki');
  const ca = { cert: readFileSync(join(pki, 'ca.crt'), 'utf8'), key: readFileSync(join(pki, 'ca.key'), 'utf8') };
  alice = kubectlAs(c, 'alice', await createClientCertificate(ca, { user: 'alice', groups: ['dev'] }));
  for (const ns of ['a', 'b']) await c.kubectl(['create', 'namespace', ns]);
  const bound = await c.kubectl(['create', 'rolebinding', 'alice-edit', '--clusterrole=edit', '--user=alice', '-n', 'a']);
  assert.equal(bound.code, 0, bound.stderr);
});
after(async () => { await c?.destroy(); });

test('a user bound in namespace a works there', async () => {
  const list = await alice(['get', 'pods', '-n', 'a']);
  assert.equal(list.stderr, 'No resources found in a namespace.\n');
  const created = await alice(['create', 'configmap', 'mine', '-n', 'a', '--from-literal=k=v']);
  assert.equal(created.stdout, 'configmap/mine created\n', created.stderr);
});

test('and gets kube-apiserver\'s 403 in another namespace and at the cluster scope', async () => {
  const other = await alice(['get', 'pods', '-n', 'b']);
  assert.equal(other.code, 1);
  assert.equal(other.stderr, 'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "b"\n');
  const nodes = await alice(['get', 'nodes']);
  assert.equal(nodes.stderr, 'Error from server (Forbidden): nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope\n');
  const named = await alice(['get', 'configmap', 'kube-root', '-n', 'b']);
  assert.equal(named.stderr, 'Error from server (Forbidden): configmaps "kube-root" is forbidden: User "alice" cannot get resource "configmaps" in API group "" in the namespace "b"\n');
});

test('kubectl auth can-i answers from the bindings; admins impersonate with --as', async () => {
  assert.equal((await alice(['auth', 'can-i', 'create', 'deployments', '-n', 'a'])).stdout, 'yes\n');
  const no = await alice(['auth', 'can-i', 'create', 'deployments', '-n', 'b']);
  assert.equal(no.stdout, 'no\n');
  assert.equal(no.code, 1);
  assert.equal((await alice(['auth', 'can-i', 'get', 'secrets', '-n', 'a'])).stdout, 'yes\n');
  assert.equal((await c.kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'a', '--as', 'alice'])).stdout, 'yes\n');
  assert.equal((await c.kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'b', '--as', 'alice'])).stdout, 'no\n');
  const asAlice = await c.kubectl(['get', 'pods', '-n', 'b', '--as', 'alice']);
  assert.match(asAlice.stderr, /User "alice" cannot list resource "pods"/);
  const impersonating = await alice(['get', 'pods', '-n', 'a', '--as', 'bob']);
  assert.equal(impersonating.stderr, 'Error from server (Forbidden): users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope\n');
  const list = await alice(['auth', 'can-i', '--list', '-n', 'a']);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/m);
  assert.match(list.stdout, /^pods\s+\[\]\s+\[\]\s+\[.*list.*\]$/m);
});

test('a revoked binding takes effect on the next request', async () => {
  await c.kubectl(['delete', 'rolebinding', 'alice-edit', '-n', 'a']);
  await eventually(async () => (await alice(['get', 'pods', '-n', 'a'])).code === 1);
  const denied = await alice(['get', 'pods', '-n', 'a']);
  assert.match(denied.stderr, /Error from server \(Forbidden\): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "a"/);
});

test('a certificate from another CA is refused with 401', async () => {
  const foreign = await createCertificateAuthority();
  const mallory = kubectlAs(c, 'mallory', await createClientCertificate(foreign, { user: 'alice', groups: ['system:masters'] }));
  const r = await mallory(['get', 'pods', '-n', 'a']);
  assert.equal(r.code, 1);
  // kubectl fails in discovery first, so it reports the 401 in client-go's words, as with real clusters.
  assert.match(r.stderr, /error: You must be logged in to the server \((Unauthorized|the server has asked for the client to provide credentials)\)/);
});
