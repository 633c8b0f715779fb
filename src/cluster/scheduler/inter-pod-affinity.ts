// The InterPodAffinity plugin (pkg/scheduler/framework/plugins/interpodaffinity): required pod
// affinity and anti-affinity of the incoming pod, required anti-affinity of the pods already
// placed against the incoming pod, and the preferred-term scores. Topology is any node label key
// (kubernetes.io/hostname, topology.kubernetes.io/zone, ...), counted per (key, value) pair as the
// PreFilter does. A term's namespaces default to its owner's namespace; a namespaceSelector is
// matched against namespace labels ({} matches every namespace, a nil labelSelector matches no pod).
// Deliberately not here: matchLabelKeys/mismatchLabelKeys, and the scheduler args
// (hardPodAffinityWeight is fixed at its default 1, existing pods' preferred terms always count).
import type { Node, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/core-v1.js';
import { matchesSelector, selectorFromLabelSelector, type Selector } from '../../machinery/selectors.js';
import type { NodeInfo } from './snapshot.js';

export const AFFINITY_REASON = "node(s) didn't match pod affinity rules";
export const ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";
const HARD_POD_AFFINITY_WEIGHT = 1;

export interface AffinityTerm { topologyKey: string; selector?: Selector; namespaces: Set<string>; namespaceSelector?: Selector }
type NamespaceLabels = (ns: string) => Record<string, string> | undefined;
type Counts = Map<string, number>;

export function toAffinityTerm(owner: Pod, t: PodAffinityTerm): AffinityTerm {
  const own = (t.namespaces ?? []).length === 0 && t.namespaceSelector === undefined;
  return {
    topologyKey: t.topologyKey,
    selector: t.labelSelector ? selectorFromLabelSelector(t.labelSelector) : undefined,
    namespaces: new Set(own ? [owner.metadata.namespace ?? ''] : t.namespaces),
    namespaceSelector: t.namespaceSelector ? selectorFromLabelSelector(t.namespaceSelector) : undefined,
  };
}

/** AffinityTerm.Matches; `nsLabels` undefined means the namespace is unknown (only `{}` selects it). */
export function termMatches(term: AffinityTerm, pod: Pod, nsLabels: Record<string, string> | undefined): boolean {
  const ns = term.namespaces.has(pod.metadata.namespace ?? '')
    || (term.namespaceSelector !== undefined && (term.namespaceSelector.length === 0 || (nsLabels !== undefined && matchesSelector(term.namespaceSelector, nsLabels))));
  return ns && term.selector !== undefined && matchesSelector(term.selector, pod.metadata.labels ?? {});
}

function required(pod: Pod, kind: 'podAffinity' | 'podAntiAffinity'): AffinityTerm[] {
  return (pod.spec.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toAffinityTerm(pod, t));
}

function preferred(pod: Pod, kind: 'podAffinity' | 'podAntiAffinity'): { term: AffinityTerm; weight: number }[] {
  return (pod.spec.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
    .map((w: WeightedPodAffinityTerm) => ({ term: toAffinityTerm(pod, w.podAffinityTerm), weight: w.weight }));
}

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

function bump(counts: Counts, node: Node, topologyKey: string): void {
  const value = node.metadata.labels?.[topologyKey];
  if (value === undefined) return;
  const k = pairKey(topologyKey, value);
  counts.set(k, (counts.get(k) ?? 0) + 1);
}

export interface InterPodAffinityState {
  pod: Pod;
  podNsLabels: Record<string, string> | undefined;
  affinityTerms: AffinityTerm[];
  antiAffinityTerms: AffinityTerm[];
  affinityCounts: Counts;
  antiAffinityCounts: Counts;
  existingAntiAffinityCounts: Counts;
}

/** The PreFilter: topology pair counts over every pod in the cluster. */
export function prepareInterPodAffinity(pod: Pod, nodes: readonly NodeInfo[], namespaceLabels: NamespaceLabels): InterPodAffinityState {
  const podNsLabels = namespaceLabels(pod.metadata.namespace ?? '');
  const s: InterPodAffinityState = {
    pod, podNsLabels, affinityTerms: required(pod, 'podAffinity'), antiAffinityTerms: required(pod, 'podAntiAffinity'),
    affinityCounts: new Map(), antiAffinityCounts: new Map(), existingAntiAffinityCounts: new Map(),
  };
  // Without terms of its own, the pod only has to respect existing pods' anti-affinity, so only
  // those pods are visited: scheduling stays linear in nodes, not pods, for plain workloads.
  const ownTerms = s.affinityTerms.length > 0 || s.antiAffinityTerms.length > 0;
  for (const { node, pods, podsWithRequiredAntiAffinity } of nodes) {
    for (const existing of ownTerms ? pods : podsWithRequiredAntiAffinity) {
      const existingNs = namespaceLabels(existing.metadata.namespace ?? '');
      if (s.affinityTerms.length > 0 && s.affinityTerms.every((t) => termMatches(t, existing, existingNs))) {
        for (const t of s.affinityTerms) bump(s.affinityCounts, node, t.topologyKey);
      }
      for (const t of s.antiAffinityTerms) if (termMatches(t, existing, existingNs)) bump(s.antiAffinityCounts, node, t.topologyKey);
      // Existing pods' terms see the incoming pod's namespace labels, an empty set when it has none.
      for (const t of required(existing, 'podAntiAffinity')) if (termMatches(t, pod, podNsLabels ?? {})) bump(s.existingAntiAffinityCounts, node, t.topologyKey);
    }
  }
  return s;
}

function satisfiesAffinity(s: InterPodAffinityState, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const value = labels[t.topologyKey];
    if (value === undefined) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere the topology keys exist.
  return s.affinityCounts.size === 0 && s.affinityTerms.every((t) => termMatches(t, s.pod, s.podNsLabels));
}

function satisfiesAntiAffinity(s: InterPodAffinityState, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  return !s.antiAffinityTerms.some((t) => {
    const value = labels[t.topologyKey];
    return value !== undefined && (s.antiAffinityCounts.get(pairKey(t.topologyKey, value)) ?? 0) > 0;
  });
}

function satisfiesExistingAntiAffinity(s: InterPodAffinityState, node: Node): boolean {
  return !Object.entries(node.metadata.labels ?? {}).some(([k, v]) => (s.existingAntiAffinityCounts.get(pairKey(k, v)) ?? 0) > 0);
}

export type InterPodAffinityFailure = { code: 'Unschedulable' | 'UnschedulableAndUnresolvable'; reason: string };

/** The Filter, checks in kube's order; only an affinity miss is unresolvable by preemption. */
export function interPodAffinityFailure(s: InterPodAffinityState, node: Node): InterPodAffinityFailure | undefined {
  if (!satisfiesAffinity(s, node)) return { code: 'UnschedulableAndUnresolvable', reason: AFFINITY_REASON };
  if (!satisfiesAntiAffinity(s, node)) return { code: 'Unschedulable', reason: ANTI_AFFINITY_REASON };
  if (!satisfiesExistingAntiAffinity(s, node)) return { code: 'Unschedulable', reason: EXISTING_ANTI_AFFINITY_REASON };
  return undefined;
}

type TopologyScore = Map<string, Map<string, number>>;

function addScore(score: TopologyScore, node: Node, topologyKey: string, delta: number): void {
  const value = node.metadata.labels?.[topologyKey];
  if (value === undefined) return;
  const byValue = score.get(topologyKey) ?? new Map<string, number>();
  byValue.set(value, (byValue.get(value) ?? 0) + delta);
  score.set(topologyKey, byValue);
}

function hasAffinity(p: Pod): boolean {
  return p.spec.affinity?.podAffinity !== undefined || p.spec.affinity?.podAntiAffinity !== undefined;
}

/** processExistingPod: the incoming pod's preferred terms and the existing pod's terms, both ways. */
function processExistingPod(score: TopologyScore, pod: Pod, existing: Pod, node: Node, namespaceLabels: NamespaceLabels): void {
  const existingNs = namespaceLabels(existing.metadata.namespace ?? '');
  const podNs = namespaceLabels(pod.metadata.namespace ?? '') ?? {};
  for (const { term, weight } of preferred(pod, 'podAffinity')) if (termMatches(term, existing, existingNs)) addScore(score, node, term.topologyKey, weight);
  for (const { term, weight } of preferred(pod, 'podAntiAffinity')) if (termMatches(term, existing, existingNs)) addScore(score, node, term.topologyKey, -weight);
  for (const term of required(existing, 'podAffinity')) if (termMatches(term, pod, podNs)) addScore(score, node, term.topologyKey, HARD_POD_AFFINITY_WEIGHT);
  for (const { term, weight } of preferred(existing, 'podAffinity')) if (termMatches(term, pod, podNs)) addScore(score, node, term.topologyKey, weight);
  for (const { term, weight } of preferred(existing, 'podAntiAffinity')) if (termMatches(term, pod, podNs)) addScore(score, node, term.topologyKey, -weight);
}

/**
 * PreScore + Score: raw scores for the feasible nodes, undefined when the plugin skips (no
 * topology score at all). Without preferred terms of its own only pods with affinity are visited.
 */
export function interPodAffinityScores(pod: Pod, all: readonly NodeInfo[], feasible: readonly NodeInfo[], namespaceLabels: NamespaceLabels): Map<string, number> | undefined {
  const own = preferred(pod, 'podAffinity').length > 0 || preferred(pod, 'podAntiAffinity').length > 0;
  const score: TopologyScore = new Map();
  for (const { node, pods } of all) {
    if (Object.keys(node.metadata.labels ?? {}).length === 0) continue;
    for (const existing of pods) if (own || hasAffinity(existing)) processExistingPod(score, pod, existing, node, namespaceLabels);
  }
  if (score.size === 0) return undefined;
  return new Map(feasible.map(({ name, node }) => {
    let total = 0;
    for (const [key, byValue] of score) {
      const value = node.metadata.labels?.[key];
      if (value !== undefined) total += byValue.get(value) ?? 0;
    }
    return [name, total];
  }));
}
