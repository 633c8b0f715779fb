import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ipam, normalizeCidr } from './ipam.js';

test('the tutorial clusters: external CIDR 10.201.0.0/16, peers remapped to 10.202/16, 10.203/16, 10.204/16, 10.205/16', () => {
  const ipam = new Ipam();
  assert.ok(ipam.reserve('10.200.0.0/16'));
  assert.ok(ipam.reserve(normalizeCidr('10.90.0.0/12')));
  assert.equal(ipam.allocate(16), '10.201.0.0/16');
  assert.deepEqual(ipam.reserveOrRemap('10.200.0.0/16'), { cidr: '10.202.0.0/16', remapped: true });
  assert.deepEqual(ipam.reserveOrRemap('10.201.0.0/16'), { cidr: '10.203.0.0/16', remapped: true });
  assert.deepEqual(ipam.reserveOrRemap('10.200.0.0/16'), { cidr: '10.204.0.0/16', remapped: true });
  assert.deepEqual(ipam.reserveOrRemap('10.201.0.0/16'), { cidr: '10.205.0.0/16', remapped: true });
});

test('a free network is kept as it is; normalisation masks host bits; bad input is refused', () => {
  const ipam = new Ipam();
  assert.deepEqual(ipam.reserveOrRemap('10.244.0.0/16'), { cidr: '10.244.0.0/16', remapped: false });
  assert.equal(normalizeCidr('10.90.0.0/12'), '10.80.0.0/12');
  assert.throws(() => normalizeCidr('10.0.0/8'), /invalid CIDR address: 10.0.0\/8/);
});

test('pools are tried in order and exhausted ones are skipped', () => {
  const ipam = new Ipam(['10.0.0.0/15', '192.168.0.0/16']);
  assert.equal(ipam.allocate(16), '10.0.0.0/16');
  assert.equal(ipam.allocate(16), '10.1.0.0/16');
  assert.equal(ipam.allocate(16), '192.168.0.0/16');
  assert.equal(ipam.allocate(16), undefined);
});
