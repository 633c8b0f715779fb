// One scheduling cycle for one pod against a snapshot, as kube-scheduler's schedulePod does it
// (pkg/scheduler/schedule_one.go): no nodes → ErrNoNodesAvailable; PreFilter (NodeAffinity's
// metadata.name narrowing, or its conflict); every filter plugin on every candidate node; no
// feasible node → a FitError message with the preemption dry run's verdict; otherwise the score
// plugins and the highest total. Besides the decision it returns, per node, every filter that
// failed and the scores, so callers can explain why a pod landed where it did or is Pending.
// Pure: no I/O, no clock; randomness only if injected.
// Deliberately not here: percentageOfNodesToScore (every node is evaluated; kube evaluates every
// node below 100 nodes too), nominated nodes, extenders, binding.
import type { Pod } from '../../api/core-v1.js';
import { isPodTerminal } from '../pod-state.js';
import { prepareCycle, runFilters, type FilterFailure } from './filters.js';
import { fitErrorMessage, NO_NODES_AVAILABLE, preemptionMessage, type Diagnosis, type NodeStatus, type PreemptionOutcome } from './message.js';
import { AFFINITY_CONFLICT_REASON, requiredNodeNames } from './node-affinity.js';
import { dryRunPreemption } from './preemption.js';
import { scoreNodes, selectHost, type NodeScore } from './score.js';
import { toNodeInfos, type NodeInfo, type Snapshot } from './snapshot.js';

const DEFAULT_SCHEDULER = 'default-scheduler';
/** The absent-node status kube gives nodes a PreFilterResult left out. */
export const OUTSIDE_PREFILTER_REASON = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

/** What happened on one node: every failing filter in plugin order (empty: it fits), and its scores. */
export interface NodeVerdict { nodeName: string; failures: FilterFailure[]; score?: NodeScore }

export interface Scheduled { nodeName: string; scores: NodeScore[]; nodes: NodeVerdict[] }

export interface Unschedulable {
  unschedulable: true;
  /** The PodScheduled condition / FailedScheduling event message, kube's wording. */
  message: string;
  /** Per node, the reasons kube's FitError counted for it (the first failing plugin's). */
  reasons: Map<string, string[]>;
  nodes: NodeVerdict[];
  /** The DefaultPreemption dry run; absent when there were no nodes at all. */
  preemption?: PreemptionOutcome;
}

export type ScheduleResult = Scheduled | Unschedulable;

export interface ScheduleOptions {
  /** Breaks ties among the best nodes uniformly when given; otherwise the first by name wins. */
  random?: () => number;
}

/**
 * Whether the default scheduler should try this pod: not bound, addressed to default-scheduler
 * (or no scheduler named), not being deleted, not finished (the scheduler's informer never sees
 * Succeeded/Failed pods) and not held by scheduling gates (the SchedulingGates plugin's PreEnqueue).
 */
export function isSchedulingCandidate(pod: Pod): boolean {
  const name = pod.spec.schedulerName;
  const gates = pod.spec['schedulingGates'];
  return !pod.spec.nodeName && (!name || name === DEFAULT_SCHEDULER) && !pod.metadata.deletionTimestamp
    && !isPodTerminal(pod) && !(Array.isArray(gates) && gates.length > 0);
}

const nodeAffinityStatus = (reason: string): FilterFailure => ({ plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons: [reason] });

function unschedulable(pod: Pod, infos: readonly NodeInfo[], snapshot: Snapshot, diagnosis: Diagnosis, nodes: NodeVerdict[]): Unschedulable {
  const statusOf = (name: string): NodeStatus | undefined => diagnosis.statuses.get(name) ?? diagnosis.absent;
  const preemption = dryRunPreemption(pod, infos, snapshot.namespaceLabels, statusOf);
  const reasons = new Map(infos.map((i) => [i.name, diagnosis.preFilterMsg ? [diagnosis.preFilterMsg] : statusOf(i.name)?.reasons ?? []]));
  return { unschedulable: true, message: fitErrorMessage(diagnosis, preemptionMessage(preemption)), reasons, nodes, preemption };
}

/** A PreFilter rejection: every node carries the same status and the message says it once. */
function preFilterRejected(pod: Pod, infos: readonly NodeInfo[], snapshot: Snapshot, reason: string): Unschedulable {
  const status = nodeAffinityStatus(reason);
  const diagnosis: Diagnosis = { numAllNodes: infos.length, statuses: new Map(), absent: status, preFilterMsg: reason };
  return unschedulable(pod, infos, snapshot, diagnosis, infos.map((i) => ({ nodeName: i.name, failures: [status] })));
}

export function schedulePod(pod: Pod, snapshot: Snapshot, opts: ScheduleOptions = {}): ScheduleResult {
  const infos = toNodeInfos(snapshot);
  if (infos.length === 0) return { unschedulable: true, message: NO_NODES_AVAILABLE, reasons: new Map(), nodes: [] };
  const pinned = requiredNodeNames(pod);
  if (pinned === 'conflict') return preFilterRejected(pod, infos, snapshot, AFFINITY_CONFLICT_REASON);

  const state = prepareCycle(pod, infos, snapshot.namespaceLabels);
  const outside = nodeAffinityStatus(OUTSIDE_PREFILTER_REASON);
  const nodes: NodeVerdict[] = infos.map((info) => ({
    nodeName: info.name,
    failures: pinned && !pinned.has(info.name) ? [outside] : runFilters(state, info),
  }));
  const feasible = infos.filter((_, i) => nodes[i]!.failures.length === 0);
  if (feasible.length === 0) {
    const statuses = new Map<string, NodeStatus>();
    nodes.forEach(({ nodeName, failures: [first] }) => {
      if (first && first !== outside) statuses.set(nodeName, { code: first.code, reasons: first.reasons });
    });
    return unschedulable(pod, infos, snapshot, { numAllNodes: infos.length, statuses, ...(pinned ? { absent: outside } : {}) }, nodes);
  }
  const scores = scoreNodes(pod, feasible, infos, snapshot.namespaceLabels);
  const byName = new Map(nodes.map((n) => [n.nodeName, n]));
  for (const s of scores) byName.get(s.nodeName)!.score = s;
  return { nodeName: selectHost(scores, opts.random), scores, nodes };
}
