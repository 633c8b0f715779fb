import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logOnce } from './log-once.js';

test('logOnce says a repeated message once until it has been quiet long enough', () => {
  const lines: string[] = [];
  let now = 0;
  const log = logOnce((m) => lines.push(m), 1000, () => now);
  log('forbidden');
  log('forbidden');
  log('other');
  now = 999;
  log('forbidden');
  now = 1000;
  log('forbidden');
  assert.deepEqual(lines, ['forbidden', 'other', 'forbidden']);
});
