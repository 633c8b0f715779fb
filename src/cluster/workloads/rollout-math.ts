// The arithmetic of a Deployment rollout (deployment_util.go, rolling.go, sync.go), pure: maxSurge
// rounds percentages up and maxUnavailable rounds them down (both 0 resolve to maxUnavailable 1);
// how far the new ReplicaSet may grow; how far old ReplicaSets may shrink (unhealthy replicas
// first, then down to minAvailable); and how a scaling event mid-rollout is spread over the active
// ReplicaSets in proportion to their size (leftovers to the largest).
import type { Deployment, ReplicaSet } from '../../api/core-v1.js';
import { MAX_REPLICAS_ANNOTATION } from './constants.js';
import { byCreation, bySizeNewer, bySizeOlder, replicasOf } from './replicaset-lists.js';

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v.trim());
  if (!m) {
    if (/^-?\d+$/.test(v.trim())) return Number(v);
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  }
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** ResolveFenceposts: [maxSurge, maxUnavailable]; when both resolve to 0, maxUnavailable is 1. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function desiredReplicas(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desiredReplicas(d))[0];
}

export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desired)[1], desired);
}

const sum = (rss: (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number) => rss.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);
export const specReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, replicasOf);
export const availableReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** NewRSNewReplicas: the size the new ReplicaSet may take now. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) {
    if (d.spec.strategy?.type === 'Recreate') return desired;
    throw new Error(`deployment type ${d.spec.strategy?.type} isn't supported`);
  }
  const maxTotal = desired + scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge ?? 0, desired, true);
  const current = specReplicaCount(allRSs);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, desired - replicasOf(newRS));
}

export interface ScaleStep { rs: ReplicaSet; to: number }

/**
 * reconcileOldReplicaSets: scale-downs of old ReplicaSets allowed now, in order. First the
 * unhealthy (unavailable) replicas of the oldest ones, within maxScaledDown; then available ones
 * while more than minAvailable pods are available. Steps for the same ReplicaSet are cumulative.
 */
export function planOldScaleDown(d: Deployment, allRSs: ReplicaSet[], activeOldRSs: ReplicaSet[], newRS: ReplicaSet): ScaleStep[] {
  if (specReplicaCount(activeOldRSs) === 0) return [];
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicaCount(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  const steps: ScaleStep[] = [];
  const size = new Map<ReplicaSet, number>(activeOldRSs.map((rs) => [rs, replicasOf(rs)]));
  const oldest = [...activeOldRSs].sort(byCreation);
  let cleaned = 0;
  for (const rs of oldest) {
    if (cleaned >= maxScaledDown) break;
    const cur = size.get(rs)!;
    const available = rs.status?.availableReplicas ?? 0;
    if (cur === 0 || cur === available) continue;
    const down = Math.min(maxScaledDown - cleaned, cur - available);
    size.set(rs, cur - down);
    steps.push({ rs, to: cur - down });
    cleaned += down;
  }
  const availableNow = availableReplicaCount([...activeOldRSs, newRS]);
  if (availableNow <= minAvailable) return steps;
  const budget = availableNow - minAvailable;
  let scaled = 0;
  for (const rs of oldest) {
    if (scaled >= budget) break;
    const cur = size.get(rs)!;
    if (cur === 0) continue;
    const down = Math.min(cur, budget - scaled);
    size.set(rs, cur - down);
    steps.push({ rs, to: cur - down });
    scaled += down;
  }
  return steps;
}

function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** Go's math.Round (half away from zero), as integer.RoundToInt32. */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** getReplicaSetFraction: this ReplicaSet's share of the deployment's new size, as a delta. */
function fraction(rs: ReplicaSet, d: Deployment): number {
  if (desiredReplicas(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = desiredReplicas(d) + maxSurge(d);
  const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  return roundHalfAway((replicasOf(rs) * deploymentReplicas) / annotated) - replicasOf(rs);
}

/**
 * The scale step of a rolling Deployment whose size changed mid-rollout: every active ReplicaSet
 * gets its proportion of the replicas to add (or remove), the largest takes the rounding leftover.
 * Returns the new size of every active ReplicaSet (unchanged ones included), in scaling order.
 */
export function planProportionalScale(d: Deployment, activeRSs: ReplicaSet[]): ScaleStep[] {
  const allowed = desiredReplicas(d) > 0 ? desiredReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicaCount(activeRSs);
  const ordered = [...activeRSs].sort(toAdd > 0 ? bySizeNewer : toAdd < 0 ? bySizeOlder : () => 0);
  let added = 0;
  const sizes = ordered.map((rs) => {
    if (toAdd === 0 || replicasOf(rs) === 0 || toAdd === added) return replicasOf(rs);
    const f = fraction(rs, d);
    const p = toAdd > 0 ? Math.min(f, toAdd - added) : Math.max(f, toAdd - added);
    added += p;
    return replicasOf(rs) + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  return ordered.map((rs, i) => ({ rs, to: sizes[i]! }));
}
