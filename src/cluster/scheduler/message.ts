// kube-scheduler 1.32's FailedScheduling message: FitError.Error() (pkg/scheduler/framework
// types.go) — `0/N nodes are available: <PreFilterMsg>.` or `<histogram>.`, then the PostFilter
// message — where the histogram is `<count> <reason>` per distinct reason, sorted as Go's
// sort.Strings sorts (bytewise, so "10 x" comes before "2 y"), joined by ", "; nodes without an
// explicit status count under the absent status's reasons. The PostFilter message is the
// DefaultPreemption plugin's: `preemption: ` + the FitError of its dry run, whose nodes that were
// not worth trying read `Preemption is not helpful for scheduling`. With no nodes at all kube
// reports ErrNoNodesAvailable instead of a FitError.
// Deliberately not here: messages of plugins we do not run (volumes, DRA's "no new claims to
// deallocate"), extenders.
import type { FilterCode } from './filters.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
export const PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';

export interface NodeStatus { code: FilterCode; reasons: string[] }

/** framework.Diagnosis as FitError reads it. */
export interface Diagnosis {
  numAllNodes: number;
  /** Nodes with an explicit status (rejected by a filter, or by the preemption dry run). */
  statuses: ReadonlyMap<string, NodeStatus>;
  /** The status of every other node (PreFilter narrowing, a failed PreFilter); none by default. */
  absent?: NodeStatus;
  /** Set when a PreFilter plugin rejected the pod; replaces the histogram. */
  preFilterMsg?: string;
}

/** What the DefaultPreemption PostFilter concluded. */
export type PreemptionOutcome =
  | { kind: 'ineligible'; message: string }
  /** Removing lower-priority pods would make the pod fit on these nodes; PostFilter succeeds. */
  | { kind: 'candidates'; nodeNames: string[] }
  | { kind: 'none'; diagnosis: Diagnosis };

/** Go's sort.Strings order: bytewise on UTF-8. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function reasonHistogram(d: Diagnosis): string[] {
  const counts = new Map<string, number>();
  const count = (reason: string, n: number) => counts.set(reason, (counts.get(reason) ?? 0) + n);
  for (const status of d.statuses.values()) for (const r of status.reasons) count(r, 1);
  const absentNodes = d.numAllNodes - d.statuses.size;
  if (absentNodes > 0) for (const r of d.absent?.reasons ?? []) count(r, absentNodes);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort(compareBytes);
}

/** FitError.Error(). */
export function fitErrorMessage(d: Diagnosis, postFilterMsg = ''): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const histogram = reasonHistogram(d);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}

/** DefaultPreemption.PostFilter's status message; empty when preemption found a candidate. */
export function preemptionMessage(o: PreemptionOutcome): string {
  switch (o.kind) {
    case 'ineligible': return `preemption: ${o.message}`;
    case 'candidates': return '';
    case 'none': return `preemption: ${fitErrorMessage(o.diagnosis)}`;
  }
}
