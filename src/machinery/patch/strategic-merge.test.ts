import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.js';
import { applyStrategicMergePatch } from './strategic-merge.js';

type Obj = Record<string, any>;

const deployment = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a', 'b'] },
  spec: {
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.14', args: ['-a', '-b'], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { name: 'sidecar', image: 'busybox' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
});

const smp = (patch: unknown, doc: Obj = deployment()) => applyStrategicMergePatch(doc, patch, { modelName: 'V1Deployment' }) as Obj;
const podSpec = (o: Obj) => o.spec.template.spec;
const names = (list: Obj[]) => list.map((x) => x.name);

test('strategic merge semantics', () => {
  const cases: [string, unknown, (o: Obj) => unknown, unknown][] = [
    ['scalars replace', { spec: { replicas: 3 } }, (o) => o.spec.replicas, 3],
    ['maps merge', { metadata: { labels: { tier: 'fe' } } }, (o) => o.metadata.labels, { app: 'web', tier: 'fe' }],
    ['null deletes', { metadata: { labels: { app: null } } }, (o) => o.metadata.labels, {}],
    ['containers merge by name',
      { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16' }] } } } },
      (o) => podSpec(o).containers.map((c: Obj) => [c.name, c.image]), [['nginx', 'nginx:1.16'], ['sidecar', 'busybox']]],
    ['new list items go first', { spec: { template: { spec: { containers: [{ name: 'log', image: 'fluentd' }] } } } },
      (o) => names(podSpec(o).containers), ['log', 'nginx', 'sidecar']],
    ['env merges by name inside a container',
      { spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '3' }] }] } } } },
      (o) => podSpec(o).containers[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '3' }]],
    ['ports merge by containerPort',
      { spec: { template: { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] } } } },
      (o) => podSpec(o).containers[0].ports, [{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443 }]],
    ['atomic lists replace', { spec: { template: { spec: { containers: [{ name: 'nginx', args: ['-c'] }] } } } },
      (o) => podSpec(o).containers[0].args, ['-c']],
    ['$patch: delete removes a list item',
      { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      (o) => names(podSpec(o).containers), ['nginx']],
    ['$patch: replace replaces a whole list',
      { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
      (o) => podSpec(o).containers, [{ name: 'only', image: 'x' }]],
    ['$patch: replace on a map', { spec: { strategy: { $patch: 'replace', type: 'Recreate' } } }, (o) => o.spec.strategy, { type: 'Recreate' }],
    ['$patch: delete on a map empties it', { spec: { template: { metadata: { labels: { $patch: 'delete' } } } } },
      (o) => o.spec.template.metadata.labels, {}],
    ['$retainKeys clears other keys', { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, (o) => o.spec.strategy, { type: 'Recreate' }],
    ['$retainKeys keeps listed keys', { spec: { strategy: { $retainKeys: ['rollingUpdate', 'type'], rollingUpdate: { maxSurge: 1 } } } },
      (o) => o.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } }],
    ['primitive merge lists are unions', { metadata: { finalizers: ['b', 'c'] } }, (o) => o.metadata.finalizers, ['a', 'b', 'c']],
    ['new primitives go first', { metadata: { finalizers: ['z'] } }, (o) => o.metadata.finalizers, ['z', 'a', 'b']],
    ['$deleteFromPrimitiveList', { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, (o) => o.metadata.finalizers, ['b']],
    ['$setElementOrder reorders containers',
      { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }] } } } },
      (o) => names(podSpec(o).containers), ['sidecar', 'nginx']],
    ['$setElementOrder places new items',
      { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'log' }, { name: 'sidecar' }], containers: [{ name: 'log', image: 'fluentd' }] } } } },
      (o) => names(podSpec(o).containers), ['nginx', 'log', 'sidecar']],
    ['volumes merge by name (retainKeys strategy)',
      { spec: { template: { spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/d' } }] } } } },
      (o) => podSpec(o).volumes, [{ name: 'data', hostPath: { path: '/d' } }]],
    ['new values lose nulls and directives',
      { spec: { paused: true, minReadySeconds: null, template: { spec: { containers: [{ name: 'new', image: null, env: [{ name: 'X', value: '1' }], '$setElementOrder/env': [{ name: 'X' }] }] } } } },
      (o) => [o.spec.paused, 'minReadySeconds' in o.spec, podSpec(o).containers[0]], [true, false, { name: 'new', env: [{ name: 'X', value: '1' }] }]],
    ['type change replaces', { spec: { template: { metadata: { labels: 'x' } } } }, (o) => o.spec.template.metadata.labels, 'x'],
    ['null patch is a no-op', null, (o) => o, deployment()],
    ['root $patch: replace', { $patch: 'replace', kind: 'Deployment' }, (o) => o, { kind: 'Deployment' }],
  ];
  for (const [name, patch, pick, want] of cases) assert.deepEqual(pick(smp(patch)), want, name);
});

test('a kubectl apply three-way patch', () => {
  // What kubectl apply sends after changing the image, dropping env B and adding env C.
  const patch = {
    metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
    spec: {
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
          containers: [{
            '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }],
            env: [{ name: 'C', value: '3' }, { $patch: 'delete', name: 'B' }],
            image: 'nginx:1.16',
            name: 'nginx',
          }],
        },
      },
    },
  };
  const out = smp(patch);
  assert.deepEqual(out.metadata.annotations, { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' });
  assert.deepEqual(podSpec(out).containers[0], {
    name: 'nginx', image: 'nginx:1.16', args: ['-a', '-b'],
    env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }], ports: [{ containerPort: 80, protocol: 'TCP' }],
  });
  assert.deepEqual(names(podSpec(out).containers), ['nginx', 'sidecar']);
});

test('services merge ports by port', () => {
  const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }], selector: { app: 'a', tier: 'b' } } };
  const out = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }], selector: { app: 'c' } } }, { modelName: 'V1Service' }) as Obj;
  assert.deepEqual(out.spec.ports, [{ port: 80, targetPort: 9090 }, { port: 443 }]);
  // selector is an atomic map for SSA but SMP has no tag on it: maps always merge.
  assert.deepEqual(out.spec.selector, { app: 'c', tier: 'b' });
});

test('does not modify its inputs', () => {
  const doc = deployment();
  const patch = { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } };
  const copy = structuredClone(patch);
  smp(patch, doc);
  assert.deepEqual(doc, deployment());
  assert.deepEqual(patch, copy);
});

test('errors carry kube statuses', () => {
  const cases: [string, unknown, { modelName?: string }, number, string, string | undefined][] = [
    ['custom resources are refused', {}, {}, 415,
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml', 'UnsupportedMediaType'],
    ['array body', [1], { modelName: 'V1Deployment' }, 400, 'json: cannot unmarshal array into Go value of type map[string]interface {}', 'BadRequest'],
    ['retainKeys not a list', { spec: { strategy: { $retainKeys: 'type' } } }, { modelName: 'V1Deployment' }, 400, 'invalid patch format of retainKeys', 'BadRequest'],
    ['patch key outside retainKeys', { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, { modelName: 'V1Deployment' }, 400, 'invalid patch format of retainKeys', 'BadRequest'],
    ['bad primitive-list directive', { metadata: { $deleteFromPrimitiveList: ['a'] } }, { modelName: 'V1Deployment' }, 400, 'invalid patch format of primitive list', 'BadRequest'],
    ['mixed list element types', { metadata: { finalizers: [['x']] } }, { modelName: 'V1Deployment' }, 500, 'list element types are not identical: [[a b] [[x]]]', undefined],
    ['list of lists', { metadata: { ownerReferences: [[1]] } }, { modelName: 'V1Deployment' }, 422,
      'the server rejected our request due to an error in our request', 'Invalid'],
    ['merge directive in a list', { spec: { template: { spec: { containers: [{ name: 'nginx', $patch: 'merge' }] } } } }, { modelName: 'V1Deployment' }, 500,
      'merging lists cannot yet be specified in the patch', undefined],
    ['unknown map directive', { spec: { strategy: { $patch: 'bogus' } } }, { modelName: 'V1Deployment' }, 500,
      'unknown patch type: bogus in map: map[$patch:bogus]', undefined],
    ['item without merge key', { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, { modelName: 'V1Deployment' }, 500,
      'map: map[image:x] does not contain declared merge key: name', undefined],
  ];
  const doc = { ...deployment(), metadata: { ...deployment().metadata, ownerReferences: [] } };
  assert.throws(() => applyStrategicMergePatch({ metadata: { finalizers: [] } }, { metadata: { finalizers: [['x']] } }, { modelName: 'V1Pod' }), (err: unknown) => {
    assert.ok(err instanceof StatusError);
    assert.deepEqual([err.status.code, err.status.reason, err.status.message], [422, 'Invalid', 'the server rejected our request due to an error in our request']);
    return true;
  });
  for (const [name, patch, schema, code, message, reason] of cases) {
    assert.throws(() => applyStrategicMergePatch(doc, patch, schema), (err: unknown) => {
      assert.ok(err instanceof StatusError, name);
      assert.deepEqual([err.status.code, err.status.message, err.status.reason], [code, message, reason], name);
      return true;
    });
  }
});
