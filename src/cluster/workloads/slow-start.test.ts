import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slowStartBatch } from './slow-start.js';

test('slowStartBatch: batch sizes double; the first failing batch ends the run', async () => {
  const cases: { name: string; count: number; failAt?: number; batches: number[]; successes: number }[] = [
    { name: 'zero', count: 0, batches: [], successes: 0 },
    { name: 'one', count: 1, batches: [1], successes: 1 },
    { name: 'ten', count: 10, batches: [1, 2, 4, 3], successes: 10 },
    { name: 'burst of 500', count: 500, batches: [1, 2, 4, 8, 16, 32, 64, 128, 245], successes: 500 },
    { name: 'failure in the third batch', count: 10, failAt: 5, batches: [1, 2, 4], successes: 6 },
  ];
  for (const c of cases) {
    const batches: number[] = [];
    let calls = 0;
    let inBatch = 0;
    const result = await slowStartBatch(c.count, 1, async () => {
      const n = ++calls;
      if (inBatch++ === 0) batches.push(0);
      batches[batches.length - 1]!++;
      await Promise.resolve();
      inBatch = 0;
      if (n === c.failAt) throw new Error('quota');
    });
    assert.deepEqual(batches, c.batches, c.name);
    assert.equal(result.successes, c.successes, c.name);
    assert.equal(result.error !== undefined, c.failAt !== undefined, c.name);
  }
});
