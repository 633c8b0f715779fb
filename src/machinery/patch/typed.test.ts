import { test } from 'node:test';
import assert from 'node:assert/strict';
import { field, pathString } from './field-path.js';
import { FieldSet } from './field-set.js';
import { withGoZeroValues } from './go-zero.js';
import { builtinType, customResourceType, DEDUCED } from './ssa-schema.js';
import { compareTyped } from './typed-compare.js';
import { SsaValueError, toFieldSet } from './typed-fieldset.js';
import { mergeTyped } from './typed-merge.js';
import { removeItems } from './typed-remove.js';

const DEPLOYMENT = builtinType('V1Deployment');
const POD = builtinType('V1Pod');
const show = (s: FieldSet) => s.paths().map(pathString);

test('field sets of applied configurations', () => {
  const cases: [string, unknown, ReturnType<typeof builtinType>, Record<string, unknown>][] = [
    ['labels are leaves, structs are not members', { metadata: { name: 'x', labels: { app: 'a' } } }, POD,
      { 'f:metadata': { 'f:labels': { 'f:app': {} }, 'f:name': {} } }],
    ['list items are members by key; ports default their protocol', { spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }] } }, POD,
      { 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } } } }],
    ['atomic lists and structs are leaves', { spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', args: ['x'] }] } } } }, DEPLOYMENT,
      { 'f:spec': { 'f:selector': {}, 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:args': {}, 'f:name': {} } } } } } }],
    ['empty structs and nulls are members', { spec: { strategy: {}, paused: null } }, DEPLOYMENT, { 'f:spec': { 'f:paused': {}, 'f:strategy': {} } }],
    ['sets are members by value', { metadata: { finalizers: ['a', 'b'] } }, POD, { 'f:metadata': { 'f:finalizers': { 'v:"a"': {}, 'v:"b"': {} } } }],
    ['nodeSelector is an atomic map', { spec: { nodeSelector: { a: 'b' } } }, POD, { 'f:spec': { 'f:nodeSelector': {} } }],
  ];
  for (const [name, value, type, want] of cases) assert.deepEqual(toFieldSet(value, type).toFieldsV1(), want, name);
});

test('untyped values: maps granular with every key a member, lists atomic', () => {
  const set = toFieldSet({ spec: { a: { b: 1 }, l: [1, 2] } }, DEDUCED);
  assert.deepEqual(set.toFieldsV1(), { 'f:spec': { '.': {}, 'f:a': { '.': {}, 'f:b': {} }, 'f:l': {} } });
});

test('custom resource schemas drive list types', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['port'], items: { type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' } } } },
          tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
          args: { type: 'array', items: { type: 'string' } },
          extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
    },
  };
  const set = toFieldSet({ metadata: { labels: { a: 'b' } }, spec: { ports: [{ port: 1, name: 'x' }], tags: ['t'], args: ['a'], extra: { k: { j: 1 } } } }, customResourceType(schema));
  assert.deepEqual(set.toFieldsV1(), {
    'f:metadata': { 'f:labels': { 'f:a': {} } },
    'f:spec': { 'f:args': {}, 'f:extra': { 'f:k': { '.': {}, 'f:j': {} } }, 'f:ports': { 'k:{"port":1}': { '.': {}, 'f:name': {}, 'f:port': {} } }, 'f:tags': { 'v:"t"': {} } },
  });
});

test('bad list items are typed errors with kube wording', () => {
  const cases: [unknown, string][] = [
    [{ spec: { containers: [{ image: 'x' }] } }, '.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)'],
    [{ spec: { containers: ['x'] } }, '.spec.containers: element 0: associative list with keys may not have non-map elements'],
    [{ metadata: { finalizers: [{}] } }, ".metadata.finalizers: element 0: associative list without keys has an element that's a map type"],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => toFieldSet(value, POD), (err: unknown) => err instanceof SsaValueError && err.message === message);
  }
  assert.throws(() => toFieldSet({ spec: { containers: [{ name: 'a' }, { name: 'a' }] } }, POD, true),
    (err: unknown) => err instanceof SsaValueError && err.message === '.spec.containers: duplicate entries for key [name="a"]');
});

test('comparison of objects', () => {
  const cases: [string, unknown, unknown, string[], string[], string[]][] = [
    ['scalar change', { spec: { replicas: 1 } }, { spec: { replicas: 2 } }, [], ['.spec.replicas'], []],
    ['new map is added with its keys', { metadata: {} }, { metadata: { labels: { a: 'b' } } }, ['.metadata.labels', '.metadata.labels.a'], [], []],
    ['removed list item', { spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } } } }, { spec: { template: { spec: { containers: [{ name: 'a' }] } } } },
      [], [], ['.spec.template.spec.containers[name="b"]', '.spec.template.spec.containers[name="b"].name']],
    ['atomic selector modified', { spec: { selector: { matchLabels: { a: '1' } } } }, { spec: { selector: { matchLabels: { a: '2' } } } }, [], ['.spec.selector'], []],
    ['empty on both sides is equal', { spec: { strategy: {} } }, { spec: { strategy: {} } }, [], [], []],
  ];
  for (const [name, l, r, added, modified, removed] of cases) {
    const c = compareTyped(l, r, DEPLOYMENT);
    assert.deepEqual([show(c.added), show(c.modified), show(c.removed)], [added, modified, removed], name);
  }
});

test('Go zero values fill value structs and non-omitempty lists', () => {
  assert.deepEqual(withGoZeroValues({}, DEPLOYMENT), {
    metadata: { creationTimestamp: null }, status: {},
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: null } }, strategy: {} },
  });
  assert.deepEqual(withGoZeroValues({ spec: { containers: [{ name: 'c' }] } }, POD), {
    metadata: { creationTimestamp: null }, status: {}, spec: { containers: [{ name: 'c', resources: {} }] },
  });
});

test('apply merge keeps applied order and live-only neighbours', () => {
  const list = (...names: string[]) => ({ spec: { containers: names.map((name) => ({ name })) } });
  const cases: [string, string[], string[], string[]][] = [
    ['append new', ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c']],
    ['live-only kept in place', ['a', 'x', 'b'], ['a', 'b'], ['a', 'x', 'b']],
    ['applied reorders', ['a', 'b', 'c'], ['c', 'a'], ['b', 'c', 'a']],
    ['new item between', ['a', 'c'], ['a', 'b', 'c'], ['a', 'b', 'c']],
    ['into empty', [], ['a'], ['a']],
  ];
  for (const [name, live, applied, want] of cases) {
    const out = mergeTyped(list(...live), list(...applied), POD) as ReturnType<typeof list>;
    assert.deepEqual(out.spec.containers.map((c) => c.name), want, name);
  }
  const merged = mergeTyped(
    { spec: { containers: [{ name: 'a', image: 'old', args: ['1', '2'] }], nodeSelector: { x: '1' } } },
    { spec: { containers: [{ name: 'a', image: 'new', args: ['3'] }], nodeSelector: { y: '2' } } },
    POD,
  );
  assert.deepEqual(merged, { spec: { containers: [{ name: 'a', image: 'new', args: ['3'] }], nodeSelector: { y: '2' } } });
});

test('removing paths', () => {
  const obj = { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b' }] } };
  const remove = (...paths: Parameters<typeof FieldSet.of>) => removeItems(obj, FieldSet.of(...paths), POD);
  assert.deepEqual(remove([field('metadata'), field('labels'), field('a')]), { metadata: {}, spec: obj.spec });
  assert.deepEqual(remove([field('spec'), field('containers'), { kind: 'key', fields: [['name', 'b']] }]),
    { metadata: obj.metadata, spec: { containers: [{ name: 'a', image: 'x' }] } });
  // The last container gone leaves spec as a value struct ({}), not missing.
  const one = { spec: { containers: [{ name: 'a' }] } };
  assert.deepEqual(removeItems(one, FieldSet.of([field('spec'), field('containers'), { kind: 'key', fields: [['name', 'a']] }]), POD), { spec: {} });
});
