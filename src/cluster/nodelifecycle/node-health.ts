// Pure decisions of the node lifecycle controller: whether a node's kubelet has gone silent (no
// lease renewal and no status heartbeat within the grace period), which conditions then become
// Unknown ("Kubelet stopped posting node status."), and which NoExecute/NoSchedule taints a node
// must carry for its Ready condition: unreachable for Unknown, not-ready for False, none for True.
import type { Condition, Lease, Node, Taint } from '../../api/core-v1.js';
import { NODE_MONITOR_GRACE_MS, TAINT_NOT_READY, TAINT_UNREACHABLE } from './constants.js';

const PROBED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export function readyCondition(node: Node): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The last time the node's kubelet was heard from: its lease renewal or its Ready heartbeat. */
export function lastHeard(node: Node, lease: Lease | undefined): number {
  const times = [lease?.spec.renewTime, readyCondition(node)?.lastHeartbeatTime, node.metadata.creationTimestamp]
    .filter((t): t is string => typeof t === 'string').map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t));
  return times.length ? Math.max(...times) : 0;
}

/**
 * Whether the node has been silent past the grace period. `since` is when this controller first
 * saw the node: a controller that just started gives every node a full grace period, as kube's
 * does, so a cluster restarted after a long stop does not declare its nodes dead at once.
 */
export function isSilent(node: Node, lease: Lease | undefined, now: Date, since: number, graceMs = NODE_MONITOR_GRACE_MS): boolean {
  return now.getTime() - Math.max(lastHeard(node, lease), since) > graceMs;
}

/** The conditions of a silent node: every probed condition Unknown, as the node controller sets them. */
export function forgeUnknownConditions(node: Node, now: string): Condition[] | undefined {
  const conditions = node.status?.conditions ?? [];
  if (conditions.filter((c) => PROBED.includes(c.type)).every((c) => c.status === 'Unknown')) return undefined;
  return conditions.map((c) => (PROBED.includes(c.type) && c.status !== 'Unknown'
    ? { ...c, status: 'Unknown' as const, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now }
    : c));
}

/** The node's taints with the lifecycle taints its Ready condition calls for; undefined if unchanged. */
export function desiredTaints(node: Node, now: string): Taint[] | undefined {
  const status = readyCondition(node)?.status;
  const key = status === 'Unknown' ? TAINT_UNREACHABLE : status === 'False' ? TAINT_NOT_READY : undefined;
  const current = node.spec?.taints ?? [];
  const others = current.filter((t) => t.key !== TAINT_UNREACHABLE && t.key !== TAINT_NOT_READY);
  const wanted: Taint[] = key
    ? (['NoSchedule', 'NoExecute'] as const).map((effect) => current.find((t) => t.key === key && t.effect === effect) ?? { key, effect, timeAdded: now })
    : [];
  const next = [...others, ...wanted];
  const same = next.length === current.length && next.every((t) => current.includes(t));
  return same ? undefined : next;
}
