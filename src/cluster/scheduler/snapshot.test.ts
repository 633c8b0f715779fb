import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toNodeInfos } from './snapshot.js';
import { node, pod, snapshot } from './testdata.js';

test('toNodeInfos keeps node order and leaves terminal pods out', () => {
  const running = pod('run', { nodeName: 'n2', requests: { cpu: '1' } });
  const done = { ...pod('done', { nodeName: 'n2', requests: { cpu: '1' } }), status: { phase: 'Succeeded' as const } };
  const failed = { ...pod('failed', { nodeName: 'n2' }), status: { phase: 'Failed' as const } };
  const terminating = { ...pod('bye', { nodeName: 'n2' }), metadata: { name: 'bye', namespace: 'default', deletionTimestamp: '2024-01-01T00:00:00Z' } };
  const infos = toNodeInfos(snapshot([node('n2'), node('n1')], [running, done, failed, terminating]));
  assert.deepEqual(infos.map((i) => i.name), ['n2', 'n1']);
  assert.deepEqual(infos[0]!.pods.map((p) => p.metadata.name), ['run', 'bye']);
  assert.equal(infos[0]!.resources.requested.milliCPU, 1000);
  assert.equal(infos[1]!.pods.length, 0);
});
