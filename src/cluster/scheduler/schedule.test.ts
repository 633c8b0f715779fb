import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, NodeSelectorTerm, Pod } from '../../api/core-v1.js';
import { isSchedulingCandidate, schedulePod, type ScheduleResult, type Unschedulable } from './schedule.js';
import { container, node, pod, snapshot } from './testdata.js';

const CP = 'node-role.kubernetes.io/control-plane';
const controlPlane = (name: string, tainted = true) =>
  node(name, { labels: { [CP]: '' }, spec: tainted ? { taints: [{ key: CP, effect: 'NoSchedule' }] } : {} });
const requiredTerms = (...nodeSelectorTerms: NodeSelectorTerm[]) =>
  ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } });
const needsLabel = (key: string) => pod('p', { spec: requiredTerms({ matchExpressions: [{ key, operator: 'In', values: ['yes'] }] }) });
const pinnedTo = (nodeName: string, requests: Record<string, string>) =>
  pod('ds', { requests, spec: requiredTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }) });
const small = (name: string) => node(name, { allocatable: { cpu: '1', memory: '1Gi', pods: '110' } });

function failed(r: ScheduleResult): Unschedulable {
  assert.ok('unschedulable' in r, `expected unschedulable, got ${JSON.stringify(r)}`);
  return r;
}

test('unschedulable messages, exactly as kube-scheduler 1.32 writes them', () => {
  const cases: [string, Pod, Node[], Pod[], string][] = [
    ['the tutorial one: required affinity on a label no node has, one untainted control plane',
      needsLabel('disktype'), [controlPlane('kind-control-plane', false)], [],
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."],
    ['two tainted control planes and a worker without the label',
      needsLabel('disktype'), [controlPlane('cp1'), controlPlane('cp2'), node('w1')], [],
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
    ['no nodes at all', pod('p'), [], [], 'no nodes available to schedule pods'],
    ['insufficient cpu and nothing to preempt', pod('p', { requests: { cpu: '2' } }), [small('a'), small('b')], [],
      '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.'],
    ['insufficient memory beside a taint', pod('p', { requests: { memory: '2Gi' } }), [controlPlane('cp'), small('w')], [],
      '0/2 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.'],
    ['an extended resource no node has', pod('p', { requests: { 'example.com/gpu': '1' } }), [small('a')], [],
      '0/1 nodes are available: 1 Insufficient example.com/gpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'],
    ['too many pods', pod('p'), [node('a', { allocatable: { cpu: '1', memory: '1Gi', pods: '1' } })], [pod('x', { nodeName: 'a' })],
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'],
    ['lower-priority pods could be preempted: no preemption suffix', pod('p', { priority: 100, requests: { cpu: '800m' } }), [small('a')], [pod('x', { nodeName: 'a', requests: { cpu: '500m' } })],
      '0/1 nodes are available: 1 Insufficient cpu.'],
    ['preemptionPolicy Never', pod('p', { priority: 100, requests: { cpu: '2' }, spec: { preemptionPolicy: 'Never' } }), [small('a')], [],
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.'],
    ['a daemonset pod pinned to a full node', pinnedTo('n1', { cpu: '2' }), [small('n1'), small('n2'), small('n3'), small('n4')], [],
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling."],
    ['a pin to a node that does not exist', pinnedTo('gone', {}), [small('n1'), small('n2')], [],
      "0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."],
    ['conflicting name pins fail in PreFilter',
      pod('p', { spec: requiredTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }) }),
      [small('a'), small('b')], [],
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.'],
    ['a cordoned node and a host port taken', pod('p', { spec: { containers: [container('c', undefined, { ports: [{ containerPort: 80, hostPort: 80 }] })] } }),
      [node('a', { spec: { unschedulable: true } }), small('b')],
      [pod('x', { nodeName: 'b', spec: { containers: [container('c', undefined, { ports: [{ containerPort: 8080, hostPort: 80 }] })] } })],
      "0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."],
    ['pod anti-affinity against a pod on the only node',
      pod('p', { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } } }),
      [small('a')], [pod('web', { nodeName: 'a', labels: { app: 'web' } })],
      "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."],
  ];
  for (const [name, p, nodes, existing, want] of cases) assert.equal(failed(schedulePod(p, snapshot(nodes, existing))).message, want, name);
});

test('an unschedulable result explains every node', () => {
  const r = failed(schedulePod(pod('p', { requests: { cpu: '5' }, spec: { nodeSelector: { disk: 'ssd' } } }), snapshot([controlPlane('cp'), small('w')])));
  assert.deepEqual([...r.reasons], [
    ['cp', ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']],
    ['w', ["node(s) didn't match Pod's node affinity/selector"]],
  ]);
  assert.deepEqual(r.nodes.map((n) => [n.nodeName, n.failures.map((f) => f.plugin)]), [
    ['cp', ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit']],
    ['w', ['NodeAffinity', 'NodeResourcesFit']],
  ]);
  assert.deepEqual(r.preemption?.kind, 'none');
  const pinned = failed(schedulePod(pinnedTo('n1', { cpu: '2' }), snapshot([small('n1'), small('n2')])));
  assert.deepEqual([...pinned.reasons], [['n1', ['Insufficient cpu']], ['n2', ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]]]);
});

test('a feasible pod gets the best node, with the scores of every feasible node', () => {
  const nodes = [controlPlane('cp'), node('w1'), node('w2')];
  const busy = pod('busy', { nodeName: 'w1', requests: { cpu: '2', memory: '4Gi' } });
  const r = schedulePod(pod('p', { requests: { cpu: '500m' } }), snapshot(nodes, [busy]));
  assert.ok('nodeName' in r);
  assert.equal(r.nodeName, 'w2');
  assert.deepEqual(r.scores.map((s) => s.nodeName), ['w1', 'w2']);
  assert.ok(r.scores[1]!.total > r.scores[0]!.total);
  assert.deepEqual(r.nodes.map((n) => [n.nodeName, n.failures.length, n.score?.total]), [
    ['cp', 1, undefined], ['w1', 0, r.scores[0]!.total], ['w2', 0, r.scores[1]!.total],
  ]);
});

test('ties: first node by name unless randomness is injected', () => {
  const snap = snapshot([node('c'), node('a'), node('b')]);
  const pick = (random?: () => number) => {
    const r = schedulePod(pod('p'), snap, random ? { random } : {});
    return 'nodeName' in r ? r.nodeName : 'none';
  };
  assert.equal(pick(), 'a');
  assert.equal(pick(() => 0.5), 'b');
  assert.equal(pick(() => 0.99), 'c');
});

test('a daemonset-style pin lands on its node', () => {
  const r = schedulePod(pinnedTo('n2', {}), snapshot([small('n1'), small('n2')]));
  assert.ok('nodeName' in r && r.nodeName === 'n2');
});

test('isSchedulingCandidate', () => {
  const cases: [string, Pod, boolean][] = [
    ['pending, default scheduler by omission', pod('p'), true],
    ['named default-scheduler', pod('p', { spec: { schedulerName: 'default-scheduler' } }), true],
    ['empty scheduler name', pod('p', { spec: { schedulerName: '' } }), true],
    ['another scheduler', pod('p', { spec: { schedulerName: 'volcano' } }), false],
    ['already bound', pod('p', { nodeName: 'n1' }), false],
    ['being deleted', { ...pod('p'), metadata: { name: 'p', namespace: 'default', deletionTimestamp: '2024-01-01T00:00:00Z' } }, false],
    ['finished', { ...pod('p'), status: { phase: 'Failed' } }, false],
    ['held by a scheduling gate', pod('p', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } }), false],
    ['empty gate list', pod('p', { spec: { schedulingGates: [] } }), true],
  ];
  for (const [name, p, want] of cases) assert.equal(isSchedulingCandidate(p), want, name);
});
