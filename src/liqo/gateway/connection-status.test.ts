import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionUpdate, formatDuration } from './connection-status.js';

test('latencies print as Go prints a time.Duration', () => {
  const cases: [number, string][] = [
    [0, '0s'], [0.000512, '512ns'], [0.3176, '317.6µs'], [0.25, '250µs'], [1, '1ms'], [1.234567, '1.234567ms'],
    [12.5, '12.5ms'], [1500, '1.5s'], [61_000, '1m1s'], [3_723_000, '1h2m3s'],
  ];
  for (const [ms, text] of cases) assert.equal(formatDuration(ms), text, `${ms} ms`);
});

test('status.connection is written on a change of state, and a fresh latency at most every 10 s', () => {
  const now = new Date('2024-05-01T10:00:20Z');
  const connecting = connectionUpdate(undefined, { status: 'Connecting' }, now);
  assert.deepEqual(connecting, { status: 'Connecting', statusMessage: 'Waiting VPN connection to be established' });
  assert.equal(connectionUpdate(connecting, { status: 'Connecting' }, now), undefined);

  const connected = connectionUpdate(connecting, { status: 'Connected', latencyMs: 0.4 }, now);
  assert.deepEqual(connected, { status: 'Connected', statusMessage: 'VPN connection established', latency: { value: '400µs', timestamp: '2024-05-01T10:00:20Z' } });
  assert.equal(connectionUpdate(connected, { status: 'Connected', latencyMs: 0.5 }, new Date('2024-05-01T10:00:29Z')), undefined);
  assert.equal(connectionUpdate(connected, { status: 'Connected', latencyMs: 0.5 }, new Date('2024-05-01T10:00:30Z'))?.latency?.value, '500µs');
  assert.equal(connectionUpdate({ status: 'Connected', statusMessage: 'VPN connection established' }, { status: 'Connected', latencyMs: 1 }, now)?.latency?.value, '1ms');

  assert.deepEqual(connectionUpdate(connected, { status: 'Error' }, now), { status: 'Error', statusMessage: 'No network connectivity towards remote cluster' });
});
