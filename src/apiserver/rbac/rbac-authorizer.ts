// RBAC authorization as kube-apiserver's RBAC authorizer decides it: members of system:masters may
// do anything; otherwise a request is allowed when a rule of a role bound to the user (directly,
// through a group, or as a ServiceAccount) covers its verb, API group, resource/subresource and
// name, or its non-resource path. ClusterRoleBindings apply everywhere, RoleBindings in their
// namespace. Bindings are read from storage on every decision, so a revoked binding takes effect
// on the next request. Denials carry kube's forbidden message (forbiddenMessage in the authz filter).
import type { KubeObject } from '../../api/types.js';
import { asObject } from '../../machinery/json.js';
import { forbidden, type StatusError } from '../../machinery/errors.js';
import type { MVCCStore } from '../../storage/mvcc.js';
import type { UserInfo } from '../authn.js';

export interface Attributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  namespace: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  name: string;
  /** Non-resource requests only. */
  path: string;
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject { kind?: string; name?: string; namespace?: string; apiGroup?: string }

const RBAC = '/rbac.authorization.k8s.io';

export function isMaster(user: UserInfo): boolean {
  return user.groups.includes('system:masters');
}

function covers(list: string[] | undefined, value: string): boolean {
  return (list ?? []).some((v) => v === '*' || v === value);
}

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!covers(rule.verbs, a.verb)) return false;
  if (!a.resourceRequest) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path.startsWith(u.slice(0, -1))));
  }
  if (!covers(rule.apiGroups, a.apiGroup)) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resourceOk = (rule.resources ?? []).some((r) => r === '*' || r === combined || (a.subresource !== '' && r === `*/${a.subresource}`));
  if (!resourceOk) return false;
  return (rule.resourceNames ?? []).length === 0 || (a.name !== '' && rule.resourceNames!.includes(a.name));
}

export function subjectMatches(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User': return subject.name === user.name;
    case 'Group': return subject.name !== undefined && user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return user.name === `system:serviceaccount:${ns}:${subject.name ?? ''}`;
    }
    default: return false;
  }
}

function boundTo(binding: KubeObject, user: UserInfo): boolean {
  const subjects = (binding.subjects as Subject[] | undefined) ?? [];
  return subjects.some((s) => subjectMatches(s, user, binding.metadata.namespace ?? ''));
}

function rulesOf(store: MVCCStore, roleRef: { kind?: string; name?: string }, namespace: string): PolicyRule[] {
  const key = roleRef.kind === 'Role'
    ? `${RBAC}/roles/${namespace}/${roleRef.name ?? ''}`
    : `${RBAC}/clusterroles/${roleRef.name ?? ''}`;
  return (store.get(key)?.object.rules as PolicyRule[] | undefined) ?? [];
}

/** Every rule that applies to the user in a namespace ('' = cluster-wide bindings only). */
export function rulesFor(store: MVCCStore, user: UserInfo, namespace: string): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const b of store.list(`${RBAC}/clusterrolebindings/`)) {
    if (boundTo(b.object, user)) rules.push(...rulesOf(store, asObject(b.object.roleRef), ''));
  }
  if (namespace) {
    for (const b of store.list(`${RBAC}/rolebindings/${namespace}/`)) {
      if (boundTo(b.object, user)) rules.push(...rulesOf(store, asObject(b.object.roleRef), namespace));
    }
  }
  return rules;
}

export function isAllowed(store: MVCCStore, a: Attributes): boolean {
  if (isMaster(a.user)) return true;
  return rulesFor(store, a.user, a.resourceRequest ? a.namespace : '').some((r) => ruleAllows(r, a));
}

/** kube-apiserver's 403 for a denied request. */
export function forbiddenError(a: Attributes): StatusError {
  if (!a.resourceRequest) return forbidden({ group: '', resource: '' }, '', `User "${a.user.name}" cannot ${a.verb} path "${a.path}"`);
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return forbidden({ group: a.apiGroup, resource: a.resource }, a.name,
    `User "${a.user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" ${where}`);
}
