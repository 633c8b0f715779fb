// kube-scheduler's filter plugins in the default profile's order (pkg/scheduler/apis/config/v1
// default_plugins.go): NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts,
// NodeResourcesFit, InterPodAffinity. Each returns undefined when the node fits, or its reason
// strings with the status code that tells preemption whether removing pods could help
// (Unschedulable) or not (UnschedulableAndUnresolvable). The reason strings are kube 1.32's.
// Deliberately not here: the volume plugins (VolumeRestrictions, NodeVolumeLimits, VolumeBinding,
// VolumeZone), PodTopologySpread, DynamicResources and nominated pods.
import type { Pod } from '../../api/core-v1.js';
import { interPodAffinityFailure, prepareInterPodAffinity, type InterPodAffinityState } from './inter-pod-affinity.js';
import { matchesRequiredNodeAffinity, NODE_AFFINITY_REASON } from './node-affinity.js';
import { insufficientResources, podRequests, type Resources } from './resources.js';
import type { NodeInfo, Snapshot } from './snapshot.js';
import { DO_NOT_SCHEDULE_EFFECTS, findUntoleratedTaint, tolerationsTolerateTaint, untoleratedTaintReason } from './taints.js';

export const UNSCHEDULABLE_REASON = 'node(s) were unschedulable';
export const NODE_NAME_REASON = "node(s) didn't match the requested node name";
export const NODE_PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";
export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';
export type FilterPluginName =
  | 'NodeUnschedulable' | 'NodeName' | 'TaintToleration' | 'NodeAffinity' | 'NodePorts' | 'NodeResourcesFit' | 'InterPodAffinity';

export interface FilterStatus { code: FilterCode; reasons: string[] }
export interface FilterFailure extends FilterStatus { plugin: FilterPluginName }

export interface HostPort { ip: string; protocol: string; port: number }

/** What the PreFilter extension point computes once per pod and cycle. */
export interface CycleState {
  pod: Pod;
  requests: Resources;
  hostPorts: HostPort[];
  interPodAffinity: InterPodAffinityState;
}

/** Host ports of the pod's containers (not init containers), defaulted as HostPortInfo does. */
export function hostPorts(pod: Pod): HostPort[] {
  return (pod.spec.containers ?? []).flatMap((c) => (c.ports ?? [])
    .filter((p) => (p.hostPort ?? 0) > 0)
    .map((p) => ({ ip: (p as { hostIP?: string }).hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort! })));
}

/** HostPortInfo.CheckConflict: same protocol and port, and either side binds 0.0.0.0 or both the same IP. */
export function portsConflict(want: readonly HostPort[], used: readonly HostPort[]): boolean {
  return want.some((w) => used.some((u) => u.port === w.port && u.protocol === w.protocol
    && (w.ip === '0.0.0.0' || u.ip === '0.0.0.0' || u.ip === w.ip)));
}

export function prepareCycle(pod: Pod, nodes: readonly NodeInfo[], namespaceLabels: Snapshot['namespaceLabels']): CycleState {
  return { pod, requests: podRequests(pod), hostPorts: hostPorts(pod), interPodAffinity: prepareInterPodAffinity(pod, nodes, namespaceLabels) };
}

type Filter = (s: CycleState, info: NodeInfo) => FilterStatus | undefined;
const unresolvable = (...reasons: string[]): FilterStatus => ({ code: 'UnschedulableAndUnresolvable', reasons });
const resolvable = (...reasons: string[]): FilterStatus => ({ code: 'Unschedulable', reasons });

const nodeUnschedulable: Filter = ({ pod }, { node }) => {
  if (!node.spec?.unschedulable) return undefined;
  const tolerated = tolerationsTolerateTaint(pod.spec.tolerations, { key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule' });
  return tolerated ? undefined : unresolvable(UNSCHEDULABLE_REASON);
};

const nodeName: Filter = ({ pod }, { name }) =>
  pod.spec.nodeName && pod.spec.nodeName !== name ? unresolvable(NODE_NAME_REASON) : undefined;

const taintToleration: Filter = ({ pod }, { node }) => {
  const taint = findUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, DO_NOT_SCHEDULE_EFFECTS);
  return taint ? unresolvable(untoleratedTaintReason(taint)) : undefined;
};

const nodeAffinity: Filter = ({ pod }, { node }) =>
  matchesRequiredNodeAffinity(pod, node) ? undefined : unresolvable(NODE_AFFINITY_REASON);

const nodePorts: Filter = (s, { pods }) =>
  s.hostPorts.length > 0 && portsConflict(s.hostPorts, pods.flatMap(hostPorts)) ? resolvable(NODE_PORTS_REASON) : undefined;

const nodeResourcesFit: Filter = (s, { resources }) => {
  const missing = insufficientResources(s.requests, resources);
  return missing.length > 0 ? resolvable(...missing.map((r) => r.reason)) : undefined;
};

const interPodAffinity: Filter = (s, { node }) => {
  const failure = interPodAffinityFailure(s.interPodAffinity, node);
  return failure ? { code: failure.code, reasons: [failure.reason] } : undefined;
};

export const FILTER_PLUGINS: readonly { name: FilterPluginName; filter: Filter }[] = [
  { name: 'NodeUnschedulable', filter: nodeUnschedulable },
  { name: 'NodeName', filter: nodeName },
  { name: 'TaintToleration', filter: taintToleration },
  { name: 'NodeAffinity', filter: nodeAffinity },
  { name: 'NodePorts', filter: nodePorts },
  { name: 'NodeResourcesFit', filter: nodeResourcesFit },
  { name: 'InterPodAffinity', filter: interPodAffinity },
];

/**
 * Every failing plugin, in order. kube stops at the first (RunFilterPlugins), so failures[0] is
 * the node's status in the FitError; the rest is for explaining.
 */
export function runFilters(s: CycleState, info: NodeInfo): FilterFailure[] {
  return FILTER_PLUGINS.flatMap(({ name, filter }) => {
    const status = filter(s, info);
    return status ? [{ plugin: name, ...status }] : [];
  });
}
