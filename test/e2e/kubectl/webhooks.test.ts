// Dynamic admission with the real kubectl: webhooks served by this test process over HTTPS, called
// by the lkind API server through clientConfig.url or a Service's Endpoints. Each test works in its
// own namespace and scopes its webhook configurations to it with a namespaceSelector.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AdmissionRequest } from '../../../src/api/admission-review.js';
import { createTestCluster, type TestCluster } from '../../support/cluster.js';
import { jsonPatch, startWebhookServer, type WebhookServer } from '../../support/webhook-server.js';

let c: TestCluster;
let hooks: WebhookServer;

function labelsOf(req: AdmissionRequest): Record<string, string> {
  return req.object?.metadata.labels ?? {};
}

/** The webhooks this suite serves, by path. */
function handle(req: AdmissionRequest, path: string) {
  switch (path) {
    case '/mutate':
      return {
        ...jsonPatch([
          { op: 'add', path: '/metadata/labels', value: { ...labelsOf(req), 'webhook.liqo-ts.test/mutated': 'true' } },
          { op: 'add', path: '/spec/tolerations/-', value: { key: 'virtual-node.liqo.io/not-allowed', operator: 'Exists', effect: 'NoExecute' } },
        ]),
        warnings: ['pod mutated by the test webhook'],
      };
    case '/deny':
      if (labelsOf(req).deny === 'yes') return { allowed: false, status: { code: 403, reason: 'Forbidden', message: 'pods labelled deny=yes are not allowed here' } };
      if (labelsOf(req).deny === 'plain') return { allowed: false };
      return {};
    case '/not-json': return 'not-json' as const;
    case '/bad-patch': return jsonPatch([{ op: 'replace', path: '/spec/nowhere/at/all', value: 1 }]);
    case '/hang': return 'hang' as const;
    case '/reinvoke-a': return jsonPatch([{ op: 'add', path: '/metadata/labels/a-saw-b', value: labelsOf(req).b ? 'true' : 'false' }]);
    case '/reinvoke-b': return jsonPatch([{ op: 'add', path: '/metadata/labels/b', value: 'true' }]);
    default: return {};
  }
}

before(async () => {
  [c, hooks] = await Promise.all([
    createTestCluster('webhooks'),
    startWebhookServer(handle, ['hooks.webhook-system.svc']),
  ]);
});
after(async () => {
  await hooks?.close();
  await c?.destroy();
});

interface HookOptions {
  path?: string;
  clientConfig?: Record<string, unknown>;
  resources?: string[];
  operations?: string[];
  extra?: Record<string, unknown>;
}

function webhook(name: string, ns: string, o: HookOptions): Record<string, unknown> {
  return {
    name,
    clientConfig: o.clientConfig ?? { url: hooks.url(o.path ?? '/'), caBundle: hooks.caBundle },
    rules: [{ operations: o.operations ?? ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: o.resources ?? ['pods'] }],
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
    sideEffects: 'None',
    admissionReviewVersions: ['v1'],
    ...o.extra,
  };
}

async function configure(kind: 'Mutating' | 'Validating', name: string, ns: string, hookList: Record<string, unknown>[]): Promise<void> {
  const manifest = {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: `${kind}WebhookConfiguration`,
    metadata: { name }, webhooks: hookList,
  };
  const r = await c.kubectl(['apply', '-f', c.write(`${name}.json`, JSON.stringify(manifest))]);
  assert.equal(r.code, 0, r.stderr);
}

async function namespace(ns: string): Promise<void> {
  const r = await c.kubectl(['create', 'namespace', ns]);
  assert.equal(r.code, 0, r.stderr);
}

function pod(name: string, ns: string, labels: Record<string, string> = {}): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  });
}

async function createPod(name: string, ns: string, labels: Record<string, string> = {}) {
  return c.kubectl(['create', '-f', c.write(`${ns}-${name}.json`, pod(name, ns, labels))]);
}

async function podExists(name: string, ns: string): Promise<boolean> {
  return (await c.kubectl(['get', 'pod', name, '-n', ns])).code === 0;
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

test('a mutating webhook adds a label and a toleration; kubectl shows its warning', async () => {
  await namespace('t-mutate');
  await configure('Mutating', 't-mutate', 't-mutate', [webhook('mutate.liqo-ts.test', 't-mutate', { path: '/mutate' })]);
  const r = await createPod('web', 't-mutate', { app: 'web' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'pod/web created\n');
  assert.match(r.stderr, /^Warning: pod mutated by the test webhook$/m);
  const labels = await c.kubectl(['get', 'pod', 'web', '-n', 't-mutate', '-o', 'jsonpath={.metadata.labels}']);
  assert.deepEqual(JSON.parse(labels.stdout), { app: 'web', 'webhook.liqo-ts.test/mutated': 'true' });
  const tolerations = await c.kubectl(['get', 'pod', 'web', '-n', 't-mutate', '-o', 'jsonpath={.spec.tolerations[*].key}']);
  assert.match(tolerations.stdout, /virtual-node\.liqo\.io\/not-allowed/);
  // The review carried the request's facts.
  const seen = hooks.requests.filter((x) => x.path === '/mutate').at(-1)!.request;
  assert.equal(seen.operation, 'CREATE');
  assert.deepEqual(seen.kind, { group: '', version: 'v1', kind: 'Pod' });
  assert.deepEqual(seen.resource, { group: '', version: 'v1', resource: 'pods' });
  assert.equal(seen.namespace, 't-mutate');
  assert.equal(seen.name, 'web');
  assert.equal(seen.userInfo.username, 'kubernetes-admin');
  assert.equal(seen.dryRun, false);
  // Other namespaces are outside the namespaceSelector.
  const other = await createPod('web', 'default');
  assert.equal(other.code, 0, other.stderr);
  assert.doesNotMatch(other.stderr, /Warning/);
  await c.kubectl(['delete', 'pod', 'web', '-n', 'default', '--grace-period=0', '--force']);
});

test('a validating webhook denies with its message, and nothing is stored', async () => {
  await namespace('t-deny');
  await configure('Validating', 't-deny', 't-deny', [webhook('deny.liqo-ts.test', 't-deny', { path: '/deny' })]);
  const denied = await createPod('bad', 't-deny', { deny: 'yes' });
  assert.equal(denied.code, 1);
  assert.match(denied.stderr, /^Error from server \(Forbidden\): error when creating ".*t-deny-bad\.json": admission webhook "deny\.liqo-ts\.test" denied the request: pods labelled deny=yes are not allowed here$/m);
  assert.equal(await podExists('bad', 't-deny'), false);
  const plain = await createPod('plain', 't-deny', { deny: 'plain' });
  assert.match(plain.stderr, /^Error from server: error when creating ".*": admission webhook "deny\.liqo-ts\.test" denied the request without explanation$/m);
  const ok = await createPod('good', 't-deny');
  assert.equal(ok.code, 0, ok.stderr);
});

test('objectSelector limits a webhook to matching objects', async () => {
  await namespace('t-objsel');
  await configure('Validating', 't-objsel', 't-objsel', [webhook('objsel.liqo-ts.test', 't-objsel', {
    path: '/deny', extra: { objectSelector: { matchExpressions: [{ key: 'checked', operator: 'Exists' }] } },
  })]);
  const unchecked = await createPod('unchecked', 't-objsel', { deny: 'yes' });
  assert.equal(unchecked.code, 0, unchecked.stderr);
  const checked = await createPod('checked', 't-objsel', { deny: 'yes', checked: 'true' });
  assert.match(checked.stderr, /denied the request: pods labelled deny=yes are not allowed here/);
});

test('failurePolicy: Fail refuses when the webhook is down; Ignore lets the request through', async () => {
  await namespace('t-down');
  const port = await closedPort();
  const down = (name: string, policy: string) => webhook(name, 't-down', {
    clientConfig: { url: `https://127.0.0.1:${port}/down`, caBundle: hooks.caBundle }, extra: { failurePolicy: policy },
  });
  await configure('Validating', 't-down', 't-down', [down('down.liqo-ts.test', 'Fail')]);
  const refused = await createPod('p', 't-down');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, new RegExp(
    `Error from server \\(InternalError\\): error when creating ".*": Internal error occurred: failed calling webhook "down\\.liqo-ts\\.test": `
    + `failed to call webhook: Post "https://127\\.0\\.0\\.1:${port}/down\\?timeout=10s": dial tcp 127\\.0\\.0\\.1:${port}: connect: connection refused`,
  ));
  assert.equal(await podExists('p', 't-down'), false);
  await configure('Validating', 't-down', 't-down', [down('down.liqo-ts.test', 'Ignore')]);
  const through = await createPod('p', 't-down');
  assert.equal(through.code, 0, through.stderr);
});

test('clientConfig.service reaches the webhook through the Service endpoints and caBundle', async () => {
  await namespace('t-svc');
  await namespace('webhook-system');
  const svc = {
    apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'hooks', namespace: 'webhook-system' }, spec: { ports: [{ name: 'https', port: 443, targetPort: 9443 }] } },
      {
        apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'hooks', namespace: 'webhook-system' },
        subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: hooks.port }] }],
      },
    ],
  };
  const applied = await c.kubectl(['apply', '-f', c.write('svc.json', JSON.stringify(svc))]);
  assert.equal(applied.code, 0, applied.stderr);
  await configure('Mutating', 't-svc', 't-svc', [webhook('svc.liqo-ts.test', 't-svc', {
    clientConfig: { service: { name: 'hooks', namespace: 'webhook-system', path: '/mutate' }, caBundle: hooks.caBundle },
  })]);
  const r = await createPod('web', 't-svc');
  assert.equal(r.code, 0, r.stderr);
  const labels = await c.kubectl(['get', 'pod', 'web', '-n', 't-svc', '-o', 'jsonpath={.metadata.labels}']);
  assert.match(labels.stdout, /webhook\.liqo-ts\.test\/mutated/);
});

test('reinvocationPolicy IfNeeded calls a webhook again after a later one changed the object', async () => {
  await namespace('t-reinvoke');
  await configure('Mutating', 't-reinvoke-a', 't-reinvoke', [webhook('a.liqo-ts.test', 't-reinvoke', {
    path: '/reinvoke-a', extra: { reinvocationPolicy: 'IfNeeded' },
  })]);
  await configure('Mutating', 't-reinvoke-b', 't-reinvoke', [webhook('b.liqo-ts.test', 't-reinvoke', { path: '/reinvoke-b' })]);
  const r = await createPod('p', 't-reinvoke', { x: 'y' });
  assert.equal(r.code, 0, r.stderr);
  const labels = await c.kubectl(['get', 'pod', 'p', '-n', 't-reinvoke', '-o', 'jsonpath={.metadata.labels}']);
  assert.deepEqual(JSON.parse(labels.stdout), { x: 'y', b: 'true', 'a-saw-b': 'true' });
});

test('UPDATE and DELETE reach webhooks with the old object; server-side dry run is flagged', async () => {
  await namespace('t-review');
  await configure('Validating', 't-review', 't-review', [webhook('review.liqo-ts.test', 't-review', {
    path: '/review', resources: ['configmaps'], operations: ['*'],
  })]);
  const seen = () => hooks.requests.filter((x) => x.path === '/review').map((x) => x.request);
  assert.equal((await c.kubectl(['create', 'configmap', 'cm', '-n', 't-review', '--from-literal=a=1'])).code, 0);
  assert.equal((await c.kubectl(['label', 'configmap', 'cm', '-n', 't-review', 'x=y'])).code, 0);
  assert.equal((await c.kubectl(['create', 'configmap', 'dry', '-n', 't-review', '--dry-run=server'])).code, 0);
  assert.equal((await c.kubectl(['delete', 'configmap', 'cm', '-n', 't-review'])).code, 0);
  const [create, update, dry, del] = seen();
  assert.equal(create!.operation, 'CREATE');
  assert.equal(create!.oldObject, null);
  assert.equal(update!.operation, 'UPDATE');
  assert.deepEqual(update!.object?.metadata.labels, { x: 'y' });
  assert.equal(update!.oldObject?.metadata.labels, undefined);
  assert.equal(dry!.dryRun, true);
  assert.equal(del!.operation, 'DELETE');
  assert.equal(del!.object, null);
  assert.equal(del!.oldObject?.metadata.name, 'cm');
});

test('bad webhooks: not JSON, invalid patch, hanging past timeoutSeconds, unknown CA; the server keeps serving', async () => {
  await namespace('t-bad');
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['notjson', { path: '/not-json' }, /failed calling webhook "notjson\.liqo-ts\.test": received invalid webhook response: /],
    ['badpatch', { path: '/bad-patch' }, /admission webhook "badpatch\.liqo-ts\.test" returned an invalid patch: /],
    ['hang', { path: '/hang', extra: { timeoutSeconds: 1 } }, /failed calling webhook "hang\.liqo-ts\.test": failed to call webhook: Post "https:\/\/127\.0\.0\.1:\d+\/hang\?timeout=1s": context deadline exceeded/],
    ['unknownca', { clientConfig: { url: hooks.url('/mutate') } }, /x509: certificate signed by unknown authority/],
  ];
  for (const [name, opts, expected] of cases) {
    await configure('Mutating', `t-bad-${name}`, 't-bad', [webhook(`${name}.liqo-ts.test`, 't-bad', opts)]);
    const r = await createPod(name, 't-bad');
    assert.equal(r.code, 1, `${name}: ${r.stdout}`);
    assert.match(r.stderr, /Error from server \(InternalError\)/);
    assert.match(r.stderr, expected);
    assert.equal(await podExists(name, 't-bad'), false);
    assert.equal((await c.kubectl(['delete', 'mutatingwebhookconfiguration', `t-bad-${name}`])).code, 0);
  }
  assert.equal((await c.kubectl(['get', 'namespaces'])).code, 0);
});

test('configurations are listed, defaulted and validated like kube-apiserver does', async () => {
  await configure('Validating', 't-config', 't-config', [webhook('config.liqo-ts.test', 't-config', { path: '/deny' })]);
  const table = await c.kubectl(['get', 'validatingwebhookconfigurations', 't-config']);
  assert.match(table.stdout, /^NAME\s+WEBHOOKS\s+AGE\nt-config\s+1\s+\d+s\n$/);
  const hook = JSON.parse((await c.kubectl(['get', 'validatingwebhookconfiguration', 't-config', '-o', 'jsonpath={.webhooks[0]}'])).stdout);
  assert.deepEqual(
    [hook.failurePolicy, hook.matchPolicy, hook.timeoutSeconds, hook.objectSelector, hook.rules[0].scope],
    ['Fail', 'Equivalent', 10, {}, '*'],
  );
  const bad = {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'bad' },
    webhooks: [{ name: 'bad.liqo-ts.test', clientConfig: { url: 'http://127.0.0.1:1/x' }, admissionReviewVersions: ['v1'] }],
  };
  const r = await c.kubectl(['apply', '-f', c.write('bad.json', JSON.stringify(bad))]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The MutatingWebhookConfiguration "bad" is invalid: \n\* webhooks\[0\]\.sideEffects: Required value: must specify one of None, NoneOnDryRun\n\* webhooks\[0\]\.clientConfig\.url: Invalid value: "http": 'https' is the only allowed URL scheme; desired format: https:\/\/host\[\/path\]/);
});
