import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goBadValue, goFloat, goPlusV, goQuote, goSharpV } from './gofmt.js';
import { tooMany, tooLong, notSupported } from './field.js';
import { validateLabelSelector } from './label-selector.js';

test('goFloat matches fmt %v', () => {
  const cases: [number, string][] = [
    [1.5, '1.5'], [100000, '100000'], [1000000, '1e+06'], [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [-2.5e-7, '-2.5e-07'], [1e21, '1e+21'], [0, '0'],
  ];
  for (const [n, want] of cases) assert.equal(goFloat(n), want, String(n));
});

test('Go value printers', () => {
  assert.equal(goQuote('a"b\n\x01'), '"a\\"b\\n\\x01"');
  assert.equal(goSharpV({ b: [1, 'x', null], a: true }), 'map[string]interface {}{"a":true, "b":[]interface {}{1, "x", interface {}(nil)}}');
  assert.equal(goPlusV({ spec: { foo: 'bar', n: [1, 2] } }), 'map[spec:map[foo:bar n:[1 2]]]');
  assert.equal(goBadValue(null), '"null"');
  assert.equal(goBadValue(2.5), '2.5');
});

test('field error constructors', () => {
  assert.equal(tooMany('spec.x', 4, 3).message, 'spec.x: Too many: 4: must have at most 3 items');
  assert.equal(tooMany('spec.x', -1, 3).message, 'spec.x: Too many: must have at most 3 items');
  assert.equal(tooLong('spec.x', 5).message, 'spec.x: Too long: may not be more than 5 bytes');
  assert.equal(notSupported('spec.scope', 'x', ['Cluster', 'Namespaced']).message,
    'spec.scope: Unsupported value: "x": supported values: "Cluster", "Namespaced"');
});

test('label selectors', () => {
  const cases: { sel: Parameters<typeof validateLabelSelector>[0]; want: string[] }[] = [
    { sel: { matchLabels: { app: 'web' } }, want: [] },
    {
      sel: { matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'Foo' }] },
      want: [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        'spec.selector.matchExpressions[2].operator: Invalid value: "Foo": not a valid selector operator',
      ],
    },
  ];
  for (const c of cases) assert.deepEqual(validateLabelSelector(c.sel, 'spec.selector').map((e) => e.message), c.want);
});
