// The virtual node as the virtual kubelet registers it (reference §5.1): `liqo-<provider>`, with
// the virtual-node labels, the legacy role label that makes `kubectl get node` show ROLES agent,
// the provider's cluster labels from the ResourceOffer, the NoExecute taint only tolerating pods
// may pass, and a status whose capacity and allocatable are the offered quota. The conditions say
// whether the provider is reachable and offers anything. Pure.
// Not here: NetworkUnavailable (the tunnel's state, with networking), images and storage classes.
import type { Condition, Node, NodeStatus, ResourceList, Taint } from '../../api/core-v1.js';
import { deepEqual } from '../../machinery/deep.js';
import { toMilli, toValue } from '../../machinery/quantity.js';
import type { ResourceOffer } from '../apis/sharing.js';
import {
  REMOTE_CLUSTER_ID_LABEL, STORAGE_AVAILABLE_LABEL, VIRTUAL_NODE_ROLE, VIRTUAL_NODE_TAINT, VIRTUAL_NODE_TYPE, VIRTUAL_NODE_TYPE_LABEL,
} from '../consts.js';
import type { ClusterIdentity } from '../identity.js';

/** The kubelet port a node advertises (the virtual kubelet's, upstream). */
export const KUBELET_PORT = 10250;
/** When the home cluster's nodes say nothing: the version upstream falls back to. */
export const FALLBACK_KUBELET_VERSION = 'v1.25.0';

export const VIRTUAL_NODE_TAINT_SPEC: Taint = { key: VIRTUAL_NODE_TAINT, value: 'true', effect: 'NoExecute' };

export interface NodeInput {
  nodeName: string;
  remote: ClusterIdentity;
  offer: ResourceOffer;
  nodeIP: string;
  kubeletVersion: string;
}

/** Whether the provider answered its last probe, and what went wrong if not. */
export interface RemoteHealth { reachable: boolean; message?: string }

/** The labels the virtual kubelet owns on its node: the offer's cluster labels, then its own. */
export function virtualNodeLabels(nodeName: string, remote: ClusterIdentity, offer: ResourceOffer): Record<string, string> {
  return {
    ...offer.spec.labels,
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/role': VIRTUAL_NODE_ROLE,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'node.kubernetes.io/exclude-from-external-load-balancers': 'true',
    'alpha.service-controller.kubernetes.io/exclude-balancer': 'true',
    type: 'virtual-kubelet',
    [VIRTUAL_NODE_TYPE_LABEL]: VIRTUAL_NODE_TYPE,
    [REMOTE_CLUSTER_ID_LABEL]: remote.clusterID,
    [STORAGE_AVAILABLE_LABEL]: String((offer.spec.storageClasses ?? []).length > 0),
  };
}

function amount(list: ResourceList, name: string): number {
  const q = list[name];
  if (q === undefined || q === '') return 0;
  return name === 'cpu' ? toMilli(String(q)) : toValue(String(q));
}

type BareCondition = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;

const SUFFICIENT = 'The remote cluster is advertising sufficient resources';
const INSUFFICIENT = 'The remote cluster is advertising no resources';

function pressure(type: string, underPressure: boolean, name: string): BareCondition {
  return underPressure
    ? { type, status: 'True', reason: `RemoteClusterHas${name}Pressure`, message: INSUFFICIENT }
    : { type, status: 'False', reason: type === 'MemoryPressure' ? 'RemoteClusterHasSufficientMemory' : `RemoteClusterHasNo${name}Pressure`, message: SUFFICIENT };
}

/** Ready iff the provider answers and offers cpu and memory; the pressures follow the offered amounts. */
export function forgeNodeConditions(hard: ResourceList, health: RemoteHealth, remoteName: string): BareCondition[] {
  const cpu = amount(hard, 'cpu');
  const memory = amount(hard, 'memory');
  let ready: BareCondition = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'The Liqo Virtual Kubelet is posting ready status' };
  if (!health.reachable) {
    ready = { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: `The Liqo Virtual Kubelet is currently not ready: the remote cluster ${remoteName} cannot be reached: ${health.message ?? 'no answer'}` };
  } else if (cpu <= 0 || memory <= 0) {
    ready = { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: `The Liqo Virtual Kubelet is currently not ready: the remote cluster ${remoteName} offers no ${cpu <= 0 ? 'cpu' : 'memory'}` };
  }
  return [
    pressure('MemoryPressure', memory <= 0, 'Memory'),
    pressure('DiskPressure', amount(hard, 'ephemeral-storage') <= 0, 'Disk'),
    pressure('PIDPressure', amount(hard, 'pods') <= 0, 'PID'),
    ready,
  ];
}

export function forgeNodeStatus(input: NodeInput, health: RemoteHealth): NodeStatus {
  const hard = input.offer.spec.resourceQuota?.hard ?? {};
  return {
    capacity: { ...hard },
    allocatable: { ...hard },
    conditions: forgeNodeConditions(hard, health, input.remote.clusterName) as Condition[],
    addresses: input.nodeIP ? [{ type: 'InternalIP', address: input.nodeIP }] : [],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: '', systemUUID: '', bootID: '', kernelVersion: '', osImage: '', containerRuntimeVersion: '',
      kubeletVersion: input.kubeletVersion, kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
    },
  };
}

export function forgeVirtualNode(input: NodeInput, health: RemoteHealth): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: input.nodeName, labels: virtualNodeLabels(input.nodeName, input.remote, input.offer) },
    spec: { taints: [{ ...VIRTUAL_NODE_TAINT_SPEC }] },
    status: forgeNodeStatus(input, health),
  };
}

/**
 * The merge patch of labels that brings a node's labels to `desired`, also removing those a
 * previous offer set and this one no longer has; undefined when nothing changes. Labels others
 * put on the node are kept.
 */
export function labelsPatch(current: Record<string, string> | undefined, desired: Record<string, string>, previouslyOffered: Iterable<string>): Record<string, string | null> | undefined {
  const patch: Record<string, string | null> = {};
  for (const key of previouslyOffered) if (!(key in desired) && current?.[key] !== undefined) patch[key] = null;
  for (const [k, v] of Object.entries(desired)) if (current?.[k] !== v) patch[k] = v;
  return Object.keys(patch).length ? patch : undefined;
}

/** The node's taints with the virtual-node taint added when missing (the node lifecycle's taints stay). */
export function taintsWithVirtualNodeTaint(current: Taint[] | undefined): Taint[] | undefined {
  const has = (current ?? []).some((t) => t.key === VIRTUAL_NODE_TAINT && t.effect === VIRTUAL_NODE_TAINT_SPEC.effect && t.value === VIRTUAL_NODE_TAINT_SPEC.value);
  return has ? undefined : [...(current ?? []).filter((t) => t.key !== VIRTUAL_NODE_TAINT), { ...VIRTUAL_NODE_TAINT_SPEC }];
}

/** Conditions with fresh heartbeats, keeping each transition time while its status holds. */
export function withConditionTimes(conditions: BareCondition[], current: Condition[] | undefined, now: string): Condition[] {
  const old = new Map((current ?? []).map((c) => [c.type, c]));
  return conditions.map((c) => {
    const prev = old.get(c.type);
    return { ...c, lastHeartbeatTime: now, lastTransitionTime: prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now };
  });
}

/** Whether the posted status differs from the forged one in a forged field, heartbeat times aside. */
export function statusChanged(current: NodeStatus | undefined, forged: NodeStatus): boolean {
  const bare = (c: Condition[] | undefined) => (c ?? []).map((x) => [x.type, x.status, x.reason ?? '', x.message ?? '']);
  return Object.keys(forged).some((key) => (key === 'conditions'
    ? !deepEqual(bare(current?.conditions), bare(forged.conditions))
    : !deepEqual(current?.[key], forged[key])));
}
