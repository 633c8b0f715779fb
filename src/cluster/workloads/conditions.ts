// Deployment conditions as deployment_util.go handles them: a new condition carries lastUpdateTime
// and lastTransitionTime; setting one with the same status and reason as the current one is a
// no-op; a changed reason under the same status keeps lastTransitionTime; the set condition moves
// to the end of the list, as kube's filter-and-append does. Pure; the time comes from the caller.
import type { Condition } from '../../api/core-v1.js';

export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: Date): Condition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function removeCondition(conditions: Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/** SetDeploymentCondition: returns the new list (the input is not modified). */
export function setCondition(conditions: Condition[] | undefined, cond: Condition): Condition[] {
  const cur = getCondition(conditions, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return conditions ?? [];
  const next = cur && cur.status === cond.status ? { ...cond, lastTransitionTime: cur.lastTransitionTime } : cond;
  return [...removeCondition(conditions, cond.type), next];
}
