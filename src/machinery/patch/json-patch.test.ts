import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.js';
import { applyJsonPatch } from './json-patch.js';

const doc = () => ({
  metadata: { name: 'x', labels: { app: 'a' } },
  spec: { replicas: 1, list: ['a', 'b', 'c'], nested: { k: null as unknown } },
});

test('applies operations like kube-apiserver', () => {
  const cases: [string, unknown, (d: ReturnType<typeof doc>) => unknown, unknown][] = [
    ['add member', [{ op: 'add', path: '/metadata/labels/tier', value: 'web' }], (d) => d.metadata.labels, { app: 'a', tier: 'web' }],
    ['add replaces member', [{ op: 'add', path: '/spec/replicas', value: 3 }], (d) => d.spec.replicas, 3],
    ['add appends with -', [{ op: 'add', path: '/spec/list/-', value: 'd' }], (d) => d.spec.list, ['a', 'b', 'c', 'd']],
    ['add inserts at index', [{ op: 'add', path: '/spec/list/1', value: 'x' }], (d) => d.spec.list, ['a', 'x', 'b', 'c']],
    ['add at end index', [{ op: 'add', path: '/spec/list/3', value: 'x' }], (d) => d.spec.list, ['a', 'b', 'c', 'x']],
    ['negative index counts from end', [{ op: 'remove', path: '/spec/list/-1' }], (d) => d.spec.list, ['a', 'b']],
    ['remove member', [{ op: 'remove', path: '/metadata/labels/app' }], (d) => d.metadata.labels, {}],
    ['replace member', [{ op: 'replace', path: '/spec/replicas', value: 5 }], (d) => d.spec.replicas, 5],
    ['replace of a missing member adds it', [{ op: 'replace', path: '/metadata/labels/new', value: 'v' }], (d) => d.metadata.labels, { app: 'a', new: 'v' }],
    ['move', [{ op: 'move', from: '/metadata/labels/app', path: '/metadata/labels/b' }], (d) => d.metadata.labels, { b: 'a' }],
    ['copy', [{ op: 'copy', from: '/spec/replicas', path: '/spec/copy' }], (d) => (d.spec as Record<string, unknown>).copy, 1],
    ['test then replace', [{ op: 'test', path: '/spec/replicas', value: 1 }, { op: 'replace', path: '/spec/replicas', value: 2 }], (d) => d.spec.replicas, 2],
    ['test null of a missing member', [{ op: 'test', path: '/spec/none', value: null }], (d) => d.spec.replicas, 1],
    ['escaped tokens', [{ op: 'add', path: '/metadata/labels/a~1b~0c', value: 'v' }], (d) => d.metadata.labels, { app: 'a', 'a/b~c': 'v' }],
    ['null patch is a no-op', null, (d) => d, doc()],
    ['empty patch is a no-op', [], (d) => d, doc()],
  ];
  for (const [name, patch, pick, want] of cases) {
    const out = applyJsonPatch(doc(), patch) as ReturnType<typeof doc>;
    assert.deepEqual(pick(out), want, name);
  }
});

test('does not modify its input', () => {
  const input = doc();
  applyJsonPatch(input, [{ op: 'remove', path: '/metadata/labels' }]);
  assert.deepEqual(input, doc());
});

test('failing operations are 422 with the generic message', () => {
  const cases: [string, unknown][] = [
    ['failed test', [{ op: 'test', path: '/spec/replicas', value: 2 }]],
    ['missing parent', [{ op: 'add', path: '/spec/missing/x', value: 1 }]],
    ['remove missing member', [{ op: 'remove', path: '/metadata/labels/none' }]],
    ['index out of range', [{ op: 'replace', path: '/spec/list/9', value: 1 }]],
    ['add past the end', [{ op: 'add', path: '/spec/list/5', value: 1 }]],
    ['unknown op', [{ op: 'frobnicate', path: '/spec' }]],
    ['missing op', [{ path: '/spec' }]],
    ['missing path', [{ op: 'add', value: 1 }]],
    ['through a null', [{ op: 'add', path: '/spec/nested/k/x', value: 1 }]],
    ['root add', [{ op: 'add', path: '', value: {} }]],
    ['move from missing', [{ op: 'move', from: '/spec/none', path: '/spec/x' }]],
    ['later op fails', [{ op: 'add', path: '/spec/a', value: 1 }, { op: 'remove', path: '/spec/zzz' }]],
  ];
  for (const [name, patch] of cases) {
    assert.throws(() => applyJsonPatch(doc(), patch), (err: unknown) => {
      assert.ok(err instanceof StatusError, name);
      assert.deepEqual(
        { code: err.status.code, reason: err.status.reason, message: err.status.message, details: err.status.details },
        { code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request', details: {} },
        name,
      );
      return true;
    });
  }
});

test('undecodable bodies are 400 with the decoder message', () => {
  const cases: [unknown, string][] = [
    [{ op: 'add' }, 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp'],
    ['x', 'error decoding patch: json: cannot unmarshal string into Go value of type []handlers.jsonPatchOp'],
    [[1], 'error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp'],
    [[{ op: 1, path: '/a' }], 'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string'],
    [[{ op: 'add', path: true }], 'error decoding patch: json: cannot unmarshal bool into Go struct field jsonPatchOp.path of type string'],
  ];
  for (const [patch, message] of cases) {
    assert.throws(() => applyJsonPatch(doc(), patch), (err: unknown) => {
      assert.ok(err instanceof StatusError);
      assert.equal(err.status.code, 400);
      assert.equal(err.status.reason, 'BadRequest');
      assert.equal(err.status.message, message);
      return true;
    });
  }
});

test('too many operations is 413', () => {
  const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/spec/replicas', value: 1 }));
  assert.throws(() => applyJsonPatch(doc(), ops), (err: unknown) => {
    assert.ok(err instanceof StatusError);
    assert.equal(err.status.code, 413);
    assert.equal(err.status.message, 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
    return true;
  });
});
