import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planDaemonSet, scaledValue } from './plan-daemonset.js';
import { daemonPod, daemonSet, node } from './testdata.js';

const NOW = new Date('2024-01-01T01:00:00Z');
const names = (pods: { metadata: { name?: string } }[]) => pods.map((p) => p.metadata.name);

test('planDaemonSet', async (t) => {
  const nodes = [node('n1'), node('n2'), node('n3', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] })];
  const cases = [
    { name: 'creates on every eligible node', pods: [], createOn: ['n1', 'n2'], deletes: [] },
    { name: 'nothing to do when each node runs an up-to-date pod', pods: [daemonPod('a', 'n1'), daemonPod('b', 'n2')], createOn: [], deletes: [] },
    {
      name: 'extra pods on a node go, oldest stays; failed pods go',
      pods: [daemonPod('old', 'n1'), daemonPod('young', 'n1', { created: '2024-01-01T00:00:05Z' }), daemonPod('f', 'n2', { phase: 'Failed' })],
      createOn: [], deletes: ['young', 'f'],
    },
    {
      name: 'rolling update replaces one available old pod at a time',
      pods: [daemonPod('a', 'n1', { hash: 'old' }), daemonPod('b', 'n2', { hash: 'old' })], createOn: [], deletes: ['a'],
    },
    {
      name: 'rolling update waits while a new pod is unavailable',
      pods: [daemonPod('a', 'n1', { ready: false }), daemonPod('b', 'n2', { hash: 'old' })], createOn: [], deletes: [],
    },
    {
      name: 'unavailable old pods are replaced regardless of the budget',
      pods: [daemonPod('a', 'n1', { hash: 'old', ready: false }), daemonPod('b', 'n2', { hash: 'old', ready: false })], createOn: [], deletes: ['a', 'b'],
    },
    {
      name: 'an unscheduled pod for a vanished node goes',
      pods: [daemonPod('a', 'n1'), daemonPod('b', 'n2'), daemonPod('ghost', 'gone', { bound: false })], createOn: [], deletes: ['ghost'],
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const plan = planDaemonSet(daemonSet(), nodes, c.pods, 'new', NOW);
      assert.deepEqual(plan.createOn, c.createOn);
      assert.deepEqual(names(plan.deletePods), c.deletes);
    });
  }
});

test('status counts nodes the way kubectl get ds shows them', () => {
  const nodes = [node('n1'), node('n2'), node('n3'), node('n4', { taints: [{ key: 'x', effect: 'NoSchedule' }] })];
  const pods = [daemonPod('a', 'n1'), daemonPod('b', 'n2', { ready: false }), daemonPod('c', 'n4', { hash: 'old' })];
  const { status } = planDaemonSet(daemonSet(), nodes, pods, 'new', NOW);
  assert.deepEqual(status, {
    desiredNumberScheduled: 3, currentNumberScheduled: 2, numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 2,
    numberMisscheduled: 1, numberUnavailable: 2, observedGeneration: 2,
  });
});

test('scaledValue', () => {
  assert.deepEqual([scaledValue(undefined, 10, 1), scaledValue(2, 10, 1), scaledValue('25%', 10, 1), scaledValue('0%', 10, 1), scaledValue('3', 10, 1)], [1, 2, 3, 0, 3]);
});
