import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { controllerRevisionPrinter, jobPrinter } from './batch.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const job = (spec: Record<string, unknown>, status: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name: 'pi', creationTimestamp: '2024-06-01T11:58:00Z', ...meta },
  spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } }, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } }, ...spec },
  status,
});
const done = { type: 'Complete', status: 'True' };

test('job rows', async (t) => {
  const cases: [string, KubeObject, unknown[]][] = [
    ['new job', job({ completions: 1, parallelism: 1 }), ['pi', 'Running', '0/1', '', '2m']],
    ['running for 30s', job({ completions: 3 }, { startTime: '2024-06-01T11:59:30Z', succeeded: 1 }), ['pi', 'Running', '1/3', '30s', '2m']],
    ['complete', job({ completions: 1 }, { startTime: '2024-06-01T11:58:00Z', completionTime: '2024-06-01T11:58:07Z', succeeded: 1, conditions: [done] }), ['pi', 'Complete', '1/1', '7s', '2m']],
    ['failed', job({ completions: 1 }, { conditions: [{ type: 'Failed', status: 'True' }] }), ['pi', 'Failed', '0/1', '', '2m']],
    ['work queue, parallel', job({ completions: null, parallelism: 3 }), ['pi', 'Running', '0/1 of 3', '', '2m']],
    ['terminating', job({ completions: 1 }, {}, { deletionTimestamp: '2024-06-01T12:00:00Z' }), ['pi', 'Terminating', '0/1', '', '2m']],
  ];
  for (const [name, obj, want] of cases) {
    await t.test(name, () => {
      const cells = jobPrinter.row(obj, { now: NOW }).cells;
      assert.deepEqual(cells.slice(0, 5), want);
      assert.deepEqual(cells.slice(5), ['pi', 'perl', 'batch.kubernetes.io/controller-uid=u']);
    });
  }
});

test('controller revision rows', () => {
  const rev: KubeObject = {
    metadata: { name: 'fluentd-6d5f', creationTimestamp: '2024-06-01T11:59:00Z', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: 'u', controller: true }] },
    revision: 2,
  };
  assert.deepEqual(controllerRevisionPrinter.row(rev, { now: NOW }).cells, ['fluentd-6d5f', 'daemonset.apps/fluentd', 2, '60s']);
  assert.deepEqual(controllerRevisionPrinter.row({ metadata: { name: 'x' }, revision: 1 }, { now: NOW }).cells.slice(1, 3), ['<none>', 1]);
});
