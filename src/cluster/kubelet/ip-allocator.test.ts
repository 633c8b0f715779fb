import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodIPAllocator } from './ip-allocator.js';

test('pod IPs skip the network and gateway, never repeat while held, and rotate after release', () => {
  const a = new PodIPAllocator('10.200.3.0/24');
  assert.equal(a.allocate('ns/a'), '10.200.3.2');
  assert.equal(a.allocate('ns/b'), '10.200.3.3');
  assert.equal(a.allocate('ns/a'), '10.200.3.2', 'a pod keeps its IP');
  a.release('ns/a');
  assert.equal(a.allocate('ns/c'), '10.200.3.4', 'a released IP is not reused at once');
});

test('IPs learned from pod status are not handed out again', () => {
  const a = new PodIPAllocator('10.200.0.0/24');
  a.observe('ns/old', '10.200.0.2');
  a.observe('ns/other', '10.99.0.7'); // outside the CIDR: ignored
  assert.equal(a.allocate('ns/new'), '10.200.0.3');
  assert.equal(a.size, 2);
});

test('a full CIDR says so', () => {
  const a = new PodIPAllocator('10.0.0.0/30');
  assert.equal(a.allocate('p1'), '10.0.0.0');
  for (let i = 2; i <= 4; i++) a.allocate(`p${i}`);
  assert.throws(() => a.allocate('p5'), /no free pod IP left in 10\.0\.0\.0\/30/);
});
