import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core-v1.js';
import { prepareCycle, runFilters } from './filters.js';
import { NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_HELPFUL, PREEMPTION_POLICY_NEVER, type NodeStatus, type PreemptionOutcome } from './message.js';
import { dryRunPreemption, podPriority } from './preemption.js';
import { toNodeInfos } from './snapshot.js';
import { node, pod, snapshot } from './testdata.js';

const small = (name: string) => node(name, { allocatable: { cpu: '1', memory: '1Gi', pods: '10' } });

function dryRun(incoming: Pod, nodes = [small('n1'), small('n2')], existing: Pod[] = []): PreemptionOutcome {
  const snap = snapshot(nodes, existing);
  const infos = toNodeInfos(snap);
  const state = prepareCycle(incoming, infos, snap.namespaceLabels);
  const statuses = new Map(infos.map((i) => [i.name, runFilters(state, i)[0]]));
  return dryRunPreemption(incoming, infos, snap.namespaceLabels, (n): NodeStatus | undefined => statuses.get(n));
}

const big = (priority?: number, spec: Partial<Pod['spec']> = {}) => pod('big', { requests: { cpu: '800m' }, ...(priority !== undefined ? { priority } : {}), spec });
const filler = (name: string, nodeName: string, priority: number, cpu = '500m') => pod(name, { nodeName, priority, requests: { cpu } });
const notHelpful: NodeStatus = { code: 'UnschedulableAndUnresolvable', reasons: [PREEMPTION_NOT_HELPFUL] };
const noVictims: NodeStatus = { code: 'UnschedulableAndUnresolvable', reasons: [NO_PREEMPTION_VICTIMS] };

test('dryRunPreemption', () => {
  const taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
  const cases: [string, Pod, Pod[], PreemptionOutcome, ReturnType<typeof small>[]?][] = [
    ['preemptionPolicy Never is not eligible', big(10, { preemptionPolicy: 'Never' }), [filler('a', 'n1', 0)], { kind: 'ineligible', message: PREEMPTION_POLICY_NEVER }],
    ['no lower-priority pods anywhere', big(), [filler('a', 'n1', 0), filler('b', 'n2', 0)], {
      kind: 'none', diagnosis: { numAllNodes: 2, statuses: new Map([['n1', noVictims], ['n2', noVictims]]), absent: notHelpful },
    }],
    ['removing lower-priority pods makes room', big(10), [filler('a', 'n1', 0), filler('b', 'n2', 20)], { kind: 'candidates', nodeNames: ['n1'] }],
    ['removing them is not enough: the filters\u2019 reasons stay', big(10), [filler('a', 'n1', 0, '100m'), filler('b', 'n1', 20, '500m'), filler('c', 'n2', 20)], {
      kind: 'none', diagnosis: { numAllNodes: 2, statuses: new Map<string, NodeStatus>([['n1', { code: 'Unschedulable', reasons: ['Insufficient cpu'] }], ['n2', noVictims]]), absent: notHelpful },
    }],
    ['unresolvable nodes are not tried', big(10), [filler('a', 'n1', 0)], {
      kind: 'none', diagnosis: { numAllNodes: 2, statuses: new Map(), absent: notHelpful },
    }, [node('n1', { spec: { taints: [taint] } }), node('n2', { spec: { taints: [taint] } })]],
  ];
  for (const [name, incoming, existing, want, nodes] of cases) assert.deepEqual(dryRun(incoming, nodes, existing), want, name);
});

test('podPriority defaults to 0', () => {
  assert.equal(podPriority(pod('p')), 0);
  assert.equal(podPriority(pod('p', { priority: -5 })), -5);
});
