// @kubernetes/client-node against a real lkind cluster: list then watch resuming from the list's
// resourceVersion, 410 Expired once the watch window has moved past it and recovery by relisting
// (what informers do), and 409 on an update with a stale resourceVersion.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { createTestCluster, eventually, type TestCluster } from '../support/cluster.js';

let c: TestCluster;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
const NS = 'default';

before(async () => {
  // A small watch window so that compaction is easy to provoke.
  c = await createTestCluster('compat', [], { LKIND_WATCH_CACHE_SIZE: '50' });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(c.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
});
after(async () => { await c?.destroy(); });

function configMap(name: string, value = '1'): k8s.V1ConfigMap {
  return { metadata: { name }, data: { value } };
}

test('watch resumes from a list resourceVersion and sees only later events', async () => {
  await core.createNamespacedConfigMap({ namespace: NS, body: configMap('before') });
  const list = await core.listNamespacedConfigMap({ namespace: NS });
  const rv = list.metadata?.resourceVersion;
  assert.ok(rv);
  const seen: string[] = [];
  const watch = new k8s.Watch(kc);
  const req = await watch.watch(`/api/v1/namespaces/${NS}/configmaps`, { resourceVersion: rv }, (type, obj: k8s.V1ConfigMap) => {
    seen.push(`${type} ${obj.metadata?.name}`);
  }, () => {});
  try {
    await core.createNamespacedConfigMap({ namespace: NS, body: configMap('after') });
    await core.deleteNamespacedConfigMap({ namespace: NS, name: 'before' });
    await eventually(async () => seen.length >= 2);
    assert.deepEqual(seen, ['ADDED after', 'DELETED before']);
  } finally {
    req.abort();
  }
});

test('a watch from a compacted resourceVersion gets 410 Expired; a relist recovers', async () => {
  const old = (await core.listNamespacedConfigMap({ namespace: NS })).metadata!.resourceVersion!;
  for (let i = 0; i < 60; i++) await core.createNamespacedConfigMap({ namespace: NS, body: configMap(`churn-${i}`) });
  const events: { type: string; obj: any }[] = [];
  const watch = new k8s.Watch(kc);
  const req = await watch.watch(`/api/v1/namespaces/${NS}/configmaps`, { resourceVersion: old }, (type, obj) => {
    events.push({ type, obj });
  }, () => {});
  await eventually(async () => events.length > 0);
  req.abort();
  assert.equal(events[0]!.type, 'ERROR');
  assert.equal(events[0]!.obj.code, 410);
  assert.equal(events[0]!.obj.reason, 'Expired');
  assert.match(events[0]!.obj.message, /^too old resource version: \d+ \(\d+\)$/);
  const relisted = await core.listNamespacedConfigMap({ namespace: NS });
  assert.equal(relisted.items.filter((i) => i.metadata?.name?.startsWith('churn-')).length, 60);
});

test('paginated lists are consistent and a compacted continue token gets 410', async () => {
  const page1 = await core.listNamespacedConfigMap({ namespace: NS, limit: 10 });
  assert.equal(page1.items.length, 10);
  assert.ok(page1.metadata?._continue);
  assert.ok((page1.metadata?.remainingItemCount ?? 0) > 0);
  await core.createNamespacedConfigMap({ namespace: NS, body: configMap('aaa-late') });
  const page2 = await core.listNamespacedConfigMap({ namespace: NS, limit: 500, _continue: page1.metadata!._continue });
  assert.ok(!page2.items.some((i) => i.metadata?.name === 'aaa-late'), 'pages are a snapshot of the first page');
  for (let i = 0; i < 60; i++) await core.createNamespacedConfigMap({ namespace: NS, body: configMap(`later-${i}`) });
  await assert.rejects(
    core.listNamespacedConfigMap({ namespace: NS, limit: 10, _continue: page1.metadata!._continue }),
    (err: any) => err.code === 410,
  );
});

test('an informer lists, watches and keeps its cache in sync', async () => {
  const path = `/api/v1/namespaces/${NS}/configmaps`;
  const informer = k8s.makeInformer(kc, path, () => core.listNamespacedConfigMap({ namespace: NS }));
  await informer.start();
  try {
    await core.createNamespacedConfigMap({ namespace: NS, body: configMap('informed') });
    await eventually(async () => informer.list(NS).some((o) => o.metadata?.name === 'informed'));
  } finally {
    await informer.stop();
  }
});

test('update with a stale resourceVersion: 409 Conflict', async () => {
  const created = await core.createNamespacedConfigMap({ namespace: NS, body: configMap('stale') });
  await core.replaceNamespacedConfigMap({ namespace: NS, name: 'stale', body: { ...created, data: { value: '2' } } });
  await assert.rejects(
    core.replaceNamespacedConfigMap({ namespace: NS, name: 'stale', body: { ...created, data: { value: '3' } } }),
    (err: any) => err.code === 409 && /the object has been modified/.test(String(err.body)),
  );
});
