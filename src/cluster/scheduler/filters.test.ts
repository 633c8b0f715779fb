import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerPort, Node, Pod } from '../../api/core-v1.js';
import {
  FILTER_PLUGINS, hostPorts, NODE_NAME_REASON, NODE_PORTS_REASON, portsConflict, prepareCycle, runFilters, UNSCHEDULABLE_REASON,
} from './filters.js';
import { ANTI_AFFINITY_REASON } from './inter-pod-affinity.js';
import { NODE_AFFINITY_REASON } from './node-affinity.js';
import { toNodeInfos } from './snapshot.js';
import { container, node, pod, snapshot } from './testdata.js';

const cpTaint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
const withPorts = (name: string, ports: ContainerPort[], nodeName?: string) =>
  pod(name, { ...(nodeName ? { nodeName } : {}), spec: { containers: [container('c', undefined, { ports })] } });

function check(incoming: Pod, n: Node, existing: Pod[] = []) {
  const snap = snapshot([n], existing);
  const infos = toNodeInfos(snap);
  return runFilters(prepareCycle(incoming, infos, snap.namespaceLabels), infos[0]!);
}

test('filter plugins run in the default profile order', () => {
  assert.deepEqual(FILTER_PLUGINS.map((p) => p.name),
    ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'InterPodAffinity']);
});

test('each filter plugin', () => {
  const cordoned = node('n1', { spec: { unschedulable: true } });
  const cases: [string, Pod, Node, Pod[], string[]][] = [
    ['a plain pod fits', pod('p'), node('n1'), [], []],
    ['NodeUnschedulable', pod('p'), cordoned, [], [`NodeUnschedulable/UnschedulableAndUnresolvable: ${UNSCHEDULABLE_REASON}`]],
    ['NodeUnschedulable tolerated by the unschedulable taint toleration',
      pod('p', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } }), cordoned, [], []],
    ['NodeUnschedulable tolerated by tolerate-everything', pod('p', { spec: { tolerations: [{ operator: 'Exists' }] } }), cordoned, [], []],
    ['NodeName', pod('p', { spec: { nodeName: 'elsewhere' } }), node('n1'), [], [`NodeName/UnschedulableAndUnresolvable: ${NODE_NAME_REASON}`]],
    ['TaintToleration', pod('p'), node('n1', { spec: { taints: [cpTaint] } }), [],
      ['TaintToleration/UnschedulableAndUnresolvable: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']],
    ['TaintToleration ignores PreferNoSchedule', pod('p'), node('n1', { spec: { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] } }), [], []],
    ['NodeAffinity', pod('p', { spec: { nodeSelector: { disk: 'ssd' } } }), node('n1'), [], [`NodeAffinity/UnschedulableAndUnresolvable: ${NODE_AFFINITY_REASON}`]],
    ['NodePorts', withPorts('p', [{ containerPort: 80, hostPort: 8080 }]), node('n1'), [withPorts('e', [{ containerPort: 80, hostPort: 8080 }], 'n1')],
      [`NodePorts/Unschedulable: ${NODE_PORTS_REASON}`]],
    ['NodeResourcesFit keeps every reason', pod('p', { requests: { cpu: '5', memory: '9Gi' } }), node('n1'), [],
      ['NodeResourcesFit/Unschedulable: Insufficient cpu,Insufficient memory']],
    ['NodeResourcesFit counts what is already there', pod('p', { requests: { cpu: '1' } }), node('n1'), [pod('e', { nodeName: 'n1', requests: { cpu: '3500m' } })],
      ['NodeResourcesFit/Unschedulable: Insufficient cpu']],
    ['NodeResourcesFit extended resources', pod('p', { requests: { 'example.com/gpu': '1' } }), node('n1'), [],
      ['NodeResourcesFit/Unschedulable: Insufficient example.com/gpu']],
    ['InterPodAffinity', pod('p', { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } } } }),
      node('n1'), [pod('e', { nodeName: 'n1', labels: { app: 'x' } })], [`InterPodAffinity/Unschedulable: ${ANTI_AFFINITY_REASON}`]],
    ['all failures are kept, in order', pod('p', { requests: { cpu: '5' }, spec: { nodeSelector: { disk: 'ssd' } } }), node('n1', { spec: { taints: [cpTaint] } }), [], [
      'TaintToleration/UnschedulableAndUnresolvable: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      `NodeAffinity/UnschedulableAndUnresolvable: ${NODE_AFFINITY_REASON}`,
      'NodeResourcesFit/Unschedulable: Insufficient cpu',
    ]],
  ];
  for (const [name, incoming, n, existing, want] of cases) {
    assert.deepEqual(check(incoming, n, existing).map((f) => `${f.plugin}/${f.code}: ${f.reasons.join(',')}`), want, name);
  }
});

test('host port conflicts', () => {
  const hp = (port: number, protocol?: string, hostIP?: string) => ({ containerPort: 1, hostPort: port, ...(protocol ? { protocol } : {}), ...(hostIP ? { hostIP } : {}) });
  const ports = (...p: ContainerPort[]) => hostPorts(withPorts('x', p));
  const cases: [string, ContainerPort[], ContainerPort[], boolean][] = [
    ['same port, defaults', [hp(80)], [hp(80)], true],
    ['different port', [hp(80)], [hp(81)], false],
    ['different protocol', [hp(53, 'UDP')], [hp(53)], false],
    ['TCP is the default protocol', [hp(80, 'TCP')], [hp(80)], true],
    ['0.0.0.0 conflicts with any IP', [hp(80)], [hp(80, 'TCP', '10.0.0.1')], true],
    ['any IP conflicts with 0.0.0.0', [hp(80, 'TCP', '10.0.0.1')], [hp(80)], true],
    ['different specific IPs', [hp(80, 'TCP', '10.0.0.1')], [hp(80, 'TCP', '10.0.0.2')], false],
    ['container ports without hostPort never conflict', [{ containerPort: 80 }], [{ containerPort: 80 }], false],
  ];
  for (const [name, want, used, expected] of cases) assert.equal(portsConflict(ports(...want), ports(...used)), expected, name);
});
