// Which webhooks a request reaches (kube's webhook/predicates): a rule must match the operation,
// group, version, resource/subresource and scope; then the namespaceSelector (on the labels of the
// object's namespace) and the objectSelector (on the labels of the new or the old object).
import type { RuleWithOperations, Webhook } from '../../../api/admissionregistration.js';
import { matchesSelector, selectorFromLabelSelector } from '../../../machinery/selectors.js';
import type { MVCCStore } from '../../../storage/mvcc.js';
import type { AdmissionAttributes } from '../types.js';

function listMatches(list: string[] | undefined, value: string): boolean {
  return (list ?? []).some((v) => v === '*' || v === value);
}

/** `pods`, `pods/status`, `pods/*` (the pod and all its subresources), `*`, `*\/status`, `*\/*`. */
function resourceMatches(patterns: string[] | undefined, resource: string, subresource: string): boolean {
  return (patterns ?? []).some((p) => {
    const [res, sub = ''] = p.split('/', 2) as [string, string?];
    return (res === '*' || res === resource) && (sub === '*' || sub === subresource);
  });
}

function scopeMatches(scope: string | undefined, attrs: AdmissionAttributes): boolean {
  if (!scope || scope === '*') return true;
  // Namespace objects are cluster-scoped themselves.
  const namespaced = attrs.scope.info.namespaced;
  return scope === 'Namespaced' ? namespaced : !namespaced;
}

export function ruleMatches(rule: RuleWithOperations, attrs: AdmissionAttributes): boolean {
  const { info, subresource } = attrs.scope;
  return listMatches(rule.operations, attrs.operation)
    && listMatches(rule.apiGroups, info.group)
    && listMatches(rule.apiVersions, info.version)
    && resourceMatches(rule.resources, info.resource, subresource)
    && scopeMatches(rule.scope, attrs);
}

/** The label sets a selector may match: the new object's and the old one's, where present. */
function labelsOf(attrs: AdmissionAttributes): Record<string, string>[] {
  return [attrs.object, attrs.oldObject].flatMap((o) => (o ? [o.metadata.labels ?? {}] : []));
}

function namespaceMatches(webhook: Webhook, attrs: AdmissionAttributes, store: MVCCStore): boolean {
  const selector = selectorFromLabelSelector(webhook.namespaceSelector);
  if (selector.length === 0) return true;
  const { info, namespace } = attrs.scope;
  if (info.group === '' && info.resource === 'namespaces') return labelsOf(attrs).some((l) => matchesSelector(selector, l));
  // Other cluster-scoped objects are never filtered by namespace.
  if (!info.namespaced) return true;
  const ns = store.get(`/core/namespaces/${namespace}`);
  return matchesSelector(selector, ns?.object.metadata.labels ?? {});
}

function objectMatches(webhook: Webhook, attrs: AdmissionAttributes): boolean {
  const selector = selectorFromLabelSelector(webhook.objectSelector);
  if (selector.length === 0) return true;
  return labelsOf(attrs).some((l) => matchesSelector(selector, l));
}

export function webhookMatches(webhook: Webhook, attrs: AdmissionAttributes, store: MVCCStore): boolean {
  return (webhook.rules ?? []).some((r) => ruleMatches(r, attrs))
    && namespaceMatches(webhook, attrs, store)
    && objectMatches(webhook, attrs);
}

/** kube never sends webhook configurations themselves to webhooks, so a bad one can be removed. */
export function isExempt(attrs: AdmissionAttributes): boolean {
  return attrs.scope.info.group === 'admissionregistration.k8s.io';
}
