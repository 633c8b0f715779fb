// kube-controller-manager's clusterrole-aggregation controller, run inside the API server: every
// ClusterRole with an aggregationRule gets as its rules the union of the rules of the ClusterRoles
// its clusterRoleSelectors match (itself excluded), ordered by source role name, then rule order,
// without duplicates. Any ClusterRole change re-evaluates every aggregated role, so chains
// (view -> edit -> admin) converge over successive events; a role is written only when its rules
// actually change, which keeps the loop from feeding itself.
import type { KubeObject } from '../../api/types.js';
import { BatchQueue } from '../../machinery/batch-queue.js';
import { asObject, isObject } from '../../machinery/json.js';
import { matchesSelector, type Selector } from '../../machinery/selectors.js';
import { RevisionConflictError } from '../../storage/mvcc.js';
import type { ServerServices } from '../handlers/scope.js';
import type { PolicyRule } from '../rbac/rbac-authorizer.js';
import { labelSelectorRequirements } from '../strategy/apps-strategies.js';

export const CLUSTERROLE_PREFIX = '/rbac.authorization.k8s.io/clusterroles/';

const RULE_FIELDS = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;

/** A rule's identity: nil and empty lists are the same rule (as apimachinery's semantic equality has it). */
function ruleKey(rule: unknown): string {
  const r = asObject(rule);
  const canonical: Record<string, unknown> = {};
  for (const f of RULE_FIELDS) {
    const v = r[f];
    if (Array.isArray(v) && v.length > 0) canonical[f] = v;
  }
  return JSON.stringify(canonical);
}

function rulesOf(role: KubeObject): PolicyRule[] {
  return Array.isArray(role.rules) ? (role.rules as PolicyRule[]) : [];
}

function selectorsOf(role: KubeObject): Selector[] {
  const selectors = asObject(role.aggregationRule).clusterRoleSelectors;
  return (Array.isArray(selectors) ? selectors : []).filter(isObject).map((s) => labelSelectorRequirements(s) as Selector);
}

/** The rules an aggregated ClusterRole should carry, given every ClusterRole there is. */
export function aggregateRules(target: KubeObject, all: KubeObject[]): PolicyRule[] {
  const selectors = selectorsOf(target);
  const self = target.metadata.name;
  const sources = all
    .filter((r) => r.metadata.name !== self && selectors.some((s) => matchesSelector(s, r.metadata.labels)))
    .sort((a, b) => {
      const an = a.metadata.name ?? '';
      const bn = b.metadata.name ?? '';
      return an < bn ? -1 : an > bn ? 1 : 0;
    });
  const seen = new Set<string>();
  const out: PolicyRule[] = [];
  for (const source of sources) {
    for (const rule of rulesOf(source)) {
      const key = ruleKey(rule);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(rule);
    }
  }
  return out;
}

/** Whether two rule lists are the same, rule by rule and in order. */
export function sameRules(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((r, i) => ruleKey(r) === ruleKey(b[i]));
}

export class ClusterRoleAggregationController {
  private stop: (() => void) | undefined;
  private closed = false;
  private readonly queue = new BatchQueue('clusterrole-aggregation', async (key) => this.reconcile(key));

  constructor(private readonly services: ServerServices) {}

  start(): void {
    this.enqueueAggregated();
    // Any role's labels or rules may feed any aggregated role: re-evaluate all of them.
    this.stop = this.services.store.watch(CLUSTERROLE_PREFIX, this.services.store.revision(), () => this.enqueueAggregated());
  }

  close(): void {
    this.closed = true;
    this.stop?.();
  }

  private enqueueAggregated(): void {
    if (this.closed) return;
    for (const stored of this.services.store.list(CLUSTERROLE_PREFIX)) {
      if (isObject(stored.object.aggregationRule)) this.queue.add(stored.key);
    }
  }

  /** Brings one aggregated ClusterRole's rules up to date; a no-op for other roles. */
  reconcile(key: string): void {
    if (this.closed) return;
    const stored = this.services.store.get(key);
    if (!stored || !isObject(stored.object.aggregationRule)) return;
    const all = this.services.store.list(CLUSTERROLE_PREFIX).map((s) => s.object);
    const rules = aggregateRules(stored.object, all);
    const current = stored.object.rules;
    if (Array.isArray(current) && sameRules(current, rules)) return;
    try {
      this.services.store.update(key, { ...stored.object, rules }, stored.modRevision);
    } catch (err) {
      // Someone else wrote the role meanwhile; their write's event brings us back.
      if (!(err instanceof RevisionConflictError)) throw err;
    }
  }
}
