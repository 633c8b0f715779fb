import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/types.js';
import { CacheFence } from './cache-fence.js';

const at = (rv: string): KubeObject => ({ metadata: { name: 'x', namespace: 'ns', resourceVersion: rv } });

test('CacheFence: a key waits until the informer has seen its writes', () => {
  const fence = new CacheFence();
  const events = fence.observer();
  assert.equal(fence.caughtUp('ns/a'), true, 'nothing written');
  fence.wrote('ns/a', at('10'));
  fence.wrote('ns/a', at('7'));
  fence.wrote('ns/a', { kind: 'Status' });
  assert.equal(fence.caughtUp('ns/a'), false);
  events.onAdd?.(at('9'));
  assert.equal(fence.caughtUp('ns/a'), false, 'an older event');
  assert.equal(fence.caughtUp('ns/b'), true, 'other keys run');
  events.onDelete?.(at('10'));
  assert.equal(fence.caughtUp('ns/a'), true, 'a delete counts');
  fence.wrote('ns/a', at('12'));
  events.onUpdate?.(at('15'), at('9'));
  assert.equal(fence.caughtUp('ns/a'), true, 'a newer event');
  fence.wrote('ns/a', at('20'));
  fence.forget('ns/a');
  assert.equal(fence.caughtUp('ns/a'), true, 'forgotten');
});
