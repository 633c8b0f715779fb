import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFormat, effectiveFormat, isDate, isDateTime, isDuration, isIPv6 } from './formats.js';

test('only the formats kube keeps are checked', () => {
  assert.equal(effectiveFormat('int32'), '');
  assert.equal(effectiveFormat('date-time'), 'date-time');
  assert.equal(effectiveFormat('Date-Time'), '');
  assert.equal(checkFormat('int64', 'anything'), true);
});

test('format checks', () => {
  const cases: [string, string, boolean][] = [
    ['date-time', '2024-01-02T03:04:05Z', true],
    ['date-time', '2024-01-02T03:04:05.123+02:00', true],
    ['date-time', '2024-01-02 03:04:05Z', false],
    ['date-time', '2024-01-02T24:00:00Z', false],
    ['date', '2024-02-29', true],
    ['date', '2023-02-29', false],
    ['duration', '1h30m', true],
    ['duration', '3 days', true],
    ['duration', 'soon', false],
    ['ipv4', '10.0.0.1', true],
    ['ipv4', '10.0.0.256', false],
    ['ipv6', '::1', true],
    ['ipv6', 'fe80::1:2:3:4:5', true],
    ['cidr', '10.0.0.0/8', true],
    ['cidr', '10.0.0.0/33', false],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', true],
    ['byte', 'aGVsbG8=', true],
    ['byte', 'not base64!', false],
    ['hostname', 'example.com', true],
    ['hostname', '-bad-', false],
    ['mac', '00:1a:2b:3c:4d:5e', true],
    ['hexcolor', '#fff', true],
    ['rgbcolor', 'rgb(1, 2, 3)', true],
    ['isbn10', '0321751043', true],
    ['isbn13', '978-0321751041', true],
    ['creditcard', '4111 1111 1111 1111', true],
    ['ssn', '123-45-6789', true],
    ['uri', 'https://example.com/x', true],
    ['uri', 'relative/path', false],
    ['email', 'a@b.io', true],
    ['bsonobjectid', '507f1f77bcf86cd799439011', true],
    ['password', '', true],
  ];
  for (const [format, value, want] of cases) assert.equal(checkFormat(format, value), want, `${format} ${value}`);
  assert.ok(isDate('2000-01-01') && isDateTime('2000-01-01t00:00:00z') && isDuration('0') && !isIPv6('1.2.3.4'));
});
