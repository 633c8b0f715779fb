import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuantity, toMilli, toValue } from './quantity.js';

test('toMilli (cpu in millicores)', () => {
  const cases: [string, number][] = [
    ['100m', 100], ['0.5', 500], ['2', 2000], ['1.5', 1500], ['.25', 250], ['1.', 1000],
    ['1e3', 1_000_000], ['1E-3', 1], ['0.1m', 1], ['1n', 1], ['1u', 1], ['1000u', 1],
    ['1001u', 2], ['250000u', 250], ['1k', 1_000_000], ['+2', 2000], ['-100m', -100], ['-0.0001', -1],
    ['0', 0], ['00.000', 0],
  ];
  for (const [input, want] of cases) assert.equal(toMilli(input), want, input);
});

test('toValue (bytes and counts), rounding up away from zero as Value() does', () => {
  const cases: [string, number][] = [
    ['64Mi', 64 * 2 ** 20], ['1Gi', 2 ** 30], ['1G', 1e9], ['1Ki', 1024], ['1Ti', 2 ** 40],
    ['1Pi', 2 ** 50], ['1Ei', 2 ** 60], ['1k', 1000], ['1M', 1e6], ['1T', 1e12], ['1P', 1e15], ['1E', 1e18],
    ['1.5k', 1500], ['1.5Gi', 1.5 * 2 ** 30], ['0.5Ki', 512], ['110', 110], ['1e3', 1000], ['1e+3', 1000],
    ['100m', 1], ['1500m', 2], ['1n', 1], ['-1.5', -2], ['0.1', 1], ['2.000', 2],
    ['129e6', 129_000_000], ['1.1e-3', 1],
  ];
  for (const [input, want] of cases) assert.equal(toValue(input), want, input);
});

test('invalid quantities throw an Error naming the input', () => {
  const cases: [string, RegExp][] = [
    ['', /quantities must match/], ['abc', /quantities must match/], ['1.5.5', /quantities must match/],
    ['1 ', /quantities must match/], [' 1', /quantities must match/], ['-', /quantities must match/],
    ['m', /quantities must match/], ['1K', /suffix/], ['1mi', /suffix/], ['1e', /suffix/], ['1Gb', /quantities must match|suffix/],
    ['1e3.5', /quantities must match/], ['1ee3', /suffix/],
  ];
  for (const [input, want] of cases) {
    assert.throws(() => parseQuantity(input), (e: Error) => e.message.includes(`"${input}"`) && want.test(e.message), input);
  }
});

test('parseQuantity is exact', () => {
  assert.deepEqual(parseQuantity('1.25Ki'), { num: 125n * 1024n, den: 100n });
  assert.deepEqual(parseQuantity('3m'), { num: 3n, den: 1000n });
  assert.equal(toMilli(parseQuantity('1.0005')), 1001);
});
