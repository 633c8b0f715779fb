import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from './pod-template-hash.js';

const bytes = (s: string) => new TextEncoder().encode(s);

test('fnv32a matches the FNV-1a 32-bit test vectors', () => {
  for (const [input, want] of [['', 0x811c9dc5], ['a', 0xe40c292c], ['foobar', 0xbf9cf968]] as const) {
    assert.equal(fnv32a(bytes(input)), want, input);
  }
});

test('safeEncodeString maps digits as rand.SafeEncodeString does', () => {
  for (const [input, want] of [['0123456789', '456789bcdf'], ['', ''], ['4294967295', '86f8fbc6f9']] as const) {
    assert.equal(safeEncodeString(input), want, input);
  }
});

test('canonicalJson sorts keys at every level and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } }), '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
});

test('computeHash: stable, order-independent, template- and collisionCount-sensitive', () => {
  const t1 = { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };
  const t1reordered = { spec: { containers: [{ image: 'nginx:1.25', name: 'nginx' }] }, metadata: { labels: { tier: 'front', app: 'web' } } };
  const t2 = { ...t1, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } };
  const cases: { name: string; a: string; b: string; equal: boolean }[] = [
    { name: 'same template', a: computeHash(t1), b: computeHash(t1), equal: true },
    { name: 'key order', a: computeHash(t1), b: computeHash(t1reordered), equal: true },
    { name: 'image change', a: computeHash(t1), b: computeHash(t2), equal: false },
    { name: 'collisionCount 0 salts', a: computeHash(t1), b: computeHash(t1, 0), equal: false },
    { name: 'collisionCount 1 vs 2', a: computeHash(t1, 1), b: computeHash(t1, 2), equal: false },
  ];
  for (const c of cases) assert.equal(c.a === c.b, c.equal, c.name);
  assert.match(computeHash(t1), /^[456789bcdf]{1,10}$/);
});
