// The scheduler's view of the cluster for one scheduling cycle, as kube-scheduler's cache
// Snapshot/NodeInfo hold it: each node with the pods bound to it and their summed requests.
// Terminal pods (Succeeded/Failed) are left out, as the scheduler's pod informer field selector
// (status.phase!=Succeeded,status.phase!=Failed) leaves them out; terminating pods still count.
// Deliberately not here: assumed/nominated pods, image states, volumes.
import type { Node, Pod } from '../../api/core-v1.js';
import { isPodTerminal } from '../pod-state.js';
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
  /** The pods with required pod anti-affinity terms (kube's PodsWithRequiredAntiAffinity). */
  podsWithRequiredAntiAffinity: Pod[];
  resources: NodeResources;
}

function hasRequiredAntiAffinity(p: Pod): boolean {
  return (p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}

// A node's info depends only on the node object and its pod list; callers that keep both
// unchanged between cycles (the scheduler's cache does) get it without recomputing the sums.
const infoMemo = new WeakMap<readonly Pod[], { node: Node; info: NodeInfo }>();

export function toNodeInfo(node: Node, pods: readonly Pod[]): NodeInfo {
  const memo = infoMemo.get(pods);
  if (memo && memo.node === node) return memo.info;
  const live = pods.filter((p) => !isPodTerminal(p));
  const info = {
    name: node.metadata.name ?? '', node, pods: live, podsWithRequiredAntiAffinity: live.filter(hasRequiredAntiAffinity),
    resources: nodeResources(node, live),
  };
  infoMemo.set(pods, { node, info });
  return info;
}

/** One NodeInfo per node, in snapshot order. */
export function toNodeInfos(snapshot: Snapshot): NodeInfo[] {
  return snapshot.nodes.map((n) => toNodeInfo(n, snapshot.podsByNode.get(n.metadata.name ?? '') ?? []));
}
