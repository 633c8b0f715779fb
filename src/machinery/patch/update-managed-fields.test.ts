import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';
import { updateManagedFields, type UpdateManagedFieldsOptions } from './update-managed-fields.js';

const T1 = '2024-05-01T10:00:00Z';
const T2 = '2024-05-01T11:00:00Z';

const opts = (manager: string, over: Partial<UpdateManagedFieldsOptions> = {}): UpdateManagedFieldsOptions => ({
  manager, operation: 'Update', apiVersion: 'apps/v1', time: T1, modelName: 'V1Deployment', ...over,
});

/** `kubectl create deployment nginx --image=nginx` after defaulting. */
function created(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' }],
          restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler',
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

function persisted(obj: KubeObject): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, uid: 'uid-1', resourceVersion: '5' } };
}

const fieldsOf = (obj: KubeObject, manager: string) => obj.metadata.managedFields?.find((e) => e.manager === manager)?.fieldsV1 as any;

test('create records what kube records for kubectl create', () => {
  const out = updateManagedFields(undefined, created(), opts('kubectl-create'));
  assert.deepEqual(out.metadata.managedFields, [{
    manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: T1, fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:progressDeadlineSeconds': {},
        'f:replicas': {},
        'f:revisionHistoryLimit': {},
        'f:selector': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': {},
                'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {},
              },
            },
            'f:dnsPolicy': {},
            'f:restartPolicy': {},
            'f:schedulerName': {},
            'f:securityContext': {},
            'f:terminationGracePeriodSeconds': {},
          },
        },
      },
    },
  }]);
});

test('a later writer takes the fields it changes', () => {
  const live = persisted(updateManagedFields(undefined, created(), opts('kubectl-create')));
  const next = structuredClone(live);
  (next.spec as any).replicas = 3;
  next.metadata.labels = { app: 'nginx', tier: 'web' };
  const out = updateManagedFields(live, next, opts('kubectl-edit', { time: T2 }));
  assert.deepEqual(out.metadata.managedFields?.map((e) => [e.manager, e.time]), [['kubectl-create', T1], ['kubectl-edit', T2]]);
  assert.deepEqual(fieldsOf(out, 'kubectl-edit'), { 'f:metadata': { 'f:labels': { 'f:tier': {} } }, 'f:spec': { 'f:replicas': {} } });
  assert.equal(fieldsOf(out, 'kubectl-create')['f:spec']['f:replicas'], undefined);
  assert.deepEqual(fieldsOf(out, 'kubectl-create')['f:metadata'], { 'f:labels': { '.': {}, 'f:app': {} } });
});

test('no-op writes keep entries and times; removed fields leave every manager', () => {
  const live = persisted(updateManagedFields(undefined, created(), opts('kubectl-create')));
  const same = updateManagedFields(live, structuredClone(live), opts('other', { time: T2 }));
  assert.deepEqual(same.metadata.managedFields, live.metadata.managedFields);
  const next = structuredClone(live);
  delete (next.spec as any).revisionHistoryLimit;
  const out = updateManagedFields(live, next, opts('other', { time: T2 }));
  assert.equal(fieldsOf(out, 'kubectl-create')['f:spec']['f:revisionHistoryLimit'], undefined);
  assert.deepEqual(out.metadata.managedFields?.map((e) => e.manager), ['kubectl-create']);
});

test('where the write starts from', () => {
  const tracked = persisted(updateManagedFields(undefined, created(), opts('kubectl-create')));
  const untracked = persisted(created());
  const bump = (o: KubeObject, managedFields?: ManagedFieldsEntry[]) => {
    const n = structuredClone(o);
    (n.spec as any).replicas = 7;
    if (managedFields) n.metadata.managedFields = managedFields;
    return n;
  };
  const cases: [string, KubeObject, KubeObject, string[] | undefined, UpdateManagedFieldsOptions][] = [
    ['existing objects without managedFields stay untracked', untracked, bump(untracked), undefined, opts('x')],
    ['[] resets tracking', tracked, bump(tracked, []), undefined, opts('x')],
    ['[{}] resets tracking', tracked, bump(tracked, [{}]), undefined, opts('x')],
    ['sent entries replace the live ones', tracked, bump(tracked, [{ manager: 'mine', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:paused': {} } } }]),
      ['mine', 'x'], opts('x')],
    ['invalid sent entries fall back to the live ones', tracked, bump(tracked, [{ manager: 'bad', operation: 'Bogus' as 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' }]),
      ['kubectl-create', 'x'], opts('x')],
    ['subresource writes ignore sent entries', tracked, bump(tracked, []), ['kubectl-create'], opts('x', { subresource: 'status' })],
  ];
  for (const [name, prev, next, managers, o] of cases) {
    const out = updateManagedFields(prev, next, o);
    assert.deepEqual(out.metadata.managedFields?.map((e) => e.manager), managers, name);
  }
});

test('status subresource writers own status, with the subresource recorded', () => {
  const live = persisted(updateManagedFields(undefined, created(), opts('kubectl-create')));
  const next = structuredClone(live);
  next.status = { replicas: 1, conditions: [{ type: 'Available', status: 'True' }] };
  const out = updateManagedFields(live, next, opts('kube-controller-manager', { subresource: 'status', time: T2 }));
  const entry = out.metadata.managedFields?.find((e) => e.manager === 'kube-controller-manager');
  assert.equal(entry?.subresource, 'status');
  assert.deepEqual(entry?.fieldsV1, {
    'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"Available"}': { '.': {}, 'f:status': {}, 'f:type': {} } }, 'f:replicas': {} },
  });
});

test('more than ten updaters fold the oldest into ancient-changes', () => {
  let live = persisted(updateManagedFields(undefined, created(), opts('m0', { time: '2024-01-01T00:00:00Z' })));
  for (let i = 1; i <= 10; i++) {
    const next = structuredClone(live);
    next.metadata.labels = { ...next.metadata.labels, [`l${i}`]: 'x' };
    live = updateManagedFields(live, next, opts(`m${i}`, { time: `2024-01-01T00:00:${String(i).padStart(2, '0')}Z` }));
  }
  const managers = live.metadata.managedFields?.map((e) => e.manager) ?? [];
  assert.equal(managers.length, 10);
  assert.ok(managers.includes('ancient-changes'));
  assert.ok(!managers.includes('m0') && !managers.includes('m1'));
});
