import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareBytes, fitErrorMessage, NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_HELPFUL, PREEMPTION_POLICY_NEVER, preemptionMessage, reasonHistogram,
  type Diagnosis, type NodeStatus,
} from './message.js';

const AFFINITY = "node(s) didn't match Pod's node affinity/selector";
const CP_TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const uu = (...reasons: string[]): NodeStatus => ({ code: 'UnschedulableAndUnresolvable', reasons });
const u = (...reasons: string[]): NodeStatus => ({ code: 'Unschedulable', reasons });
const notHelpful = (n: number, statuses: [string, NodeStatus][] = []): Diagnosis => ({ numAllNodes: n, statuses: new Map(statuses), absent: uu(PREEMPTION_NOT_HELPFUL) });

test('fitErrorMessage', () => {
  const cases: [string, Diagnosis, string, string][] = [
    ['the FitError of kube 1.32 with the preemption suffix',
      { numAllNodes: 3, statuses: new Map([['w1', uu(AFFINITY)], ['cp1', uu(CP_TAINT)], ['cp2', uu(CP_TAINT)]]) },
      preemptionMessage({ kind: 'none', diagnosis: notHelpful(3) }),
      `0/3 nodes are available: 1 ${AFFINITY}, 2 ${CP_TAINT}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`],
    ['the tutorial one: a single node, an affinity nobody matches',
      { numAllNodes: 1, statuses: new Map([['kind-control-plane', uu(AFFINITY)]]) },
      preemptionMessage({ kind: 'none', diagnosis: notHelpful(1) }),
      `0/1 nodes are available: 1 ${AFFINITY}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`],
    ['several reasons on one node count separately; no victims',
      { numAllNodes: 2, statuses: new Map([['a', u('Insufficient cpu', 'Insufficient memory')], ['b', u('Insufficient cpu')]]) },
      preemptionMessage({ kind: 'none', diagnosis: notHelpful(2, [['a', uu(NO_PREEMPTION_VICTIMS)], ['b', uu(NO_PREEMPTION_VICTIMS)]]) }),
      '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.'],
    ['absent nodes count under the absent status (a daemonset pod pinned to a full node)',
      { numAllNodes: 4, statuses: new Map([['n1', u('Insufficient cpu')]]), absent: uu("node(s) didn't satisfy plugin(s) [NodeAffinity]") },
      preemptionMessage({ kind: 'none', diagnosis: notHelpful(4, [['n1', uu(NO_PREEMPTION_VICTIMS)]]) }),
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling."],
    ['a PreFilter rejection replaces the histogram',
      { numAllNodes: 3, statuses: new Map(), absent: uu('pod affinity terms conflict'), preFilterMsg: 'pod affinity terms conflict' },
      preemptionMessage({ kind: 'none', diagnosis: notHelpful(3) }),
      '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.'],
    ['preemptionPolicy Never',
      { numAllNodes: 1, statuses: new Map([['n1', u('Insufficient cpu')]]) },
      preemptionMessage({ kind: 'ineligible', message: PREEMPTION_POLICY_NEVER }),
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.'],
    ['preemption found a candidate: no suffix',
      { numAllNodes: 1, statuses: new Map([['n1', u('Insufficient cpu')]]) },
      preemptionMessage({ kind: 'candidates', nodeNames: ['n1'] }),
      '0/1 nodes are available: 1 Insufficient cpu.'],
    ['no reasons at all', { numAllNodes: 2, statuses: new Map() }, '', '0/2 nodes are available:'],
  ];
  for (const [name, d, post, want] of cases) assert.equal(fitErrorMessage(d, post), want, name);
});

test('reasonHistogram sorts bytewise like sort.Strings', () => {
  const statuses = new Map<string, NodeStatus>();
  for (let i = 0; i < 10; i++) statuses.set(`t${i}`, uu(CP_TAINT));
  statuses.set('a1', uu(AFFINITY)).set('a2', uu(AFFINITY));
  statuses.set('x', u('Too many pods')).set('y', u('Insufficient example.com/gpu'));
  assert.deepEqual(reasonHistogram({ numAllNodes: 14, statuses }), [
    `1 Insufficient example.com/gpu`, '1 Too many pods', `10 ${CP_TAINT}`, `2 ${AFFINITY}`,
  ]);
  const cases: [string, string, number][] = [['A', 'a', -1], ['a', 'a', 0], ['é', 'z', 1], ['10 x', '2 x', -1], ['\uffff', '\u{1F600}', -1]];
  for (const [a, b, want] of cases) assert.equal(Math.sign(compareBytes(a, b)), want, `${a} vs ${b}`);
});
