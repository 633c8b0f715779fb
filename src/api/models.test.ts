import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelAttributes, modelNameFor, parseTypeRef, resolvePath, definitionNameFor } from './models.js';

test('parses generator type strings', () => {
  assert.deepEqual(parseTypeRef('Array<V1Container>'), { kind: 'array', items: { kind: 'model', name: 'V1Container' } });
  assert.deepEqual(parseTypeRef('{ [key: string]: string; }'), { kind: 'map', values: { kind: 'primitive', type: 'string' } });
  assert.deepEqual(parseTypeRef('Date'), { kind: 'primitive', type: 'date' });
});

test('maps kinds to models and definitions', () => {
  assert.equal(modelNameFor({ group: 'apps', version: 'v1', kind: 'Deployment' }), 'V1Deployment');
  assert.equal(modelNameFor({ group: '', version: 'v1', kind: 'Event' }), 'CoreV1Event');
  assert.equal(modelNameFor({ group: 'x.io', version: 'v1', kind: 'Nope' }), undefined);
  assert.equal(definitionNameFor({ group: 'apps', version: 'v1', kind: 'Deployment' }), 'io.k8s.api.apps.v1.Deployment');
  assert.equal(definitionNameFor({ group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' }), 'io.k8s.api.discovery.v1.EndpointSlice');
});

test('walks nested fields', () => {
  assert.ok(modelAttributes('V1PodSpec')?.some((a) => a.name === 'containers'));
  assert.deepEqual(resolvePath('V1Deployment', ['spec', 'template', 'spec', 'containers']), {
    kind: 'array', items: { kind: 'model', name: 'V1Container' },
  });
  assert.equal(resolvePath('V1Deployment', ['spec', 'nope']), undefined);
});
