import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CrashLoopBackoff, formatBackoff } from './backoff.js';

test('first exit restarts at once; later exits wait 10 s doubling to 5 min', () => {
  const b = new CrashLoopBackoff({ initialMs: 10_000, maxMs: 300_000 });
  let t = 0;
  assert.equal(b.restartDelay('p/c', t, t), 0, 'first crash: restart now');
  const waits: number[] = [];
  for (let i = 0; i < 7; i++) {
    t += 1000; // the container runs a second, then exits
    const finished = t;
    const wait = b.restartDelay('p/c', finished, t);
    waits.push(wait);
    t += wait;
    assert.equal(b.restartDelay('p/c', finished, t), 0, 'due once the wait is over');
  }
  assert.deepEqual(waits, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
});

test('a container that ran for longer than twice the maximum starts over; keys are separate', () => {
  const b = new CrashLoopBackoff({ initialMs: 1000, maxMs: 4000 });
  b.restartDelay('p/a', 0, 0);
  assert.equal(b.restartDelay('p/a', 100, 100), 1000);
  assert.equal(b.restartDelay('p/a', 100, 600), 500);
  assert.equal(b.restartDelay('p/b', 100, 100), 0);
  assert.equal(b.restartDelay('p/a', 20_000, 20_000), 0, 'expired entry: immediate');
  assert.equal(b.current('p/a'), 1000);
  b.forget('p/');
  assert.equal(b.current('p/b'), 0);
});

test('back-off steps read as kube prints them', () => {
  assert.deepEqual([10_000, 80_000, 300_000].map(formatBackoff), ['10s', '1m20s', '5m0s']);
});
