// Node selection by a pod's nodeSelector and node affinity, as k8s.io/component-helpers
// scheduling/corev1/nodeaffinity (RequiredNodeAffinity, NodeSelector, PreferredSchedulingTerms)
// and the NodeAffinity plugin's PreFilter (metadata.name narrowing) define them: required terms
// are ORed, the requirements of a term ANDed; an empty term or one that does not parse matches
// nothing; matchFields supports only `metadata.name` with In/NotIn and exactly one value.
// Deliberately not here: the scheduler-profile `addedAffinity` argument, and label key/value syntax
// checks (API validation rejects those before a pod reaches the scheduler).
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../api/core-v1.js';
import { matchesSelector, type Requirement } from '../../machinery/selectors.js';

export const NODE_AFFINITY_REASON = "node(s) didn't match Pod's node affinity/selector";
export const AFFINITY_CONFLICT_REASON = 'pod affinity terms conflict';
const NAME_FIELD = 'metadata.name';
const INT64 = /^[+-]?\d+$/;

type Labels = Record<string, string>;

/** NodeSelectorRequirement as labels.NewRequirement validates it; undefined when it does not parse. */
function toLabelRequirement(r: NodeSelectorRequirement): Requirement | 'gt' | 'lt' | undefined {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn': return values.length > 0 ? { key: r.key, op: r.operator === 'In' ? 'in' : 'notin', values } : undefined;
    case 'Exists':
    case 'DoesNotExist': return values.length === 0 ? { key: r.key, op: r.operator === 'Exists' ? 'exists' : '!' } : undefined;
    case 'Gt':
    case 'Lt': return values.length === 1 && INT64.test(values[0]!) ? (r.operator === 'Gt' ? 'gt' : 'lt') : undefined;
    default: return undefined;
  }
}

/** Gt/Lt: the label must exist and parse as an integer; the comparison is strict. */
function matchesNumeric(r: NodeSelectorRequirement, op: 'gt' | 'lt', labels: Labels): boolean {
  const value = Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key]! : undefined;
  if (value === undefined || !INT64.test(value)) return false;
  const have = BigInt(value);
  const want = BigInt(r.values![0]!);
  return op === 'gt' ? have > want : have < want;
}

/** One matchExpressions requirement against node labels; undefined when it does not parse. */
export function matchesLabelRequirement(r: NodeSelectorRequirement, labels: Labels): boolean | undefined {
  const parsed = toLabelRequirement(r);
  if (parsed === undefined) return undefined;
  if (parsed === 'gt' || parsed === 'lt') return matchesNumeric(r, parsed, labels);
  return matchesSelector([parsed], labels);
}

/** One matchFields requirement; only metadata.name In/NotIn with one value parses. */
export function matchesFieldRequirement(r: NodeSelectorRequirement, node: Node): boolean | undefined {
  const values = r.values ?? [];
  if (r.key !== NAME_FIELD || (r.operator !== 'In' && r.operator !== 'NotIn') || values.length !== 1) return undefined;
  const name = node.metadata.name ?? '';
  return (name === values[0]) === (r.operator === 'In');
}

/** A term matches when it is not empty, parses, and all its requirements hold. */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const results = [...exprs.map((r) => matchesLabelRequirement(r, labels)), ...fields.map((r) => matchesFieldRequirement(r, node))];
  if (results.includes(undefined)) return false;
  return results.every((ok) => ok === true);
}

/** spec.nodeSelector: every key must be present with the same value. */
export function matchesNodeSelectorMap(selector: Record<string, string> | undefined, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  return Object.entries(selector ?? {}).every(([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v);
}

/** RequiredNodeAffinity.Match: nodeSelector AND (any required term). */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  if (!matchesNodeSelectorMap(pod.spec.nodeSelector, node)) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => matchesNodeSelectorTerm(t, node));
}

export function hasPreferredNodeAffinity(pod: Pod): boolean {
  return (pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}

/** PreferredSchedulingTerms.Score: the sum of the weights of the terms the node matches. */
export function preferredNodeAffinityScore(pod: Pod, node: Node): number {
  const terms = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return terms
    .filter((t) => t.weight !== 0 && matchesNodeSelectorTerm(t.preference, node))
    .reduce((sum, t) => sum + t.weight, 0);
}

function intersect(a: Set<string> | undefined, b: Set<string>): Set<string> {
  return a === undefined ? b : new Set([...a].filter((x) => b.has(x)));
}

/**
 * The NodeAffinity PreFilter result: when every required term pins `metadata.name In`, only the
 * union of those names can fit (undefined: every node may fit). 'conflict' when the terms pin
 * names that cannot all hold at once.
 */
export function requiredNodeNames(pod: Pod): Set<string> | 'conflict' | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return undefined;
  const union = new Set<string>();
  for (const term of terms) {
    let names: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key === NAME_FIELD && r.operator === 'In') names = intersect(names, new Set(r.values ?? []));
    }
    if (names === undefined) return undefined;
    for (const n of names) union.add(n);
  }
  return union.size === 0 ? 'conflict' : union;
}
