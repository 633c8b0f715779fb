import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  buildKubeconfig, kubeconfigPaths, mergeKubeconfig, parseKubeconfig, pathForMerge, removeFromKubeconfig,
  removeKubeconfigEntries, serializeKubeconfig, writeMergedKubeconfig, type Kubeconfig,
} from './kubeconfig.js';

const PEM = (what: string) => `-----BEGIN ${what}-----\nAAAA\n-----END ${what}-----\n`;

function lkindConfig(cluster: string, port = 6443): Kubeconfig {
  return buildKubeconfig({
    cluster, server: `https://127.0.0.1:${port}`, caCert: PEM('CERTIFICATE'), clientCert: PEM('CERTIFICATE'), clientKey: PEM('PRIVATE KEY'),
  });
}

const OTHER = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: { server: https://prod.example:6443 }
contexts:
- name: prod
  context: { cluster: prod, user: prod, namespace: web }
current-context: prod
users:
- name: prod
  user: { token: secret }
extensions: [{ name: keep-me, extension: {} }]
`;

const names = (config: Kubeconfig, key: string) => (config[key] as { name: string }[]).map((e) => e.name);

test('the kubeconfig looks like kind\'s: one cluster, user and context named lkind-<name>', () => {
  const text = serializeKubeconfig(lkindConfig('demo', 40000));
  const b64 = Buffer.from(PEM('CERTIFICATE')).toString('base64');
  assert.equal(text, `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64}
    server: https://127.0.0.1:40000
  name: lkind-demo
contexts:
- context:
    cluster: lkind-demo
    user: lkind-demo
  name: lkind-demo
current-context: lkind-demo
kind: Config
preferences: {}
users:
- name: lkind-demo
  user:
    client-certificate-data: ${b64}
    client-key-data: ${Buffer.from(PEM('PRIVATE KEY')).toString('base64')}
`);
});

test('merge keeps other entries and fields, appends ours, sets current-context', () => {
  const merged = mergeKubeconfig(parseKubeconfig(OTHER), lkindConfig('demo'));
  for (const key of ['clusters', 'contexts', 'users']) assert.deepEqual(names(merged, key), ['prod', 'lkind-demo']);
  assert.equal(merged['current-context'], 'lkind-demo');
  assert.deepEqual(merged.extensions, [{ name: 'keep-me', extension: {} }]);
  assert.deepEqual((merged.contexts as Kubeconfig[])[0], { name: 'prod', context: { cluster: 'prod', user: 'prod', namespace: 'web' } });
});

test('merge replaces an entry of the same name in place', () => {
  const first = mergeKubeconfig(mergeKubeconfig(parseKubeconfig(OTHER), lkindConfig('demo', 1111)), lkindConfig('b'));
  const again = mergeKubeconfig(first, lkindConfig('demo', 2222));
  assert.deepEqual(names(again, 'clusters'), ['prod', 'lkind-demo', 'lkind-b']);
  const demo = (again.clusters as { name: string; cluster: { server: string } }[])[1]!;
  assert.equal(demo.cluster.server, 'https://127.0.0.1:2222');
});

test('merge into an empty file yields the standalone kubeconfig', () => {
  assert.deepEqual(mergeKubeconfig({}, lkindConfig('x')), lkindConfig('x'));
  assert.deepEqual(mergeKubeconfig(parseKubeconfig(''), lkindConfig('x')), lkindConfig('x'));
});

test('remove drops only our entries and unsets current-context when it was ours', () => {
  const merged = mergeKubeconfig(parseKubeconfig(OTHER), lkindConfig('demo'));
  const { config, changed } = removeFromKubeconfig(merged, 'demo');
  assert.ok(changed);
  for (const key of ['clusters', 'contexts', 'users']) assert.deepEqual(names(config, key), ['prod']);
  assert.equal(config['current-context'], '');
  assert.deepEqual(config.extensions, merged.extensions);
  const other = removeFromKubeconfig(parseKubeconfig(OTHER), 'demo');
  assert.equal(other.changed, false);
  assert.equal(other.config['current-context'], 'prod');
});

test('kubeconfig paths follow kubectl: flag, $KUBECONFIG list, ~/.kube/config', () => {
  assert.deepEqual(kubeconfigPaths('/x/config', { KUBECONFIG: '/a' }), ['/x/config']);
  assert.deepEqual(kubeconfigPaths(undefined, { KUBECONFIG: ['/a', '', '/b', '/a'].join(delimiter) }), ['/a', '/b']);
  assert.deepEqual(kubeconfigPaths(undefined, { HOME: '/home/u' }), ['/home/u/.kube/config']);
  const dir = mkdtempSync(join(tmpdir(), 'lkind-kc-'));
  try {
    const [a, b, c] = [join(dir, 'a'), join(dir, 'b'), join(dir, 'c')];
    const env = { KUBECONFIG: [a, b, c].join(delimiter) };
    assert.equal(pathForMerge(undefined, env), c, 'none exists: the last one');
    writeFileSync(b, '');
    assert.equal(pathForMerge(undefined, env), b, 'the first that exists');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files: merged in place (0600), removed from every $KUBECONFIG file, lock released', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkind-kc-'));
  try {
    const main = join(dir, 'nested', 'config');
    const second = join(dir, 'second');
    writeFileSync(second, serializeKubeconfig(lkindConfig('demo')));
    const env = { KUBECONFIG: [main, second].join(delimiter) };
    // `second` exists and `main` does not: kubectl (and kind) merge into the first existing file.
    assert.equal(await writeMergedKubeconfig(lkindConfig('other'), undefined, env), second);
    assert.equal(await writeMergedKubeconfig(lkindConfig('demo'), main, env), main);
    assert.equal(statSync(main).mode & 0o777, 0o600);
    assert.ok(!existsSync(`${main}.lock`));
    await removeKubeconfigEntries('demo', undefined, env);
    assert.deepEqual(names(parseKubeconfig(readFileSync(main, 'utf8')), 'clusters'), []);
    assert.deepEqual(names(parseKubeconfig(readFileSync(second, 'utf8')), 'clusters'), ['lkind-other']);
    assert.equal(parseKubeconfig(readFileSync(second, 'utf8'))['current-context'], 'lkind-other');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a held lock is waited for, a broken file is reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkind-kc-'));
  try {
    const file = join(dir, 'config');
    writeFileSync(`${file}.lock`, '');
    setTimeout(() => rmSync(`${file}.lock`), 250);
    await writeMergedKubeconfig(lkindConfig('demo'), file);
    assert.deepEqual(names(parseKubeconfig(readFileSync(file, 'utf8')), 'users'), ['lkind-demo']);
    writeFileSync(file, '- just\n- a list\n');
    await assert.rejects(writeMergedKubeconfig(lkindConfig('demo'), file), /failed to get kubeconfig to merge: .*not a YAML mapping/);
    assert.ok(!existsSync(`${file}.lock`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
