import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.js';
import { applyMergePatch } from './merge-patch.js';

test('merges like RFC 7386 and the library kube vendors', () => {
  const cases: [string, unknown, unknown, unknown][] = [
    ['adds and replaces', { a: 1, b: { c: 2 } }, { a: 2, d: 3 }, { a: 2, b: { c: 2 }, d: 3 }],
    ['null deletes', { a: 1, b: 2 }, { a: null }, { b: 2 }],
    ['null of a missing key is ignored', { a: 1 }, { z: null }, { a: 1 }],
    ['recurses into objects', { m: { x: 1, y: 2 } }, { m: { y: null, z: 3 } }, { m: { x: 1, z: 3 } }],
    ['arrays replace', { l: [1, 2, 3] }, { l: [4] }, { l: [4] }],
    ['object replaces scalar, nulls pruned', { a: 1 }, { a: { b: null, c: 1 } }, { a: { c: 1 } }],
    ['new object members drop nested nulls', {}, { a: { b: { c: null, d: 1 } } }, { a: { b: { d: 1 } } }],
    ['nulls inside arrays are kept', {}, { a: [null, { b: null, c: 1 }] }, { a: [null, { c: 1 }] }],
    ['scalar replaces object', { a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
    ['labels via kubectl label', { metadata: { labels: { a: '1' } } }, { metadata: { labels: { b: '2' } } }, { metadata: { labels: { a: '1', b: '2' } } }],
    ['existing null is treated as absent', { a: null }, { a: { b: null, c: 1 } }, { a: { c: 1 } }],
  ];
  for (const [name, doc, patch, want] of cases) assert.deepEqual(applyMergePatch(doc, patch), want, name);
});

test('does not modify its input', () => {
  const doc = { a: { b: 1 } };
  applyMergePatch(doc, { a: { b: null } });
  assert.deepEqual(doc, { a: { b: 1 } });
});

test('bodies that are not objects are 400', () => {
  const cases: [unknown, string][] = [
    [null, 'Invalid JSON Patch'],
    [[1], 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['x', 'error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}'],
    [3, 'error decoding patch: json: cannot unmarshal number into Go value of type map[string]interface {}'],
  ];
  for (const [patch, message] of cases) {
    assert.throws(() => applyMergePatch({}, patch), (err: unknown) => {
      assert.ok(err instanceof StatusError);
      assert.deepEqual([err.status.code, err.status.reason, err.status.message], [400, 'BadRequest', message]);
      return true;
    });
  }
});
