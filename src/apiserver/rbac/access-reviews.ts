// The authorization.k8s.io review kinds, answered by the RBAC authorizer and never stored, as
// kube-apiserver serves them: SelfSubjectAccessReview (`kubectl auth can-i`), SubjectAccessReview
// and LocalSubjectAccessReview (about another user), SelfSubjectRulesReview (`can-i --list`).
import type { KubeObject } from '../../api/types.js';
import { asObject } from '../../machinery/json.js';
import { badRequest } from '../../machinery/errors.js';
import type { UserInfo } from '../authn.js';
import { decodeBody } from '../handlers/write.js';
import { checkTypeMeta } from '../handlers/object-meta.js';
import type { RequestScope } from '../handlers/scope.js';
import { sendJSON } from '../http.js';
import { isAllowed, isMaster, rulesFor, type Attributes } from './rbac-authorizer.js';

function attributesOf(spec: Record<string, unknown>, user: UserInfo): Attributes {
  const res = asObject(spec.resourceAttributes);
  const non = asObject(spec.nonResourceAttributes);
  if (spec.resourceAttributes) {
    return {
      user, verb: String(res.verb ?? ''), resourceRequest: true, namespace: String(res.namespace ?? ''),
      apiGroup: String(res.group ?? ''), resource: String(res.resource ?? ''), subresource: String(res.subresource ?? ''),
      name: String(res.name ?? ''), path: '',
    };
  }
  if (spec.nonResourceAttributes) {
    return { user, verb: String(non.verb ?? ''), resourceRequest: false, namespace: '', apiGroup: '', resource: '', subresource: '', name: '', path: String(non.path ?? '') };
  }
  throw badRequest('spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified');
}

function reviewedUser(scope: RequestScope, spec: Record<string, unknown>): UserInfo {
  if (scope.info.resource.startsWith('self')) return scope.user;
  return { name: String(spec.user ?? ''), groups: Array.isArray(spec.groups) ? spec.groups.map(String) : [] };
}

export async function handleAccessReview(scope: RequestScope): Promise<void> {
  const review = await decodeBody(scope);
  checkTypeMeta(scope, review);
  const spec = asObject(review.spec);
  const user = reviewedUser(scope, spec);
  const status = scope.info.resource === 'selfsubjectrulesreviews'
    ? rulesReviewStatus(scope, user, String(spec.namespace ?? ''))
    : accessReviewStatus(scope, spec, user);
  const out: KubeObject = { apiVersion: review.apiVersion, kind: review.kind, metadata: { creationTimestamp: null }, spec, status };
  sendJSON(scope.res, 201, out);
}

function accessReviewStatus(scope: RequestScope, spec: Record<string, unknown>, user: UserInfo) {
  const attrs = attributesOf(spec, user);
  if (scope.info.resource === 'localsubjectaccessreviews') attrs.namespace = scope.namespace;
  return { allowed: isAllowed(scope.services.store, attrs) };
}

function rulesReviewStatus(scope: RequestScope, user: UserInfo, namespace: string) {
  if (isMaster(user)) {
    return {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    };
  }
  const rules = rulesFor(scope.services.store, user, namespace);
  return {
    resourceRules: rules.filter((r) => (r.resources ?? []).length > 0).map((r) => ({
      verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources ?? [],
      ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}),
    })),
    nonResourceRules: rules.filter((r) => (r.nonResourceURLs ?? []).length > 0).map((r) => ({
      verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs ?? [],
    })),
    incomplete: false,
  };
}
