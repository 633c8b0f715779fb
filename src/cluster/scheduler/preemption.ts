// The DefaultPreemption PostFilter's dry run (pkg/scheduler/framework/preemption and
// plugins/defaultpreemption), as far as it decides the FailedScheduling message: a pod with
// preemptionPolicy Never is not eligible; only nodes whose filter status was Unschedulable (not
// UnschedulableAndUnresolvable) are tried; on each, every pod of lower priority is removed and the
// filters run again — no such pod reads `No preemption victims found for incoming pod`, still not
// fitting keeps the filters' reasons, fitting makes the node a candidate.
// Deliberately not here: choosing victims (reprieving, PDBs, pickOneNodeForPreemption), evicting
// them and nominating the node — this package never writes; the terminating-victims check on a
// nominated node, and extenders.
import type { Pod } from '../../api/core-v1.js';
import { prepareCycle, runFilters } from './filters.js';
import { NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_HELPFUL, PREEMPTION_POLICY_NEVER, type NodeStatus, type PreemptionOutcome } from './message.js';
import { toNodeInfo, type NodeInfo, type Snapshot } from './snapshot.js';

const NOT_HELPFUL: NodeStatus = { code: 'UnschedulableAndUnresolvable', reasons: [PREEMPTION_NOT_HELPFUL] };

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

/** The node's status with every lower-priority pod gone: undefined when the pod would then fit. */
function statusWithoutLowerPriority(pod: Pod, infos: readonly NodeInfo[], index: number, namespaceLabels: Snapshot['namespaceLabels']): NodeStatus | undefined {
  const info = infos[index]!;
  const priority = podPriority(pod);
  const kept = info.pods.filter((p) => podPriority(p) >= priority);
  if (kept.length === info.pods.length) return { code: 'UnschedulableAndUnresolvable', reasons: [NO_PREEMPTION_VICTIMS] };
  const trial = infos.map((i, j) => (j === index ? toNodeInfo(i.node, kept) : i));
  const first = runFilters(prepareCycle(pod, trial, namespaceLabels), trial[index]!)[0];
  return first && { code: first.code, reasons: first.reasons };
}

/**
 * Evaluator.Preempt up to the choice of a candidate. `statusOf` is the scheduling cycle's status
 * of a node (explicit or absent), undefined for nodes that passed.
 */
export function dryRunPreemption(
  pod: Pod,
  infos: readonly NodeInfo[],
  namespaceLabels: Snapshot['namespaceLabels'],
  statusOf: (nodeName: string) => NodeStatus | undefined,
): PreemptionOutcome {
  if (pod.spec['preemptionPolicy'] === 'Never') return { kind: 'ineligible', message: PREEMPTION_POLICY_NEVER };
  const statuses = new Map<string, NodeStatus>();
  const candidates: string[] = [];
  infos.forEach((info, index) => {
    if (statusOf(info.name)?.code !== 'Unschedulable') return;
    const status = statusWithoutLowerPriority(pod, infos, index, namespaceLabels);
    if (status) statuses.set(info.name, status);
    else candidates.push(info.name);
  });
  if (candidates.length > 0) return { kind: 'candidates', nodeNames: candidates };
  return { kind: 'none', diagnosis: { numAllNodes: infos.length, statuses, absent: NOT_HELPFUL } };
}
