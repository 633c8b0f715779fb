// Taint/toleration matching as k8s.io/api core/v1 Toleration.ToleratesTaint and
// k8s.io/component-helpers/scheduling/corev1 (TolerationsTolerateTaint, FindMatchingUntoleratedTaint)
// define it, plus the PreferNoSchedule count the TaintToleration score plugin uses.
// Deliberately not here: tolerationSeconds (eviction timing belongs to the taint-eviction
// controller) and the Gt/Lt toleration operators of later Kubernetes releases.
import type { Taint, TaintEffect, Toleration } from '../../api/core-v1.js';

/** The effects the TaintToleration filter cares about (helper.DoNotScheduleTaintsFilterFunc). */
export const DO_NOT_SCHEDULE_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'NoExecute'];

/**
 * Toleration.ToleratesTaint: an empty effect matches every effect, an empty key matches every key
 * (so empty key + Exists tolerates everything), and the operator defaults to Equal, which compares
 * values. An unknown operator tolerates nothing.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal': return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists': return true;
    default: return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint (in node order) with one of `effects` that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  effects: readonly TaintEffect[],
): Taint | undefined {
  return (taints ?? []).find((taint) => effects.includes(taint.effect) && !tolerationsTolerateTaint(tolerations, taint));
}

/**
 * PreferNoSchedule taints the pod does not tolerate. Only tolerations with an empty or
 * PreferNoSchedule effect take part, as in the plugin's PreScore.
 */
export function countIntolerablePreferNoSchedule(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined): number {
  const relevant = (tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  return (taints ?? []).filter((taint) => taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(relevant, taint)).length;
}

/** The TaintToleration filter reason, `node(s) had untolerated taint {key: value}` (kube 1.32). */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}
