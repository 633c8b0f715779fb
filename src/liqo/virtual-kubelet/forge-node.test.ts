import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceOffer } from '../apis/sharing.js';
import {
  forgeNodeConditions, forgeVirtualNode, labelsPatch, statusChanged, taintsWithVirtualNodeTaint, withConditionTimes, type NodeInput,
} from './forge-node.js';

const NAPLES = { clusterID: '7881be1c-0c56-4d1e-8c34-7c8c3f8e5a2a', clusterName: 'naples' };
const HARD = { cpu: '3600m', memory: '7Gi', pods: '99', 'ephemeral-storage': '90Gi' };
const offer = (hard: Record<string, string> = HARD, labels: Record<string, string> = { 'topology.liqo.io/region': 'south', 'liqo.io/provider': 'kind' }): ResourceOffer => ({
  metadata: { name: 'naples', namespace: 'liqo-tenant-naples-3f1b9c' },
  spec: { clusterId: NAPLES.clusterID, resourceQuota: { hard }, labels },
});
const input = (o = offer()): NodeInput => ({ nodeName: 'liqo-naples', remote: NAPLES, offer: o, nodeIP: '10.200.0.7', kubeletVersion: 'v1.32.0' });
const UP = { reachable: true };

test('the virtual node: labels (role agent, the offer\'s cluster labels), the NoExecute taint, the offer as capacity', () => {
  const node = forgeVirtualNode(input(), UP);
  assert.equal(node.metadata.name, 'liqo-naples');
  assert.deepEqual(node.metadata.labels, {
    'topology.liqo.io/region': 'south', 'liqo.io/provider': 'kind',
    'kubernetes.io/hostname': 'liqo-naples', 'kubernetes.io/role': 'agent', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    'node.kubernetes.io/exclude-from-external-load-balancers': 'true', 'alpha.service-controller.kubernetes.io/exclude-balancer': 'true',
    type: 'virtual-kubelet', 'liqo.io/type': 'virtual-node', 'liqo.io/remote-cluster-id': NAPLES.clusterID, 'storage.liqo.io/available': 'false',
  });
  assert.deepEqual(node.spec?.taints, [{ key: 'virtual-node.liqo.io/not-allowed', value: 'true', effect: 'NoExecute' }]);
  assert.deepEqual(node.status?.capacity, HARD);
  assert.deepEqual(node.status?.allocatable, HARD);
  assert.deepEqual(node.status?.addresses, [{ type: 'InternalIP', address: '10.200.0.7' }]);
  assert.equal((node.status?.nodeInfo as { kubeletVersion: string }).kubeletVersion, 'v1.32.0');
  assert.deepEqual(node.status?.conditions?.map((c) => [c.type, c.status, c.reason]), [
    ['MemoryPressure', 'False', 'RemoteClusterHasSufficientMemory'], ['DiskPressure', 'False', 'RemoteClusterHasNoDiskPressure'],
    ['PIDPressure', 'False', 'RemoteClusterHasNoPIDPressure'], ['Ready', 'True', 'KubeletReady'],
  ]);
  const identity = forgeVirtualNode(input(offer(HARD, { 'liqo.io/type': 'other', 'kubernetes.io/role': 'worker' })), UP).metadata.labels;
  assert.deepEqual([identity?.['liqo.io/type'], identity?.['kubernetes.io/role']], ['virtual-node', 'agent'], 'offered labels cannot change what the node is');
});

test('conditions: NotReady with the reason when the provider cannot be reached or offers no cpu or memory', () => {
  const ready = (hard: Record<string, string>, health: { reachable: boolean; message?: string }) => forgeNodeConditions(hard, health, 'naples').find((c) => c.type === 'Ready');
  assert.deepEqual(ready(HARD, { reachable: false, message: 'connect ECONNREFUSED 127.0.0.1:36443' }), {
    type: 'Ready', status: 'False', reason: 'KubeletNotReady',
    message: 'The Liqo Virtual Kubelet is currently not ready: the remote cluster naples cannot be reached: connect ECONNREFUSED 127.0.0.1:36443',
  });
  assert.match(ready({ ...HARD, cpu: '0' }, UP)?.message ?? '', /offers no cpu$/);
  assert.match(ready({ ...HARD, memory: '0' }, UP)?.message ?? '', /offers no memory$/);
  const starved = forgeNodeConditions({ cpu: '1', memory: '0', pods: '0', 'ephemeral-storage': '0' }, UP, 'naples');
  assert.deepEqual(starved.map((c) => [c.type, c.status, c.reason]), [
    ['MemoryPressure', 'True', 'RemoteClusterHasMemoryPressure'], ['DiskPressure', 'True', 'RemoteClusterHasDiskPressure'],
    ['PIDPressure', 'True', 'RemoteClusterHasPIDPressure'], ['Ready', 'False', 'KubeletNotReady'],
  ]);
});

test('labelsPatch: sets what differs, removes what the previous offer set and this one dropped, keeps the rest', () => {
  const cases: [Record<string, string> | undefined, Record<string, string>, string[], Record<string, string | null> | undefined][] = [
    [{ a: '1', user: 'x' }, { a: '1' }, [], undefined],
    [{ a: '1' }, { a: '2', b: '3' }, [], { a: '2', b: '3' }],
    [{ a: '1', region: 'south', user: 'x' }, { a: '1' }, ['region'], { region: null }],
    [{ a: '1' }, { a: '1' }, ['region'], undefined],
    [undefined, { a: '1' }, [], { a: '1' }],
  ];
  for (const [current, desired, previous, want] of cases) assert.deepEqual(labelsPatch(current, desired, previous), want, JSON.stringify([current, desired, previous]));
});

test('taintsWithVirtualNodeTaint: added once, others kept', () => {
  const ours = { key: 'virtual-node.liqo.io/not-allowed', value: 'true', effect: 'NoExecute' as const };
  const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' as const };
  assert.deepEqual(taintsWithVirtualNodeTaint(undefined), [ours]);
  assert.deepEqual(taintsWithVirtualNodeTaint([notReady]), [notReady, ours]);
  assert.equal(taintsWithVirtualNodeTaint([notReady, ours]), undefined);
  assert.deepEqual(taintsWithVirtualNodeTaint([{ ...ours, value: 'false' }]), [ours]);
});

test('status: transition times move only with the status; a heartbeat alone is no change', () => {
  const node = forgeVirtualNode(input(), UP);
  const posted = { ...node.status, conditions: withConditionTimes(node.status?.conditions ?? [], undefined, '2024-01-01T00:00:00Z') };
  assert.ok(posted.conditions.every((c) => c.lastTransitionTime === '2024-01-01T00:00:00Z'));
  assert.equal(statusChanged({ ...posted, images: [] }, node.status ?? {}), false);
  const down = forgeVirtualNode(input(), { reachable: false, message: 'timeout' }).status ?? {};
  assert.equal(statusChanged(posted, down), true);
  const later = withConditionTimes(down.conditions ?? [], posted.conditions, '2024-01-01T00:01:00Z');
  assert.deepEqual(later.map((c) => [c.type, c.lastTransitionTime, c.lastHeartbeatTime]), [
    ['MemoryPressure', '2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z'], ['DiskPressure', '2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z'],
    ['PIDPressure', '2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z'], ['Ready', '2024-01-01T00:01:00Z', '2024-01-01T00:01:00Z'],
  ]);
  assert.equal(statusChanged(posted, forgeVirtualNode(input(offer({ ...HARD, cpu: '4' })), UP).status ?? {}), true);
});
