// Bad input never crashes the server or stores anything partial; each gets kube-apiserver's error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, type TestCluster } from '../../support/cluster.js';
import { rawClient } from '../../support/https-client.js';

let c: TestCluster;
let http: ReturnType<typeof rawClient>;
before(async () => {
  c = await createTestCluster('badinput');
  http = rawClient(c.kubeconfig);
});
after(async () => { await c?.destroy(); });

const CM = '/api/v1/namespaces/default/configmaps';
const json = { 'Content-Type': 'application/json' };

test('no credentials: 401, except on health and version', async () => {
  const anon = rawClient(c.kubeconfig, { anonymous: true });
  const r = await anon('GET', '/api/v1/namespaces');
  assert.equal(r.status, 401);
  assert.equal(r.json().reason, 'Unauthorized');
  assert.equal((await anon('GET', '/version')).status, 200);
  assert.equal((await anon('GET', '/readyz')).body, 'ok');
});

test('malformed JSON and YAML bodies: 400 BadRequest, nothing stored', async () => {
  const r = await http('POST', CM, '{"metadata": {"name": "x"', json);
  assert.equal(r.status, 400);
  assert.equal(r.json().reason, 'BadRequest');
  const y = await http('POST', CM, 'metadata: [unclosed', { 'Content-Type': 'application/yaml' });
  assert.equal(y.status, 400);
  assert.equal((await http('GET', `${CM}/x`)).status, 404);
});

test('a body whose kind does not match the URL: 400', async () => {
  const r = await http('POST', CM, JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }), json);
  assert.equal(r.status, 400);
  assert.match(r.json().message, /does not match the expected API version|cannot be handled as a ConfigMap/);
});

test('unknown fields: strict → 400, default → Warning header and dropped', async () => {
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strict' }, datta: {} });
  const strict = await http('POST', `${CM}?fieldValidation=Strict`, body, json);
  assert.equal(strict.status, 400);
  assert.match(strict.json().message, /strict decoding error: unknown field "datta"/);
  const warn = await http('POST', CM, body.replace('strict', 'warned'), json);
  assert.equal(warn.status, 201);
  assert.match(String(warn.headers.warning), /unknown field \\?"datta\\?"/);
  assert.equal(warn.json().datta, undefined);
});

test('bodies over 3 MiB: 413', async () => {
  const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } });
  const r = await http('POST', CM, big, json);
  assert.equal(r.status, 413);
  assert.equal(r.json().reason, 'RequestEntityTooLarge');
  assert.equal((await http('GET', `${CM}/big`)).status, 404);
});

test('unsupported media types: 415', async () => {
  const r = await http('POST', CM, 'name=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 415);
  assert.equal(r.json().reason, 'UnsupportedMediaType');
  const p = await http('PATCH', `${CM}/x`, '{}', { 'Content-Type': 'text/plain' });
  assert.equal(p.status, 415);
});

test('invalid names: 422 with the validation message', async () => {
  const r = await http('POST', CM, JSON.stringify({ metadata: { name: 'Not_Valid' } }), json);
  assert.equal(r.status, 422);
  assert.equal(r.json().reason, 'Invalid');
  assert.match(r.json().message, /^ConfigMap "Not_Valid" is invalid: metadata\.name: Invalid value: "Not_Valid": a lowercase RFC 1123 subdomain/);
});

test('stale resourceVersion on update: 409 Conflict', async () => {
  const created = await http('POST', CM, JSON.stringify({ metadata: { name: 'rv' }, data: { a: '1' } }), json);
  const obj = created.json();
  const first = await http('PUT', `${CM}/rv`, JSON.stringify({ ...obj, data: { a: '2' } }), json);
  assert.equal(first.status, 200);
  const stale = await http('PUT', `${CM}/rv`, JSON.stringify({ ...obj, data: { a: '3' } }), json);
  assert.equal(stale.status, 409);
  assert.equal(stale.json().message, 'Operation cannot be fulfilled on configmaps "rv": the object has been modified; please apply your changes to the latest version and try again');
});

test('the server still serves after all of that', async () => {
  assert.equal((await http('GET', '/readyz')).status, 200);
  const list = await c.kubectl(['get', 'configmaps', '-o', 'name']);
  assert.equal(list.code, 0);
});
