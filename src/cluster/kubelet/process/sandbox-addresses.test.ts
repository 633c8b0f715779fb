import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxAddresses, sandboxPrefix } from './sandbox-addresses.js';

test('addresses are 127.<api port>.<n>, one per running pod, the next free after the last', () => {
  assert.equal(sandboxPrefix(6443), '127.25.43');
  assert.equal(sandboxPrefix(45227), '127.176.171');
  const a = new SandboxAddresses('127.25.43');
  assert.equal(a.allocate('p1'), '127.25.43.1');
  assert.equal(a.allocate('p2'), '127.25.43.2');
  assert.equal(a.allocate('p1'), '127.25.43.1', 'a pod keeps its address');
  a.release('p1');
  assert.equal(a.allocate('p3'), '127.25.43.3', 'a freed address is not reused at once');
  for (let i = 4; i <= 254; i++) a.allocate(`q${i}`);
  assert.equal(a.allocate('p4'), '127.25.43.1', 'wraps around to the free one');
  assert.throws(() => a.allocate('p5'), /at most 254 process pods/);
});
