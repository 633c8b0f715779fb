import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/types.js';
import { SpamFilteredEvents } from './event-spam-filter.js';

test('SpamFilteredEvents: 25 per object and source, then one per 5 minutes', () => {
  let t = 0;
  const recorded: string[] = [];
  const f = new SpamFilteredEvents({ event: (o, _t, _r, m) => { recorded.push(`${o.metadata.name}:${m}`); } }, () => t);
  const rs = (name: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'ns', uid: name } });
  for (let i = 0; i < 40; i++) f.event(rs('a'), 'Normal', 'SuccessfulCreate', `Created pod: a-${i}`);
  assert.equal(recorded.length, 25, 'burst of 25');
  f.event(rs('b'), 'Normal', 'SuccessfulCreate', 'Created pod: b-0');
  assert.equal(recorded.length, 26, 'other objects have their own bucket');
  t += 299_000;
  f.event(rs('a'), 'Normal', 'SuccessfulCreate', 'late');
  assert.equal(recorded.length, 26, 'not yet refilled');
  t += 2_000;
  f.event(rs('a'), 'Normal', 'SuccessfulCreate', 'refilled');
  assert.deepEqual(recorded.slice(-1), ['a:refilled']);
});
