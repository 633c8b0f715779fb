import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pruneNonNullableNulls, pruneUnknownFields } from './pruning.js';
import { applyDefaults, coerceCustomObject } from './defaulting.js';
import type { JSONSchemaProps } from './schema-types.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer', default: 1 },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        anyMap: { type: 'object', additionalProperties: true },
        tpl: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
        list: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, mode: { type: 'string', default: 'auto' } } } },
        nested: { type: 'object', default: {}, properties: { level: { type: 'string', default: 'info' } } },
        values: { type: 'object', additionalProperties: { type: 'object', properties: { on: { type: 'boolean', default: true } } } },
      },
    },
  },
};

test('pruneUnknownFields: paths and result', () => {
  const cases: { name: string; obj: Record<string, unknown>; want: string[]; after: unknown }[] = [
    {
      name: 'root meta kept, unknown dropped, sorted',
      obj: { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, zeta: 1, spec: { zz: 1, aa: 2, replicas: 3 } },
      want: ['spec.aa', 'spec.zz', 'zeta'],
      after: { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: { replicas: 3 } },
    },
    {
      name: 'metadata unknowns first',
      obj: { metadata: { name: 'a', bogus: true }, spec: { x: 1 } },
      want: ['metadata.bogus', 'spec.x'],
      after: { metadata: { name: 'a' }, spec: {} },
    },
    {
      name: 'preserve-unknown-fields keeps unknowns but prunes known subtrees',
      obj: { spec: { free: { any: { thing: 1 }, known: { a: 'x', b: 'y' } } } },
      want: ['spec.free.known.b'],
      after: { spec: { free: { any: { thing: 1 }, known: { a: 'x' } } } },
    },
    {
      name: 'additionalProperties: true keeps keys, drops their fields',
      obj: { spec: { labels: { a: 'b' }, anyMap: { k: { deep: 1 }, s: 'v' } } },
      want: ['spec.anyMap.k.deep'],
      after: { spec: { labels: { a: 'b' }, anyMap: { k: {}, s: 'v' } } },
    },
    {
      name: 'embedded resources keep their type meta, metadata is cleaned',
      obj: { spec: { tpl: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', junk: 1 }, spec: {}, status: {} } } },
      want: ['spec.tpl.status', 'spec.tpl.metadata.junk'],
      after: { spec: { tpl: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} } } },
    },
    {
      name: 'nested metadata key is unknown outside embedded objects',
      obj: { spec: { list: [{ name: 'a', metadata: {} }] } },
      want: ['spec.list[0].metadata'],
      after: { spec: { list: [{ name: 'a' }] } },
    },
  ];
  for (const c of cases) {
    assert.deepEqual(pruneUnknownFields(schema, c.obj), c.want, c.name);
    assert.deepEqual(c.obj, c.after, c.name);
  }
});

test('pruneNonNullableNulls drops nulls that cannot be defaulted', () => {
  const obj = { spec: { replicas: null, labels: { a: null }, list: [null], free: null } };
  pruneNonNullableNulls(obj, schema);
  assert.deepEqual(obj, { spec: { replicas: null, labels: {}, list: [null] } });
});

test('applyDefaults: properties, nested defaults, items, additionalProperties', () => {
  const cases: { name: string; obj: unknown; want: unknown }[] = [
    { name: 'missing property', obj: { spec: {} }, want: { spec: { replicas: 1, nested: { level: 'info' } } } },
    { name: 'null non-nullable', obj: { spec: { replicas: null, nested: {} } }, want: { spec: { replicas: 1, nested: { level: 'info' } } } },
    {
      name: 'array items and map values',
      obj: { spec: { replicas: 2, nested: { level: 'x' }, list: [{ name: 'a' }, { mode: 'm' }], values: { one: {}, two: { on: false } } } },
      want: { spec: { replicas: 2, nested: { level: 'x' }, list: [{ name: 'a', mode: 'auto' }, { mode: 'm' }], values: { one: { on: true }, two: { on: false } } } },
    },
  ];
  for (const c of cases) {
    applyDefaults(schema, c.obj);
    assert.deepEqual(c.obj, c.want, c.name);
  }
});

test('coerceCustomObject runs prune, null pruning and defaulting in kube order', () => {
  const obj: Record<string, unknown> = { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: { typo: 1, labels: { a: null } } };
  assert.deepEqual(coerceCustomObject(schema, obj), ['spec.typo']);
  assert.deepEqual(obj.spec, { labels: {}, replicas: 1, nested: { level: 'info' } });
});
