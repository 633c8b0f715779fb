import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core-v1.js';
import {
  balancedAllocationScore, defaultNormalize, leastAllocatedScore, minMaxNormalize, scoreNodes, selectHost, type NodeScore, type ScorePluginName,
} from './score.js';
import { toNodeInfos } from './snapshot.js';
import { node, pod, snapshot } from './testdata.js';

test('normalizers', () => {
  const cases: [string, number[], number[]][] = [
    ['default: scaled by the max', defaultNormalize([0, 5, 10], false), [0, 50, 100]],
    ['default: truncates', defaultNormalize([1, 3], false), [33, 100]],
    ['default: all zero stays zero', defaultNormalize([0, 0], false), [0, 0]],
    ['default reverse: fewer is better', defaultNormalize([0, 1, 2], true), [100, 50, 0]],
    ['default reverse: all zero is all 100', defaultNormalize([0, 0], true), [100, 100]],
    ['min-max', minMaxNormalize([-5, 0, 5]), [0, 50, 100]],
    ['min-max: no spread is zero', minMaxNormalize([3, 3]), [0, 0]],
  ];
  for (const [name, got, want] of cases) assert.deepEqual(got, want, name);
});

test('resource scorers', () => {
  const cases: [string, number, number][] = [
    ['least allocated: empty', leastAllocatedScore([0, 0], [4000, 8000]), 100],
    ['least allocated: averaged and truncated', leastAllocatedScore([1000, 6000], [4000, 8000]), 50],
    ['least allocated: over capacity scores 0 for that resource', leastAllocatedScore([5000, 0], [4000, 8000]), 50],
    ['least allocated: resources without allocatable are skipped', leastAllocatedScore([1000, 0], [4000, 0]), 75],
    ['least allocated: nothing allocatable', leastAllocatedScore([1, 1], [0, 0]), 0],
    ['balanced: equal fractions', balancedAllocationScore([2000, 4000], [4000, 8000]), 100],
    ['balanced: std of two', balancedAllocationScore([3000, 1000], [4000, 8000]), 68],
    ['balanced: fractions capped at 1', balancedAllocationScore([8000, 0], [4000, 8000]), 50],
  ];
  for (const [name, got, want] of cases) assert.equal(got, want, name);
});

function scores(incoming: Pod, nodes = [node('n1'), node('n2')], existing: Pod[] = []): Record<string, NodeScore> {
  const snap = snapshot(nodes, existing);
  const infos = toNodeInfos(snap);
  return Object.fromEntries(scoreNodes(incoming, infos, infos, snap.namespaceLabels).map((s) => [s.nodeName, s]));
}
const plugin = (s: NodeScore, name: ScorePluginName) => s.plugins[name];

test('scoreNodes: a best-effort pod on empty nodes', () => {
  const s = scores(pod('p')).n1!;
  assert.deepEqual(plugin(s, 'TaintToleration'), { raw: 0, score: 100, weighted: 300, skipped: false });
  assert.deepEqual(plugin(s, 'NodeAffinity'), { raw: 0, score: 0, weighted: 0, skipped: true });
  assert.deepEqual(plugin(s, 'InterPodAffinity'), { raw: 0, score: 0, weighted: 0, skipped: true });
  assert.deepEqual(plugin(s, 'NodeResourcesFit'), { raw: 97, score: 97, weighted: 97, skipped: false }, '100m/200Mi defaults on 4 cpu/8Gi');
  assert.equal(plugin(s, 'NodeResourcesBalancedAllocation').score, 100);
  assert.equal(s.total, 497);
});

test('scoreNodes: LeastAllocated and BalancedAllocation prefer the emptier node', () => {
  const got = scores(pod('p', { requests: { cpu: '1', memory: '1Gi' } }), undefined, [pod('busy', { nodeName: 'n1', requests: { cpu: '2' } })]);
  assert.equal(plugin(got.n1!, 'NodeResourcesFit').score, 55);
  assert.equal(plugin(got.n2!, 'NodeResourcesFit').score, 81);
  assert.equal(plugin(got.n1!, 'NodeResourcesBalancedAllocation').score, 68);
  assert.equal(plugin(got.n2!, 'NodeResourcesBalancedAllocation').score, 93);
  assert.deepEqual([got.n1!.total, got.n2!.total], [423, 474]);
});

test('scoreNodes: PreferNoSchedule taints and preferred node affinity', () => {
  const nodes = [node('n1', { spec: { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] } }), node('n2', { labels: { disk: 'ssd' } }), node('n3')];
  const p = pod('p', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 20, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
  ] } } } });
  const got = scores(p, nodes);
  assert.deepEqual(['n1', 'n2', 'n3'].map((n) => plugin(got[n]!, 'TaintToleration').score), [0, 100, 100]);
  assert.deepEqual(['n1', 'n2', 'n3'].map((n) => plugin(got[n]!, 'NodeAffinity')), [
    { raw: 0, score: 0, weighted: 0, skipped: false }, { raw: 20, score: 100, weighted: 200, skipped: false }, { raw: 0, score: 0, weighted: 0, skipped: false },
  ]);
  const tolerant = { ...p, spec: { ...p.spec, tolerations: [{ key: 'soft', operator: 'Exists' as const, effect: 'PreferNoSchedule' as const }] } };
  assert.equal(plugin(scores(tolerant, nodes).n1!, 'TaintToleration').score, 100);
});

test('selectHost', () => {
  const s = (nodeName: string, total: number) => ({ nodeName, total }) as NodeScore;
  const cases: [string, NodeScore[], (() => number) | undefined, string][] = [
    ['highest total', [s('a', 1), s('b', 3), s('c', 2)], undefined, 'b'],
    ['ties: first by name', [s('c', 3), s('b', 3), s('a', 1)], undefined, 'b'],
    ['ties: injected random picks uniformly', [s('c', 3), s('b', 3), s('a', 3)], () => 0.99, 'c'],
    ['ties: random 0 picks the first', [s('c', 3), s('b', 3)], () => 0, 'b'],
  ];
  for (const [name, list, random, want] of cases) assert.equal(selectHost(list, random), want, name);
  assert.throws(() => selectHost([]), /no feasible node/);
});
