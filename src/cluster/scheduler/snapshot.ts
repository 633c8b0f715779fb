// The scheduler's view of the cluster for one scheduling cycle, as kube-scheduler's cache
// Snapshot/NodeInfo hold it: each node with the pods bound to it and their summed requests.
// Terminal pods (Succeeded/Failed) are left out, as the scheduler's pod informer field selector
// (status.phase!=Succeeded,status.phase!=Failed) leaves them out; terminating pods still count.
// Deliberately not here: assumed/nominated pods, image states, volumes.
import type { Node, Pod } from '../../api/core-v1.js';
import { nodeResources, type NodeResources } from './resources.js';

export interface Snapshot {
  nodes: Node[];
  /** Pods bound to each node (spec.nodeName), by node name. */
  podsByNode: Map<string, Pod[]>;
  /** A namespace's labels, undefined when the namespace does not exist. */
  namespaceLabels(ns: string): Record<string, string> | undefined;
}

export interface NodeInfo {
  name: string;
  node: Node;
  pods: Pod[];
  resources: NodeResources;
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function toNodeInfo(node: Node, pods: readonly Pod[]): NodeInfo {
  const live = pods.filter((p) => !isTerminal(p));
  return { name: node.metadata.name ?? '', node, pods: live, resources: nodeResources(node, live) };
}

/** One NodeInfo per node, in snapshot order. */
export function toNodeInfos(snapshot: Snapshot): NodeInfo[] {
  return snapshot.nodes.map((n) => toNodeInfo(n, snapshot.podsByNode.get(n.metadata.name ?? '') ?? []));
}
