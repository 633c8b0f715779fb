import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstIP, formatCidr, isLoopbackIPv4, parseIPv4, parseIPv4Cidr } from '../machinery/cidr.js';
import { formatDuration, parseDuration } from '../machinery/duration.js';

test('IPv4 CIDRs: parsed, masked, first address', () => {
  assert.deepEqual(parseIPv4Cidr('10.96.0.0/16'), { network: parseIPv4('10.96.0.0'), prefix: 16 });
  assert.equal(formatCidr(parseIPv4Cidr('10.244.7.9/16')!), '10.244.0.0/16');
  assert.equal(firstIP(parseIPv4Cidr('10.96.0.0/16')!), '10.96.0.1');
  assert.equal(firstIP(parseIPv4Cidr('10.80.0.0/12')!), '10.80.0.1');
  assert.equal(firstIP(parseIPv4Cidr('255.255.255.0/24')!), '255.255.255.1');
  for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0/8', '10.0.0.256/8', '010.0.0.0/8', '10.0.0.0/08', 'fd00::/64', '']) {
    assert.equal(parseIPv4Cidr(bad), undefined, bad);
  }
});

test('loopback addresses are 127.0.0.0/8', () => {
  assert.ok(isLoopbackIPv4('127.0.0.1'));
  assert.ok(isLoopbackIPv4('127.1.2.3'));
  assert.ok(!isLoopbackIPv4('128.0.0.1'));
  assert.ok(!isLoopbackIPv4('localhost'));
  assert.ok(!isLoopbackIPv4('::1'));
});

test('Go durations parse and print like Go', () => {
  assert.equal(parseDuration('60s'), 60_000);
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('0'), 0);
  assert.throws(() => parseDuration('60'), { message: 'time: invalid duration "60"' });
  assert.throws(() => parseDuration(''), { message: 'time: invalid duration ""' });
  assert.throws(() => parseDuration('5x'), { message: 'time: unknown unit "x" in duration "5x"' });
  assert.equal(formatDuration(60_000), '1m0s');
  assert.equal(formatDuration(30_000), '30s');
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(1_499), '1s');
  assert.equal(formatDuration(3_600_000), '1h0m0s');
  assert.equal(formatDuration(5_430_000), '1h30m30s');
});
