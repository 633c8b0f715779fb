import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelAttributes } from '../../api/models.js';
import { quantityFieldTable, refWith } from './well-known.js';

test('every Quantity override names a string-typed field of a real model', () => {
  for (const [model, fields] of Object.entries(quantityFieldTable)) {
    for (const field of fields) {
      const attr = modelAttributes(model)?.find((a) => a.name === field);
      assert.ok(attr, `${model}.${field} exists`);
      const scalar = attr.type.kind === 'map' ? attr.type.values : attr.type;
      assert.deepEqual(scalar, { kind: 'primitive', type: 'string' }, `${model}.${field} is a string or map of strings`);
    }
  }
});

test('references carry siblings the way each OpenAPI version allows', () => {
  assert.deepEqual(refWith('a.B', {}, 'v3'), { $ref: '#/components/schemas/a.B' });
  assert.deepEqual(refWith('a.B', { description: 'd' }, 'v3'), { description: 'd', allOf: [{ $ref: '#/components/schemas/a.B' }] });
  assert.deepEqual(refWith('a.B', { description: 'd' }, 'v2'), { $ref: '#/definitions/a.B', description: 'd' });
});
