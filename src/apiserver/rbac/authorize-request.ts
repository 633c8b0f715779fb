// The authorization step of the request chain (kube-apiserver's WithImpersonation and
// WithAuthorization filters): impersonation headers are honoured when the requester may
// `impersonate` the named user and groups, then the (possibly impersonated) user must be allowed
// the request's verb on its resource or non-resource path.
import type { IncomingMessage } from 'node:http';
import type { MVCCStore } from '../../storage/mvcc.js';
import type { UserInfo } from '../authn.js';
import type { RequestInfo } from '../request-info.js';
import { forbiddenError, isAllowed, isMaster, type Attributes } from './rbac-authorizer.js';

function headerValues(req: IncomingMessage, name: string): string[] {
  const v = req.headers[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
}

function check(store: MVCCStore, attrs: Attributes): void {
  if (!isAllowed(store, attrs)) throw forbiddenError(attrs);
}

/** The user the request acts as: the authenticated one, or whom it may impersonate. */
export function impersonate(store: MVCCStore, req: IncomingMessage, user: UserInfo): UserInfo {
  const [name] = headerValues(req, 'impersonate-user');
  const groups = headerValues(req, 'impersonate-group');
  if (!name) return user;
  const base = { user, verb: 'impersonate', resourceRequest: true, namespace: '', apiGroup: '', subresource: '', path: '' };
  check(store, { ...base, resource: 'users', name });
  for (const group of groups) check(store, { ...base, resource: 'groups', name: group });
  return { name, groups: [...groups, 'system:authenticated'] };
}

export function authorizeRequest(store: MVCCStore, user: UserInfo, info: RequestInfo, method: string, path: string): void {
  if (isMaster(user)) return;
  const attrs: Attributes = info.isResourceRequest
    ? { user, verb: info.verb, resourceRequest: true, namespace: info.namespace, apiGroup: info.group, resource: info.resource, subresource: info.subresource, name: info.name, path: '' }
    : { user, verb: method.toLowerCase(), resourceRequest: false, namespace: '', apiGroup: '', resource: '', subresource: '', name: '', path };
  check(store, attrs);
}
