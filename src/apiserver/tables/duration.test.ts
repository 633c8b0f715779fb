import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, parseTimestamp, since } from './duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

test('humanDuration follows HumanDuration precision bands', () => {
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'],
    [-2 * s, '<invalid>'],
    [-1999, '0s'],
    [-1 * s, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * s, '1s'],
    [5 * s, '5s'],
    [59 * s, '59s'],
    [90 * s, '90s'],
    [119 * s + 999, '119s'],
    [120 * s, '2m'],
    [150 * s, '2m30s'],
    [5 * m + 1 * s, '5m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 30 * s, '10m'],
    [90 * m, '90m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 1 * m, '3h1m'],
    [5 * h + 10 * m + 59 * s, '5h10m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 30 * m, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [50 * h, '2d2h'],
    [3 * d + 23 * h + 59 * m, '3d23h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 5 * h, '8d'],
    [100 * d, '100d'],
    [729 * d + 23 * h, '729d'],
    [2 * y, '2y'],
    [2 * y + 1 * d, '2y1d'],
    [3 * y + 364 * d, '3y364d'],
    [7 * y + 100 * d, '7y100d'],
    [8 * y, '8y'],
    [8 * y + 200 * d, '8y'],
    [10 * y, '10y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `humanDuration(${ms})`);
});

test('parseTimestamp accepts RFC 3339 only', () => {
  const cases: [unknown, number | undefined][] = [
    ['2024-01-02T03:04:05Z', Date.UTC(2024, 0, 2, 3, 4, 5)],
    ['2024-01-02T03:04:05.123456Z', Date.UTC(2024, 0, 2, 3, 4, 5, 123)],
    ['2024-01-02T05:04:05+02:00', Date.UTC(2024, 0, 2, 3, 4, 5)],
    ['2024-01-02', undefined],
    ['yesterday', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    [12345, undefined],
  ];
  for (const [value, want] of cases) assert.equal(parseTimestamp(value), want, String(value));
});

test('since renders <unknown> without a timestamp', () => {
  const now = new Date('2024-01-01T12:00:00Z');
  const cases: [unknown, string][] = [
    ['2024-01-01T11:55:00Z', '5m'],
    ['2024-01-01T11:59:30Z', '30s'],
    ['2024-01-01T12:00:01Z', '0s'],
    ['2024-01-01T12:00:10Z', '<invalid>'],
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['garbage', '<unknown>'],
  ];
  for (const [ts, want] of cases) assert.equal(since(ts, now), want, String(ts));
});
