import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigMap, Pod, Secret } from '../../../api/core-v1.js';
import type { Volume } from './container-spec.js';
import { forgeVolumeFiles, VolumeError, type VolumeLookups } from './volume-files.js';
import { PodVolumes, writeAtomically } from './volumes.js';
import type { Client } from '../../../client/rest-client.js';

const POD: Pod = { metadata: { name: 'p', namespace: 'ns', labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'c' }] } };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const lookups = (over: Partial<VolumeLookups> = {}): VolumeLookups => ({
  configMaps: new Map<string, ConfigMap | undefined>([['kube-root-ca.crt', { metadata: {}, data: { 'ca.crt': 'CA' } }], ['cfg', { metadata: {}, data: { a: 'A', b: 'B' } }]]),
  secrets: new Map<string, Secret | undefined>([['s', { metadata: {}, data: { key: b64('K') } }]]),
  tokens: new Map([['token', 'T0K']]), podIP: '10.244.0.2', hostIP: '127.0.0.1', ...over,
});
const text = (files: ReturnType<typeof forgeVolumeFiles>) => Object.fromEntries([...files!].map(([k, v]) => [k, `${v.data.toString()}:${v.mode.toString(8)}`]));

test('the projected kube-api-access volume holds token, ca.crt and namespace', () => {
  // As the ServiceAccount admission plugin adds it.
  const volume: Volume = {
    name: 'kube-api-access-x',
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
  const files = forgeVolumeFiles(volume, POD, lookups());
  assert.deepEqual(text(files), { token: 'T0K:644', 'ca.crt': 'CA:644', namespace: 'ns:644' });
});

test('configMap, secret and downwardAPI volumes: every key, or the items at their paths', () => {
  const cases: [Volume, Record<string, string>][] = [
    [{ name: 'v', configMap: { name: 'cfg' } }, { a: 'A:644', b: 'B:644' }],
    [{ name: 'v', configMap: { name: 'cfg', items: [{ key: 'b', path: 'dir/b.txt', mode: 0o400 }] } }, { 'dir/b.txt': 'B:400' }],
    [{ name: 'v', secret: { secretName: 's', defaultMode: 0o600 } }, { key: 'K:600' }],
    [{ name: 'v', configMap: { name: 'nope', optional: true } }, {}],
    [{ name: 'v', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'ip', fieldRef: { fieldPath: 'status.podIP' } }] } },
      { labels: 'a="1"\nb="2":644', ip: '10.244.0.2:644' }],
  ];
  for (const [volume, want] of cases) assert.deepEqual(text(forgeVolumeFiles(volume, POD, lookups())), want, JSON.stringify(volume));
  assert.equal(forgeVolumeFiles({ name: 'v', emptyDir: {} }, POD, lookups()), undefined);
});

test('missing objects and keys fail the mount as the kubelet reports it', () => {
  const cases: [Volume, string][] = [
    [{ name: 'v', configMap: { name: 'nope' } }, 'configmap "nope" not found'],
    [{ name: 'v', secret: { secretName: 'nope' } }, 'secret "nope" not found'],
    [{ name: 'v', configMap: { name: 'cfg', items: [{ key: 'zz', path: 'z' }] } }, 'configmap references non-existent config key: zz'],
  ];
  for (const [volume, message] of cases) {
    assert.throws(() => forgeVolumeFiles(volume, POD, lookups()), (err: unknown) => err instanceof VolumeError && err.message === message);
  }
});

test('files are written atomically: a timestamped dir behind ..data, entries linked through it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  try {
    writeAtomically(dir, new Map([['token', { data: Buffer.from('one'), mode: 0o644 }], ['ns', { data: Buffer.from('x'), mode: 0o644 }]]), new Date());
    const first = readlinkSync(join(dir, '..data'));
    assert.equal(readlinkSync(join(dir, 'token')), '..data/token');
    writeAtomically(dir, new Map([['token', { data: Buffer.from('two'), mode: 0o600 }]]), new Date());
    assert.equal(readFileSync(join(dir, 'token'), 'utf8'), 'two');
    assert.equal(statSync(join(dir, 'token')).mode & 0o777, 0o600);
    assert.notEqual(readlinkSync(join(dir, '..data')), first);
    assert.deepEqual(readdirSync(dir).filter((e) => !e.startsWith('..')), ['token'], 'entries no longer written are removed');
    assert.equal(readdirSync(dir).filter((e) => e.startsWith('..20')).length, 1, 'the old timestamped dir is gone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('projected tokens are requested bound to the pod and again only after 80% of their lifetime', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'volumes-'));
  let now = Date.parse('2026-01-01T00:00:00Z');
  const requests: { path: string; body: { spec: { boundObjectRef: unknown; expirationSeconds: number } } }[] = [];
  const client = {
    get: async () => ({ metadata: {}, data: { 'ca.crt': 'CA' } }),
    request: async (_m: string, path: string, body: (typeof requests)[number]['body']) => {
      requests.push({ path, body });
      return { status: { token: `token-${requests.length}`, expirationTimestamp: new Date(now + 1000_000).toISOString() } };
    },
  };
  const pod: Pod = {
    metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
    spec: {
      containers: [{ name: 'c' }], serviceAccountName: 'sa',
      volumes: [{ name: 'api', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 1000 } }, { configMap: { name: 'kube-root-ca.crt' } }] } }],
    } as Pod['spec'],
  };
  const volumes = new PodVolumes(pod, { podIP: '10.244.0.2', hostIP: '127.0.0.1' }, { client: client as unknown as Client, podsDir: dir, nodeRoot: dir, now: () => new Date(now) });
  try {
    await volumes.setUp();
    const tokenFile = join(dir, 'u1', 'volumes', 'api', 'token');
    assert.equal(readFileSync(tokenFile, 'utf8'), 'token-1');
    assert.equal(requests[0]!.path, '/api/v1/namespaces/ns/serviceaccounts/sa/token');
    assert.deepEqual(requests[0]!.body.spec.boundObjectRef, { apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u1' });
    assert.equal(volumes.nextRefresh(), now + 60_000, 'resynced every minute');
    now += 700_000;
    await volumes.refresh();
    assert.equal(requests.length, 1, 'not yet 80% of 1000 s');
    now += 200_000;
    await volumes.refresh();
    assert.equal(requests.length, 2);
    assert.equal(readFileSync(tokenFile, 'utf8'), 'token-2');
    assert.deepEqual(volumes.mounts({ name: 'c', volumeMounts: [{ name: 'api', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount/', readOnly: true }] }),
      [{ path: '/var/run/secrets/kubernetes.io/serviceaccount', host: join(dir, 'u1', 'volumes', 'api'), readOnly: true }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
