import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core-v1.js';
import type { Job } from '../../api/apps-batch-v1.js';
import { forgeJobPod, planJob } from './plan-job.js';

const NOW = new Date('2024-01-01T00:01:00Z');
const job = (spec: Partial<Job['spec']> = {}, status: Job['status'] = undefined): Job => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'ns', uid: 'u' },
  spec: { completions: 1, parallelism: 1, backoffLimit: 6, template: { metadata: { labels: { 'job-name': 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi' }] } }, ...spec },
  ...(status ? { status } : {}),
});
let n = 0;
const pod = (phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed', ready = phase === 'Running'): Pod => ({
  metadata: { name: `pi-${n++}`, namespace: 'ns', creationTimestamp: '2024-01-01T00:00:00Z' },
  spec: { containers: [] }, status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const types = (s: { conditions?: { type: string }[] }) => (s.conditions ?? []).map((c) => c.type);

test('planJob', async (t) => {
  const cases: { name: string; job: Job; pods: Pod[]; create: number; deletes: number; conditions: string[]; counts?: Record<string, number> }[] = [
    { name: 'a new job starts one pod', job: job(), pods: [], create: 1, deletes: 0, conditions: [] },
    { name: 'parallelism caps active pods', job: job({ completions: 5, parallelism: 2 }), pods: [pod('Succeeded'), pod('Running')], create: 1, deletes: 0, conditions: [], counts: { active: 1, succeeded: 1, ready: 1 } },
    { name: 'never more active pods than completions left', job: job({ completions: 3, parallelism: 3 }), pods: [pod('Succeeded'), pod('Succeeded')], create: 1, deletes: 0, conditions: [] },
    { name: 'completions reached: Complete', job: job({ completions: 2, parallelism: 2 }), pods: [pod('Succeeded'), pod('Succeeded')], create: 0, deletes: 0, conditions: ['SuccessCriteriaMet', 'Complete'], counts: { succeeded: 2 } },
    { name: 'failed pods are replaced within backoffLimit', job: job({ backoffLimit: 2 }), pods: [pod('Failed'), pod('Failed')], create: 1, deletes: 0, conditions: [], counts: { failed: 2 } },
    { name: 'past backoffLimit: Failed, active pods deleted', job: job({ backoffLimit: 1, parallelism: 2, completions: 3 }), pods: [pod('Failed'), pod('Failed'), pod('Running')], create: 0, deletes: 1, conditions: ['FailureTarget', 'Failed'] },
    { name: 'work queue completes once a pod succeeded and none is active', job: job({ completions: null, parallelism: 2 }), pods: [pod('Succeeded'), pod('Succeeded')], create: 0, deletes: 0, conditions: ['SuccessCriteriaMet', 'Complete'] },
    { name: 'work queue waits for active pods after a success', job: job({ completions: null, parallelism: 2 }), pods: [pod('Succeeded'), pod('Running')], create: 0, deletes: 0, conditions: [] },
    { name: 'past activeDeadlineSeconds: Failed', job: job({ activeDeadlineSeconds: 30 }, { startTime: '2024-01-01T00:00:00Z' }), pods: [pod('Running')], create: 0, deletes: 1, conditions: ['FailureTarget', 'Failed'] },
    { name: 'suspended: no pods', job: job({ suspend: true }), pods: [pod('Running')], create: 0, deletes: 1, conditions: [] },
    { name: 'finished jobs do nothing more', job: job({}, { conditions: [{ type: 'Complete', status: 'True' }], succeeded: 1 }), pods: [], create: 0, deletes: 0, conditions: ['Complete'] },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const plan = planJob(c.job, c.pods, NOW);
      assert.equal(plan.create, c.create);
      assert.equal(plan.delete.length, c.deletes);
      assert.deepEqual(types(plan.status), c.conditions);
      for (const [k, v] of Object.entries(c.counts ?? {})) assert.equal((plan.status as Record<string, unknown>)[k], v, k);
    });
  }
});

test('a completed job records completionTime and kube\'s reason', () => {
  const plan = planJob(job(), [pod('Succeeded')], NOW);
  assert.equal(plan.status.completionTime, '2024-01-01T00:01:00Z');
  assert.equal(plan.status.startTime, '2024-01-01T00:01:00Z');
  const complete = plan.status.conditions?.find((c) => c.type === 'Complete');
  assert.deepEqual([complete?.reason, complete?.message], ['CompletionsReached', 'Reached expected number of succeeded pods']);
  assert.deepEqual(plan.finished, { type: 'Normal', reason: 'Completed', message: 'Job completed' });
});

test('forgeJobPod', () => {
  const p = forgeJobPod(job());
  assert.equal(p.metadata.generateName, 'pi-');
  assert.deepEqual(p.metadata.labels, { 'job-name': 'pi' });
  assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'u', controller: true, blockOwnerDeletion: true }]);
});
