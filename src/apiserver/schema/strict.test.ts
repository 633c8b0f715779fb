import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropUnknownFields, findDuplicateFields, findStrictErrors, findUnknownFields } from './strict.js';
import {
  jsonPatchStrictText, strictBodyError, strictDecodingMessage, strictErrorText, strictPatchError, strictWarnings,
} from './strict-render.js';
import { goPlusV } from '../../machinery/validation/gofmt.js';

test('findUnknownFields reports kube paths', () => {
  const cases: { name: string; model: string; obj: unknown; want: string[] }[] = [
    {
      name: 'nested container field',
      model: 'V1Deployment',
      obj: { spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'b', imagePullPolicyy: 'Always' }] } } } },
      want: ['spec.template.spec.containers[1].imagePullPolicyy'],
    },
    { name: 'root and metadata', model: 'V1Pod', obj: { foo: 1, metadata: { name: 'a', bar: 2 } }, want: ['foo', 'metadata.bar'] },
    { name: 'maps accept any key', model: 'V1ConfigMap', obj: { data: { anything: 'x' }, metadata: { labels: { 'a/b': 'c' } } }, want: [] },
    { name: 'resource lists', model: 'V1Pod', obj: { spec: { containers: [{ name: 'a', resources: { limits: { 'nvidia.com/gpu': '1' } } }] } }, want: [] },
    { name: 'any fields accept anything', model: 'V1ControllerRevision', obj: { data: { whatever: { deep: 1 } } }, want: [] },
    { name: 'unknown content is not descended', model: 'V1Pod', obj: { spec: { bogus: { more: 1 } } }, want: ['spec.bogus'] },
    { name: 'case-sensitive', model: 'V1Pod', obj: { Spec: {} }, want: ['Spec'] },
    {
      name: 'CRD schema properties map',
      model: 'V1CustomResourceDefinition',
      obj: { spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: { properties: { spec: { typo: 'object', items: { junk: 1 } } } } } }] } },
      want: ['spec.versions[0].schema.openAPIV3Schema.properties.spec.typo'],
    },
  ];
  for (const c of cases) assert.deepEqual(findUnknownFields(c.model, c.obj), c.want, c.name);
});

test('findStrictErrors keeps document order, dedupes, and finds duplicates', () => {
  const body = '{"apiVersion":"apps/v1","spec":{"replicas":1,"foo":2,"replicas":3,"foo":4,'
    + '"selector":{"matchLabels":{"a":"b","a":"c"}}},"metadata":{"name":"x","name":"y"}}';
  assert.deepEqual(findStrictErrors(body, 'V1Deployment'), [
    { type: 'unknown', path: 'spec.foo' },
    { type: 'duplicate', path: 'spec.replicas' },
    { type: 'duplicate', path: 'spec.selector.matchLabels.a' },
    { type: 'duplicate', path: 'metadata.name' },
  ]);
  assert.deepEqual(findDuplicateFields('{"spec":{"x":[{"a":1,"a":2}]}}'), ['spec.x[0].a']);
  assert.deepEqual(findStrictErrors('{not json'), []);
});

test('dropUnknownFields removes and reports', () => {
  const meta: Record<string, unknown> = { name: 'a', junk: 1, ownerReferences: [{ name: 'o', extra: true }] };
  assert.deepEqual(dropUnknownFields('V1ObjectMeta', meta, 'metadata'), ['metadata.junk', 'metadata.ownerReferences[0].extra']);
  assert.deepEqual(meta, { name: 'a', ownerReferences: [{ name: 'o' }] });
});

test('strict error rendering', () => {
  const texts = [strictErrorText({ type: 'unknown', path: 'spec.foo' }), strictErrorText({ type: 'duplicate', path: 'spec.replicas' })];
  assert.deepEqual(texts, ['unknown field "spec.foo"', 'duplicate field "spec.replicas"']);
  assert.equal(strictDecodingMessage(texts), 'strict decoding error: unknown field "spec.foo", duplicate field "spec.replicas"');
  const create = strictBodyError('Deployment', 'v1', texts.slice(0, 1));
  assert.equal(create.status.code, 400);
  assert.equal(create.status.reason, 'BadRequest');
  assert.equal(create.message, 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"');
  const patch = strictPatchError(goPlusV({ spec: { foo: 'bar' } }), texts.slice(0, 1));
  assert.equal(patch.status.code, 422);
  assert.equal(patch.message, ' "" is invalid: patch: Invalid value: "map[spec:map[foo:bar]]": strict decoding error: unknown field "spec.foo"');
  assert.deepEqual(patch.status.details, {
    causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "map[spec:map[foo:bar]]": strict decoding error: unknown field "spec.foo"', field: 'patch' }],
  });
  assert.equal(jsonPatchStrictText({ type: 'unknown', path: '[0].valu' }), 'json patch unknown field "[0].valu"');
  assert.deepEqual(strictWarnings(texts), texts);
  assert.deepEqual(strictWarnings(['yaml: unmarshal errors:\n  line 3: key "a" already set in map\n  line 4: key "b" already set in map']),
    ['line 3: key "a" already set in map', 'line 4: key "b" already set in map']);
});
