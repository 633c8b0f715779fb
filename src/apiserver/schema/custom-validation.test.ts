import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCustomObject, validateCustomResource, validateCustomStatus } from './custom-validation.js';
import type { JSONSchemaProps } from './schema-types.js';

const spec = (properties: Record<string, JSONSchemaProps>, extra: Partial<JSONSchemaProps> = {}): JSONSchemaProps => ({
  type: 'object', properties: { spec: { type: 'object', properties, ...extra } },
});

test('validateCustomObject messages match kube', () => {
  const cases: { name: string; schema: JSONSchemaProps; spec: unknown; want: string[] }[] = [
    {
      name: 'type mismatch',
      schema: spec({ replicas: { type: 'integer' } }),
      spec: { replicas: 'string' },
      want: ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    },
    { name: 'integral float is an integer', schema: spec({ r: { type: 'integer' } }), spec: { r: 3 }, want: [] },
    {
      name: 'float is not an integer',
      schema: spec({ r: { type: 'integer' } }),
      spec: { r: 1.5 },
      want: ['spec.r: Invalid value: "number": spec.r in body must be of type integer: "number"'],
    },
    { name: 'integer is a number', schema: spec({ r: { type: 'number' } }), spec: { r: 3 }, want: [] },
    {
      name: 'null needs nullable',
      schema: spec({ a: { type: 'string' }, b: { type: 'string', nullable: true } }),
      spec: { a: null, b: null },
      want: ['spec.a: Invalid value: "null": spec.a in body must be of type string: "null"'],
    },
    { name: 'required', schema: spec({ a: { type: 'string' } }, { required: ['a', 'b'] }), spec: {}, want: ['spec.a: Required value', 'spec.b: Required value'] },
    {
      name: 'enum',
      schema: spec({ mode: { type: 'string', enum: ['Fast', 'Slow'] } }),
      spec: { mode: 'Medium' },
      want: ['spec.mode: Unsupported value: "Medium": supported values: "Fast", "Slow"'],
    },
    {
      name: 'string bounds and pattern',
      schema: spec({ a: { type: 'string', maxLength: 3 }, b: { type: 'string', minLength: 2 }, c: { type: 'string', pattern: '^[a-z]+$' } }),
      spec: { a: 'toolong', b: 'x', c: 'ABC' },
      want: [
        'spec.a: Too long: may not be more than 3 bytes',
        'spec.b: Invalid value: "x": spec.b in body should be at least 2 chars long',
        "spec.c: Invalid value: \"ABC\": spec.c in body should match '^[a-z]+$'",
      ],
    },
    {
      name: 'numeric bounds',
      schema: spec({ a: { type: 'integer', minimum: 1, maximum: 10 }, b: { type: 'integer', maximum: 10, exclusiveMaximum: true }, c: { type: 'number', minimum: 0.5 }, d: { type: 'integer', multipleOf: 5 } }),
      spec: { a: 0, b: 10, c: 0.25, d: 7 },
      want: [
        'spec.a: Invalid value: 0: spec.a in body should be greater than or equal to 1',
        'spec.b: Invalid value: 10: spec.b in body should be less than 10',
        'spec.c: Invalid value: 0.25: spec.c in body should be greater than or equal to 0.5',
        'spec.d: Invalid value: 7: spec.d in body should be a multiple of 5',
      ],
    },
    {
      name: 'array bounds',
      schema: spec({ a: { type: 'array', items: { type: 'string' }, maxItems: 1 }, b: { type: 'array', items: { type: 'string' }, minItems: 2 }, c: { type: 'array', items: { type: 'integer' }, uniqueItems: true } }),
      spec: { a: ['x', 'y'], b: ['x'], c: [1, 1] },
      want: [
        'spec.a: Too many: 2: must have at most 1 items',
        'spec.b: Invalid value: 1: spec.b in body should have at least 2 items',
        'spec.c: Invalid value: "": spec.c in body shouldn\'t contain duplicates',
      ],
    },
    {
      name: 'item paths',
      schema: spec({ list: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer' } }, required: ['port'] } } }),
      spec: { list: [{ port: 1 }, {}] },
      want: ['spec.list[1].port: Required value'],
    },
    {
      name: 'additionalProperties values and max properties',
      schema: spec({ m: { type: 'object', additionalProperties: { type: 'integer' }, maxProperties: 1 } }),
      spec: { m: { a: 1, b: 'x' } },
      want: [
        'spec.m: Too many: 2: must have at most 1 items',
        'spec.m.b: Invalid value: "string": spec.m.b in body must be of type integer: "string"',
      ],
    },
    {
      name: 'int-or-string',
      schema: spec({ p: { 'x-kubernetes-int-or-string': true } }),
      spec: { p: true },
      want: ['spec.p: Invalid value: "boolean": spec.p in body must be of type integer,string: "boolean"'],
    },
    { name: 'int-or-string accepts both', schema: spec({ p: { 'x-kubernetes-int-or-string': true } }), spec: { p: '50%' }, want: [] },
    {
      name: 'formats kube keeps',
      schema: spec({ t: { type: 'string', format: 'date-time' }, i: { type: 'integer', format: 'int32' }, u: { type: 'string', format: 'uuid' } }),
      spec: { t: '2024-13-01T00:00:00Z', i: 99999999999, u: 'nope' },
      want: [
        'spec.t: Invalid value: "2024-13-01T00:00:00Z": spec.t in body must be of type date-time: "2024-13-01T00:00:00Z"',
        'spec.u: Invalid value: "nope": spec.u in body must be of type uuid: "nope"',
      ],
    },
    {
      name: 'list-type set and map',
      schema: spec({
        s: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        m: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' } } } },
      }),
      spec: { s: ['a', 'b', 'a', 'a'], m: [{ name: 'x' }, { name: 'x' }] },
      want: ['spec.s[2]: Duplicate value: "a"', 'spec.m[1]: Duplicate value: map[string]interface {}{"name":"x"}'],
    },
    {
      name: 'embedded resource',
      schema: spec({ tpl: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } }),
      spec: { tpl: { apiVersion: 'v1', kind: 'pod_x', metadata: { name: 'a/b' } } },
      want: [
        "spec.tpl.kind: Invalid value: \"pod_x\": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        "spec.tpl.metadata.name: Invalid value: \"a/b\": may not contain '/'",
      ],
    },
    {
      name: 'anyOf failure lands on <nil>',
      schema: spec({ v: { anyOf: [{ maximum: 1 }, { minimum: 5 }], type: 'integer' } }),
      spec: { v: 3 },
      want: [
        '<nil>: Invalid value: "": "spec.v" must validate at least one schema (anyOf)',
        'spec.v: Invalid value: 3: spec.v in body should be less than or equal to 1',
      ],
    },
  ];
  for (const c of cases) {
    assert.deepEqual(validateCustomObject(c.schema, { apiVersion: 'x/v1', kind: 'X', metadata: {}, spec: c.spec }).map((e) => e.message), c.want, c.name);
  }
});

test('status validation is rooted at status', () => {
  const schema = { type: 'object', properties: { status: { type: 'object', properties: { num: { type: 'integer', maximum: 10 } } } } };
  assert.deepEqual(validateCustomStatus(schema, { status: { num: 15 } }).map((e) => e.message),
    ['status.num: Invalid value: 15: num in body should be less than or equal to 10']);
});

test('validateCustomResource: type meta first, then metadata, schema, scale', () => {
  const target = { group: 'x.io', version: 'v1', kind: 'X', namespaced: true, schema: spec({ replicas: { type: 'integer' } }), scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } };
  assert.deepEqual(validateCustomResource(target, { apiVersion: 'x.io/v2', kind: 'Y' }).map((e) => e.message),
    ['kind: Invalid value: "Y": must be X', 'apiVersion: Invalid value: "x.io/v2": must be x.io/v1']);
  assert.deepEqual(validateCustomResource(target, { apiVersion: 'x.io/v1', kind: 'X', metadata: { name: 'a', namespace: 'd', finalizers: ['mine'] }, spec: { replicas: -2 }, status: { replicas: 2147483648 } }).map((e) => e.message), [
    '.spec.replicas: Invalid value: -2: should be a non-negative integer',
    '.status.replicas: Invalid value: 2147483648: should be less than or equal to 2147483647',
  ]);
});
