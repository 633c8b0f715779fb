import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { StatusError } from '../errors.js';
import { serverSideApply, type ServerSideApplyOptions } from './server-side-apply.js';
import { updateManagedFields } from './update-managed-fields.js';

const T1 = '2024-05-01T10:00:00Z';
const T2 = '2024-05-01T11:00:00Z';
const T3 = '2024-05-01T12:00:00Z';

function deployment(replicas: number | undefined, extra: { labels?: Record<string, string>; image?: string; args?: string[] } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: extra.labels ?? { app: 'web' } },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: extra.image ?? 'nginx:1.25', ...(extra.args ? { args: extra.args } : {}) }] },
      },
    },
  };
}

const opts = (manager: string, over: Partial<ServerSideApplyOptions> = {}): ServerSideApplyOptions => ({
  manager, force: false, apiVersion: 'apps/v1', time: T1, modelName: 'V1Deployment', kind: 'Deployment', ...over,
});

/** What the store adds on create. */
function stored(obj: KubeObject): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, uid: 'uid-1', resourceVersion: '1', creationTimestamp: T1 } };
}

function apply(live: KubeObject | undefined, applied: KubeObject, o: ServerSideApplyOptions): KubeObject {
  const out = serverSideApply(live, applied, o);
  return live ? out : stored(out);
}

function conflict(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StatusError);
    return err;
  }
  assert.fail('expected a conflict');
}

const APPLIED_FIELDS = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
    },
  },
};

test('first apply creates the object and records an Apply entry', () => {
  const out = serverSideApply(undefined, deployment(2), opts('kubectl'));
  assert.equal((out.spec as any).replicas, 2);
  assert.deepEqual(out.metadata.managedFields, [
    { manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: T1, fieldsType: 'FieldsV1', fieldsV1: APPLIED_FIELDS },
  ]);
});

test('re-applying the same configuration changes nothing, not even the time', () => {
  const live = apply(undefined, deployment(2), opts('kubectl'));
  const again = serverSideApply(live, deployment(2), opts('kubectl', { time: T2 }));
  assert.deepEqual(again, live);
});

test('fields dropped from the configuration are removed unless someone else owns them', () => {
  let live = apply(undefined, deployment(2, { labels: { app: 'web', tier: 'fe' }, args: ['-v'] }), opts('kubectl'));
  live = serverSideApply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { tier: 'fe' } } }, opts('labeler', { time: T2 }));
  live = serverSideApply(live, deployment(2), opts('kubectl', { time: T3 }));
  assert.deepEqual(live.metadata.labels, { app: 'web', tier: 'fe' }, 'tier is still applied by labeler');
  assert.equal(((live.spec as any).template.spec.containers[0] as any).args, undefined, 'args are pruned');
  live = serverSideApply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } }, opts('labeler', { time: T3 }));
  assert.deepEqual(live.metadata.labels, { app: 'web' });
  assert.deepEqual(live.metadata.managedFields?.map((e) => e.manager), ['kubectl']);
});

test('omitting every field of a map removes the map', () => {
  let live = apply(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1' } }, data: { x: '1' } }, opts('m', { apiVersion: 'v1', kind: 'ConfigMap', modelName: 'V1ConfigMap' }));
  live = serverSideApply(live, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { x: '1' } }, opts('m', { apiVersion: 'v1', kind: 'ConfigMap', modelName: 'V1ConfigMap' }));
  assert.equal(live.metadata.labels, undefined);
  assert.deepEqual(live.data, { x: '1' });
});

test('conflicts with an Update manager are 409 with kube wording; force transfers ownership', () => {
  const created = updateManagedFields(undefined, stored(deployment(1)), { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', time: T1, modelName: 'V1Deployment' });
  const err = conflict(() => serverSideApply(created, deployment(3), opts('kubectl-ssa')));
  assert.equal(err.status.code, 409);
  assert.equal(err.status.reason, 'Conflict');
  assert.equal(err.status.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  assert.deepEqual(err.status.details, {
    causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }],
  });
  // Same values are shared, not conflicting.
  const shared = serverSideApply(created, deployment(1), opts('kubectl-ssa', { time: T2 }));
  assert.deepEqual(shared.metadata.managedFields?.map((e) => e.manager), ['kubectl-ssa', 'kubectl-client-side-apply']);
  const forced = serverSideApply(created, deployment(3), opts('kubectl-ssa', { force: true, time: T2 }));
  assert.equal((forced.spec as any).replicas, 3);
  const csa = forced.metadata.managedFields?.find((e) => e.manager === 'kubectl-client-side-apply');
  assert.equal((csa?.fieldsV1 as any)['f:spec']['f:replicas'], undefined, 'the updater lost .spec.replicas');
});

test('several conflicts are grouped by manager', () => {
  let live = apply(undefined, deployment(1, { image: 'a' }), opts('alpha'));
  live = serverSideApply(live, deployment(1, { image: 'a' }), opts('beta', { time: T2 }));
  const err = conflict(() => serverSideApply(live, deployment(5, { image: 'b' }), opts('gamma', { time: T3 })));
  assert.equal(err.status.message, [
    'Apply failed with 4 conflicts: conflicts with "alpha":',
    '- .spec.replicas',
    '- .spec.template.spec.containers[name="nginx"].image',
    'conflicts with "beta":',
    '- .spec.replicas',
    '- .spec.template.spec.containers[name="nginx"].image',
  ].join('\n'));
});

test('objects without managedFields start with a before-first-apply manager', () => {
  const live = stored(deployment(1));
  const err = conflict(() => serverSideApply(live, deployment(4), opts('mgr')));
  assert.equal(err.status.message, 'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
  const ok = serverSideApply(live, deployment(1), opts('mgr'));
  assert.deepEqual(ok.metadata.managedFields?.map((e) => [e.manager, e.operation]), [['mgr', 'Apply'], ['before-first-apply', 'Update']]);
});

test('kubectl moving from client-side to server-side apply is not a conflict', () => {
  const lastApplied = `${JSON.stringify(deployment(1))}\n`;
  const csa = deployment(1);
  csa.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied };
  const live = updateManagedFields(undefined, stored(csa), { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', time: T1, modelName: 'V1Deployment' });
  const out = serverSideApply(live, deployment(3), opts('kubectl', { time: T2 }));
  assert.equal((out.spec as any).replicas, 3);
  const annotation = out.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '';
  assert.equal(JSON.parse(annotation).spec.replicas, 3, 'the annotation follows the applied configuration');
  assert.ok(annotation.endsWith('\n'));
  // Any other manager still conflicts.
  const err = conflict(() => serverSideApply(live, deployment(3), opts('helm', { time: T2 })));
  assert.match(err.status.message ?? '', /conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas$/);
});

test('status is not owned through the main resource', () => {
  const applied = { ...deployment(1), status: { replicas: 9 } };
  const out = serverSideApply(undefined, applied, opts('kubectl'));
  assert.equal((out.metadata.managedFields?.[0]?.fieldsV1 as any)['f:status'], undefined);
  const viaStatus = serverSideApply(stored(out), { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, status: { replicas: 2 } },
    opts('ctrl', { subresource: 'status', time: T2 }));
  const entry = viaStatus.metadata.managedFields?.find((e) => e.manager === 'ctrl');
  assert.deepEqual([entry?.subresource, entry?.fieldsV1], ['status', { 'f:status': { 'f:replicas': {} } }]);
});

test('custom resources merge map lists from their schema', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          items: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' }, v: { type: 'integer' } } } },
          args: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  };
  const cr = (items: unknown[], args: string[]) => ({ apiVersion: 'x.io/v1', kind: 'W', metadata: { name: 'w' }, spec: { items, args } });
  const o = (m: string): ServerSideApplyOptions => ({ manager: m, force: false, apiVersion: 'x.io/v1', time: T1, schema, kind: 'W' });
  let live = apply(undefined, cr([{ name: 'a', v: 1 }], ['x']), o('one'));
  live = serverSideApply(live, cr([{ name: 'b', v: 2 }], ['x']), o('two'));
  assert.deepEqual((live.spec as any).items, [{ name: 'a', v: 1 }, { name: 'b', v: 2 }]);
  const err = conflict(() => serverSideApply(live, cr([{ name: 'a', v: 1 }], ['y']), o('one')));
  assert.equal(err.status.message, 'Apply failed with 1 conflict: conflict with "two": .spec.args');
});

test('request errors', () => {
  const cases: [string, () => unknown, number, string][] = [
    ['managedFields in the configuration', () => serverSideApply(undefined, { ...deployment(1), metadata: { name: 'web', managedFields: [] } }, opts('m')),
      400, 'metadata.managedFields must be nil'],
    ['wrong version', () => serverSideApply(undefined, { ...deployment(1), apiVersion: 'apps/v1beta1' }, opts('m')), 400, 'invalid object type: apps/v1beta1, Kind=Deployment'],
    ['wrong kind', () => serverSideApply(undefined, { ...deployment(1), kind: 'ReplicaSet' }, opts('m')), 400, 'invalid object type: apps/v1, Kind=ReplicaSet'],
    ['item without its key', () => serverSideApply(undefined, { ...deployment(1), spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, opts('m')),
      500, 'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)'],
    ['duplicate keys', () => serverSideApply(undefined, { ...deployment(1), spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'a' }] } } } }, opts('m')),
      500, 'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="a"]'],
  ];
  for (const [name, fn, code, message] of cases) {
    const err = conflict(fn);
    assert.deepEqual([err.status.code, err.status.message], [code, message], name);
  }
});
