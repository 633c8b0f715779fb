import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { BUILTIN_RESOURCES } from '../../api/builtin-resources.js';
import { defaultJob, generateJobSelector, jobStrategy } from './batch-strategies.js';

const info = BUILTIN_RESOURCES.find((r) => r.group === 'batch' && r.resource === 'jobs')!;
const job = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } }, ...spec },
});

test('defaultJob', async (t) => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['nothing set', {}, { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' }],
    ['parallelism only: work queue without completions', { parallelism: 3 }, { parallelism: 3 }],
    ['completions only', { completions: 5 }, { completions: 5, parallelism: 1 }],
    ['backoffLimit kept', { backoffLimit: 0 }, { backoffLimit: 0, completions: 1 }],
  ];
  for (const [name, spec, want] of cases) {
    await t.test(name, () => {
      const j = job(spec);
      defaultJob(j);
      for (const [k, v] of Object.entries(want)) assert.deepEqual((j.spec as Record<string, unknown>)[k], v, k);
      if (!('completions' in want)) assert.equal((j.spec as Record<string, unknown>).completions, undefined);
    });
  }
});

test('generateJobSelector labels the template and selects by uid', () => {
  const j = job();
  generateJobSelector(j);
  const spec = j.spec as { selector: unknown; template: { metadata: { labels: unknown } } };
  assert.deepEqual(spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
  assert.deepEqual(spec.template.metadata.labels, {
    'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'job-name': 'pi',
  });
});

test('validation', async (t) => {
  const s = jobStrategy(info);
  const check = (spec: Record<string, unknown>) => {
    const j = job(spec);
    s.defaults(j);
    generateJobSelector(j);
    return s.validate(j, info).map((e) => e.message);
  };
  await t.test('valid job', () => assert.deepEqual(check({}), []));
  await t.test('restartPolicy Always', () => assert.deepEqual(check({ template: { spec: { restartPolicy: 'Always', containers: [{ name: 'c', image: 'i' }] } } }), [
    'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
  ]));
  await t.test('negative parallelism', () => assert.deepEqual(check({ parallelism: -1 }), ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']));
});
