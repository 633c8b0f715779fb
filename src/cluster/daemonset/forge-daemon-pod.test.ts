import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgeDaemonPod, nodeShouldRunDaemonPod, targetNodeName } from './forge-daemon-pod.js';
import { daemonPod, daemonSet, node } from './testdata.js';

test('forgeDaemonPod pins the pod to its node by affinity, with daemon tolerations and labels', () => {
  const ds = daemonSet();
  ds.spec.template.spec.tolerations = [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }, { key: 'gpu', operator: 'Exists' }];
  const pod = forgeDaemonPod(ds, 'n2', 'h1');
  assert.equal(pod.metadata.generateName, 'agent-');
  assert.deepEqual(pod.metadata.labels, { app: 'agent', 'controller-revision-hash': 'h1', 'pod-template-generation': '2' });
  assert.equal(pod.metadata.ownerReferences?.[0]?.kind, 'DaemonSet');
  assert.equal(pod.spec.nodeName, undefined);
  assert.deepEqual(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }],
  });
  assert.deepEqual(pod.spec.tolerations?.map((t) => `${t.key}:${t.effect ?? ''}`), [
    'node.kubernetes.io/unschedulable:NoSchedule', 'gpu:', 'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute',
    'node.kubernetes.io/disk-pressure:NoSchedule', 'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule',
  ]);
  assert.equal(targetNodeName(pod), 'n2');
});

test('nodeShouldRunDaemonPod', async (t) => {
  const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
  const cases = [
    { name: 'plain node', ds: daemonSet(), node: node('n1'), want: { shouldRun: true, shouldContinueRunning: true } },
    { name: 'NoSchedule taint not tolerated: keeps running pods', ds: daemonSet(), node: node('n1', { taints: [cp] }), want: { shouldRun: false, shouldContinueRunning: true } },
    { name: 'NoExecute taint not tolerated', ds: daemonSet(), node: node('n1', { taints: [{ key: 'x', effect: 'NoExecute' as const }] }), want: { shouldRun: false, shouldContinueRunning: false } },
    { name: 'not-ready NoExecute tolerated by the daemon tolerations', ds: daemonSet(), node: node('n1', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' as const }] }), want: { shouldRun: true, shouldContinueRunning: true } },
    {
      name: 'nodeSelector not matching', node: node('n1'), want: { shouldRun: false, shouldContinueRunning: false },
      ds: (() => { const d = daemonSet(); d.spec.template.spec.nodeSelector = { disk: 'ssd' }; return d; })(),
    },
    {
      name: 'nodeSelector matching', node: node('n1', { labels: { disk: 'ssd' } }), want: { shouldRun: true, shouldContinueRunning: true },
      ds: (() => { const d = daemonSet(); d.spec.template.spec.nodeSelector = { disk: 'ssd' }; return d; })(),
    },
  ];
  for (const c of cases) await t.test(c.name, () => assert.deepEqual(nodeShouldRunDaemonPod(c.ds, c.node), c.want));
});

test('targetNodeName prefers the bound node', () => {
  assert.equal(targetNodeName(daemonPod('p', 'n1')), 'n1');
  assert.equal(targetNodeName(daemonPod('p', 'n3', { bound: false })), 'n3');
});
