import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLabels, formatLabelSelector, joinHostPort, layoutContainers, listWithMore, selectorString, type LabelSelector } from './format.js';
import { goFormatNumber, goJsonMarshal, goPrint } from './gotext.js';

test('formatLabels sorts by key and shows <none> when empty', () => {
  const cases: [Record<string, string> | undefined, string][] = [
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ app: 'web' }, 'app=web'],
    [{ tier: 'front', app: 'web', 'a.io/x': '' }, 'a.io/x=,app=web,tier=front'],
  ];
  for (const [labels, want] of cases) assert.equal(formatLabels(labels), want);
});

test('label selectors print like labels.Selector.String', () => {
  const cases: [LabelSelector | undefined | null, string | undefined, string][] = [
    [undefined, '', '<none>'],
    [null, '', '<none>'],
    [{}, '', '<none>'],
    [{ matchLabels: { app: 'web' } }, 'app=web', 'app=web'],
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2', 'a=1,b=2'],
    [
      {
        matchLabels: { z: '1' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'tier', operator: 'NotIn', values: ['cache'] },
          { key: 'gpu', operator: 'Exists' },
          { key: 'arm', operator: 'DoesNotExist', values: [] },
        ],
      },
      '!arm,env in (dev,prod),gpu,tier notin (cache),z=1',
      '!arm,env in (dev,prod),gpu,tier notin (cache),z=1',
    ],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, undefined, '<error>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, undefined, '<error>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, undefined, '<error>'],
  ];
  for (const [sel, raw, formatted] of cases) {
    assert.equal(selectorString(sel), raw, JSON.stringify(sel));
    assert.equal(formatLabelSelector(sel), formatted, JSON.stringify(sel));
  }
});

test('layoutContainers joins names and images in order', () => {
  assert.deepEqual(layoutContainers(undefined), { names: '', images: '' });
  assert.deepEqual(layoutContainers([{ name: 'a', image: 'nginx:1' }, { name: 'b', image: 'busybox' }]), {
    names: 'a,b',
    images: 'nginx:1,busybox',
  });
});

test('joinHostPort brackets IPv6', () => {
  assert.equal(joinHostPort('10.0.0.1', 80), '10.0.0.1:80');
  assert.equal(joinHostPort('fd00::1', 443), '[fd00::1]:443');
});

test('listWithMore truncates after three', () => {
  const cases: [string[], string][] = [
    [[], '<unset>'],
    [['a'], 'a'],
    [['a', 'b', 'c'], 'a,b,c'],
    [['a', 'b', 'c', 'd'], 'a,b,c + 1 more...'],
    [['a', 'b', 'c', 'd', 'e', 'f'], 'a,b,c + 3 more...'],
  ];
  for (const [items, want] of cases) assert.equal(listWithMore(items), want);
});

test('Go number formatting (%v of int64 and float64)', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [42, '42'],
    [-7, '-7'],
    [0.5, '0.5'],
    [-2.25, '-2.25'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001234, '1.234e-05'],
    [1e300, '1e+300'],
  ];
  for (const [n, want] of cases) assert.equal(goFormatNumber(n), want, String(n));
});

test('goPrint and goJsonMarshal', () => {
  const cases: [unknown, string][] = [
    ['text', 'text'],
    [true, 'true'],
    [false, 'false'],
    [null, '<no value>'],
    [[1, 'a'], '[1,"a"]'],
    [{ b: 1, a: [true, null], '10': 'x', '9': 'y' }, '{"10":"x","9":"y","a":[true,null],"b":1}'],
    [{ html: '<a href="x">&</a>' }, '{"html":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"}'],
  ];
  for (const [value, want] of cases) assert.equal(goPrint(value), want, JSON.stringify(value));
  assert.equal(goJsonMarshal('line\u2028sep'), '"line\\u2028sep"');
});
