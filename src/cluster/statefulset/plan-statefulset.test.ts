import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core-v1.js';
import type { StatefulSet } from '../../api/apps-batch-v1.js';
import { forgeControllerRevision } from '../history/controller-history.js';
import { forgeStatefulPod } from './forge-stateful-pod.js';
import { computeStatefulSetStatus, planStatefulSet, type Action } from './plan-statefulset.js';

const NOW = new Date('2024-01-01T01:00:00Z');

function sts(spec: Partial<StatefulSet['spec']> = {}, image = 'v2'): StatefulSet {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'ns', uid: 'u', generation: 1 },
    spec: {
      replicas: 3, serviceName: 'nginx', selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec,
    },
  };
}
const revOf = (image: string) => forgeControllerRevision({ ...sts({}, image) }, 1);
const REVS = { current: revOf('v2'), update: revOf('v2') };
const ROLLING = { current: revOf('v1'), update: revOf('v2') };

function pod(ordinal: number, state: 'ready' | 'pending' | 'failed' | 'terminating' = 'ready', image = 'v2'): Pod {
  const p = forgeStatefulPod(sts({}, image), ordinal, revOf(image).metadata.name!);
  const ready = state === 'ready' || state === 'terminating';
  p.status = { phase: state === 'failed' ? 'Failed' : state === 'pending' ? 'Pending' : 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] };
  if (state === 'terminating') p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
  return p;
}
const show = (actions: Action[]) => actions.map((a) => `${a.type} ${a.pod.metadata.name}`);

test('planStatefulSet', async (t) => {
  const cases: { name: string; set?: StatefulSet; pods: Pod[]; revs?: typeof REVS; want: string[] }[] = [
    { name: 'OrderedReady creates web-0 first', pods: [], want: ['create web-0'] },
    { name: 'OrderedReady waits for web-0 to be Running and Ready', pods: [pod(0, 'pending')], want: [] },
    { name: 'then creates web-1', pods: [pod(0)], want: ['create web-1'] },
    { name: 'Parallel creates every missing pod at once', set: sts({ podManagementPolicy: 'Parallel' }), pods: [pod(1, 'pending')], want: ['create web-0', 'create web-2'] },
    { name: 'a failed pod is deleted to be recreated', pods: [pod(0, 'failed')], want: ['delete web-0'] },
    { name: 'scale down removes the highest ordinal first, one at a time', set: sts({ replicas: 1 }), pods: [pod(0), pod(1), pod(2)], want: ['delete web-2'] },
    { name: 'scale down waits for a terminating pod', set: sts({ replicas: 1 }), pods: [pod(0), pod(1), pod(2, 'terminating')], want: [] },
    { name: 'Parallel scale down deletes all condemned', set: sts({ replicas: 1, podManagementPolicy: 'Parallel' }), pods: [pod(0), pod(1), pod(2)], want: ['delete web-2', 'delete web-1'] },
    { name: 'rolling update starts at the highest ordinal', revs: ROLLING, pods: [pod(0, 'ready', 'v1'), pod(1, 'ready', 'v1'), pod(2, 'ready', 'v1')], want: ['delete web-2'] },
    { name: 'rolling update goes on once the updated pod is healthy', revs: ROLLING, pods: [pod(0, 'ready', 'v1'), pod(1, 'ready', 'v1'), pod(2)], want: ['delete web-1'] },
    { name: 'rolling update stops at the partition', set: sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }), revs: ROLLING, pods: [pod(0, 'ready', 'v1'), pod(1, 'ready', 'v1'), pod(2)], want: [] },
    { name: 'OnDelete never deletes for an update', set: sts({ updateStrategy: { type: 'OnDelete' } }), revs: ROLLING, pods: [pod(0, 'ready', 'v1'), pod(1, 'ready', 'v1'), pod(2, 'ready', 'v1')], want: [] },
  ];
  for (const c of cases) await t.test(c.name, () => assert.deepEqual(show(planStatefulSet(c.set ?? sts(), c.pods, c.revs ?? REVS, NOW)), c.want));
});

test('pods below the partition are created at the current revision', () => {
  const set = sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
  const [action] = planStatefulSet(set, [], ROLLING, NOW);
  assert.equal(action?.pod.metadata.labels?.['controller-revision-hash'], ROLLING.current.metadata.name);
  assert.equal((action?.pod.spec.containers[0] as { image: string }).image, 'v1');
});

test('stateful pods carry their identity', () => {
  const p = pod(1);
  assert.equal(p.metadata.name, 'web-1');
  assert.equal(p.spec.hostname, 'web-1');
  assert.equal(p.spec.subdomain, 'nginx');
  assert.equal(p.metadata.labels?.['statefulset.kubernetes.io/pod-name'], 'web-1');
  assert.equal(p.metadata.labels?.['apps.kubernetes.io/pod-index'], '1');
});

test('status', () => {
  const status = computeStatefulSetStatus(sts(), [pod(0, 'ready', 'v1'), pod(1, 'pending', 'v1'), pod(2)], ROLLING, NOW);
  assert.deepEqual(status, {
    observedGeneration: 1, replicas: 3, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 1,
    currentRevision: ROLLING.current.metadata.name, updateRevision: ROLLING.update.metadata.name, collisionCount: 0, availableReplicas: 2,
  });
  const done = computeStatefulSetStatus(sts(), [pod(0), pod(1), pod(2)], ROLLING, NOW);
  assert.equal(done.currentRevision, ROLLING.update.metadata.name);
  assert.equal(done.currentReplicas, 3);
});
