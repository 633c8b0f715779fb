// The authentication.k8s.io review kinds, answered by the authenticator and never stored:
// SelfSubjectReview (`kubectl auth whoami`: who the server thinks you are) and TokenReview (is this
// bearer token valid, and whose is it: what webhooks and extension servers ask).
import type { KubeObject } from '../api/types.js';
import { asObject } from '../machinery/json.js';
import { API_AUDIENCE } from './serviceaccounts/tokens.js';
import { forgeUserInfo, type TokenAuthenticator } from './authn.js';
import { checkTypeMeta } from './handlers/object-meta.js';
import type { RequestScope } from './handlers/scope.js';
import { decodeBody } from './handlers/write.js';
import { sendJSON } from './http.js';

function tokenReviewStatus(spec: Record<string, unknown>, authenticate: TokenAuthenticator): Record<string, unknown> {
  const audiences = Array.isArray(spec.audiences) && spec.audiences.length > 0 ? spec.audiences.map(String) : [API_AUDIENCE];
  const user = typeof spec.token === 'string' && spec.token ? authenticate(spec.token) : undefined;
  // Tokens are only ever issued for the API audience; other audiences are not ours to vouch for.
  if (!user || !audiences.includes(API_AUDIENCE)) return { user: {}, error: '[invalid bearer token, token lookup failed]' };
  return { authenticated: true, user: forgeUserInfo(user), audiences: [API_AUDIENCE] };
}

export async function handleAuthenticationReview(scope: RequestScope, authenticate: TokenAuthenticator): Promise<void> {
  const review = await decodeBody(scope);
  checkTypeMeta(scope, review);
  const out: KubeObject = { apiVersion: review.apiVersion, kind: review.kind, metadata: { creationTimestamp: null } };
  if (scope.info.resource === 'selfsubjectreviews') {
    out.status = { userInfo: forgeUserInfo(scope.user) };
  } else {
    out.spec = asObject(review.spec);
    out.status = tokenReviewStatus(asObject(review.spec), authenticate);
  }
  sendJSON(scope.res, 201, out);
}
