import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { forgeReplica, forgeReplicaLabels, hasReplicatorFinalizer, isReplicaOf, replicaUpdate, statusToCopy, withoutReplicatorFinalizer, withReplicatorFinalizer } from './forge.js';

const VENICE = 'b07938e3-d241-460c-a77b-e286c0f733c7';
const NAPLES = '7881be1c-0c56-4d1e-8c34-7c8c3f8e5a2a';

const request = (over: Partial<KubeObject['metadata']> = {}, rest: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ResourceRequest',
  metadata: {
    name: 'venice', namespace: 'liqo-tenant-naples-7881be', uid: 'u-1', resourceVersion: '42', generation: 1, creationTimestamp: '2024-01-01T00:00:00Z',
    labels: { 'liqo.io/replication': 'true', 'liqo.io/remoteID': NAPLES, 'discovery.liqo.io/cluster-id': NAPLES },
    annotations: { note: 'kept' }, finalizers: ['crdReplicator.liqo.io'],
    ownerReferences: [{ apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster', name: 'naples', uid: 'fc-1', controller: true }],
    ...over,
  },
  spec: { clusterIdentity: { clusterID: VENICE, clusterName: 'venice' }, authUrl: 'https://127.0.0.1:30443' },
  status: { offerState: 'None' },
  ...rest,
});

test('replica labels: the replication request pair gives way to replicated/originID; other labels stay', () => {
  const cases: [Record<string, string> | undefined, Record<string, string>][] = [
    [{ 'liqo.io/replication': 'true', 'liqo.io/remoteID': NAPLES }, { 'liqo.io/replicated': 'true', 'liqo.io/originID': VENICE }],
    [{ 'liqo.io/replication': 'true', 'liqo.io/remoteID': NAPLES, app: 'x' }, { app: 'x', 'liqo.io/replicated': 'true', 'liqo.io/originID': VENICE }],
    [undefined, { 'liqo.io/replicated': 'true', 'liqo.io/originID': VENICE }],
    [{ 'liqo.io/originID': 'someone-else' }, { 'liqo.io/replicated': 'true', 'liqo.io/originID': VENICE }],
  ];
  for (const [labels, want] of cases) assert.deepEqual(forgeReplicaLabels(labels, VENICE), want, JSON.stringify(labels));
});

test('forgeReplica: same name, the remote tenant namespace, same annotations and spec; nothing the local cluster owns', () => {
  const local = request();
  const replica = forgeReplica(local, VENICE, 'liqo-tenant-venice-b07938');
  assert.deepEqual(replica, {
    apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ResourceRequest',
    metadata: {
      name: 'venice', namespace: 'liqo-tenant-venice-b07938',
      labels: { 'discovery.liqo.io/cluster-id': NAPLES, 'liqo.io/replicated': 'true', 'liqo.io/originID': VENICE },
      annotations: { note: 'kept' },
    },
    spec: local.spec,
  });
  assert.notEqual(replica.spec, local.spec, 'the spec is a copy');
  assert.equal(forgeReplica(request({ annotations: {} }), VENICE, 'ns').metadata.annotations, undefined);
  assert.equal('spec' in forgeReplica(request({}, { spec: undefined }), VENICE, 'ns'), false);
});

test('isReplicaOf: only replicas this cluster made', () => {
  const replica = forgeReplica(request(), VENICE, 'ns');
  assert.equal(isReplicaOf(replica, VENICE), true);
  assert.equal(isReplicaOf(replica, NAPLES), false);
  assert.equal(isReplicaOf(request(), VENICE), false);
});

test('replicaUpdate: none when labels, annotations and spec match; otherwise the remote object with them replaced', () => {
  const desired = forgeReplica(request(), VENICE, 'liqo-tenant-venice-b07938');
  const remote: KubeObject = {
    ...desired,
    metadata: { ...desired.metadata, uid: 'r-1', resourceVersion: '7', finalizers: ['remote.io/f'], ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'x' }] },
    status: { offerState: 'Created' },
  };
  assert.equal(replicaUpdate(remote, desired), undefined);
  assert.equal(replicaUpdate({ ...remote, metadata: { ...remote.metadata, annotations: { note: 'kept' } } }, desired), undefined);

  const newSpec = forgeReplica(request({}, { spec: { clusterIdentity: { clusterID: VENICE, clusterName: 'venice' }, authUrl: 'https://10.0.0.1:443' } }), VENICE, 'liqo-tenant-venice-b07938');
  const updated = replicaUpdate(remote, newSpec)!;
  assert.deepEqual(updated.spec, newSpec.spec);
  assert.equal(updated.metadata.resourceVersion, '7', 'optimistic update on the remote resourceVersion');
  assert.deepEqual(updated.metadata.finalizers, ['remote.io/f']);
  assert.deepEqual(updated.status, { offerState: 'Created' });

  const relabelled = replicaUpdate({ ...remote, metadata: { ...remote.metadata, labels: { stale: 'x' }, annotations: { old: 'y' } } }, desired)!;
  assert.deepEqual(relabelled.metadata.labels, desired.metadata.labels);
  assert.deepEqual(relabelled.metadata.annotations, { note: 'kept' });

  const noSpec = forgeReplica(request({}, { spec: undefined }), VENICE, 'liqo-tenant-venice-b07938');
  assert.equal('spec' in replicaUpdate(remote, noSpec)!, false);
});

test('statusToCopy: the replica status when it differs; nothing while the replica has none', () => {
  const cases: [unknown, unknown, unknown][] = [
    // local status, remote status, expected
    [{ offerState: 'None' }, { offerState: 'Created' }, { offerState: 'Created' }],
    [undefined, { offerState: 'Created' }, { offerState: 'Created' }],
    [{ offerState: 'Created' }, { offerState: 'Created' }, undefined],
    [{ offerState: 'Created' }, undefined, undefined],
    [{ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 }, undefined],
    [{ offerState: 'Created', offerWithdrawalTimestamp: 't' }, { offerState: 'Created' }, { offerState: 'Created' }],
  ];
  for (const [l, r, want] of cases) {
    assert.deepEqual(statusToCopy(request({}, { status: l }), request({}, { status: r })), want, `${JSON.stringify(l)} <- ${JSON.stringify(r)}`);
  }
});

test('the replicator finalizer is added once and removed alone', () => {
  const bare = request({ finalizers: ['other.io/f'] });
  const withF = withReplicatorFinalizer(bare);
  assert.deepEqual(withF.metadata.finalizers, ['other.io/f', 'crdReplicator.liqo.io']);
  assert.equal(withReplicatorFinalizer(withF), withF);
  assert.equal(hasReplicatorFinalizer(withF), true);
  assert.deepEqual(withoutReplicatorFinalizer(withF).metadata.finalizers, ['other.io/f']);
  assert.deepEqual(withReplicatorFinalizer(request({ finalizers: undefined })).metadata.finalizers, ['crdReplicator.liqo.io']);
});
