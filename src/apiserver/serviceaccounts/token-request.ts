// POST serviceaccounts/<name>/token (the TokenRequest API behind `kubectl create token`): issues a
// token for an existing ServiceAccount with the requested audiences (default: the API server) and
// duration (default 1h, at least 10 minutes, at most 48h as kube-apiserver caps by default).
import type { KubeObject } from '../../api/types.js';
import { fieldErrors, invalid, StatusError } from '../../machinery/errors.js';
import { asObject } from '../../machinery/json.js';
import { getStored } from '../handlers/read.js';
import { timestamp, type RequestScope } from '../handlers/scope.js';
import { decodeBody } from '../handlers/write.js';
import { sendJSON } from '../http.js';
import { API_AUDIENCE, type BoundObject } from './tokens.js';

const MAX_SECONDS = 48 * 3600;

/** A boundObjectRef to a pod must name a pod that exists (with that uid, when given), as kube checks. */
function boundPod(scope: RequestScope, ref: Record<string, unknown>): BoundObject | undefined {
  if (ref.kind !== 'Pod') return undefined;
  const name = String(ref.name ?? '');
  const pod = scope.services.store.get(`/core/pods/${scope.namespace}/${name}`)?.object;
  if (!pod) throw new StatusError(404, 'NotFound', `pods "${name}" not found`);
  if (ref.uid && ref.uid !== pod.metadata.uid) {
    throw new StatusError(409, 'Conflict', `the UID in the bound object reference (${String(ref.uid)}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  return { kind: 'Pod', name, uid: pod.metadata.uid ?? '' };
}

export async function handleTokenRequest(scope: RequestScope): Promise<void> {
  const tokens = scope.services.serviceAccountTokens;
  if (!tokens) throw new StatusError(500, 'InternalError', 'Internal error occurred: no service account signing key is configured');
  const request = await decodeBody(scope);
  const sa = getStored(scope).object;
  const spec = asObject(request.spec);
  const audiences = Array.isArray(spec.audiences) && spec.audiences.length > 0 ? spec.audiences.map(String) : [API_AUDIENCE];
  const requested = typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : 3600;
  if (requested < 600) {
    throw invalid('authentication.k8s.io', 'TokenRequest', scope.name,
      [fieldErrors.invalid('spec.expirationSeconds', requested, 'may not specify a duration less than 10 minutes')]);
  }
  const seconds = Math.min(requested, MAX_SECONDS);
  const { token, expires } = tokens.issue(sa, audiences, seconds, scope.services.now(), boundPod(scope, asObject(spec.boundObjectRef)));
  const out: KubeObject = {
    kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: scope.name, namespace: scope.namespace, creationTimestamp: null },
    spec: { ...spec, audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: timestamp(expires) },
  };
  sendJSON(scope.res, 201, out);
}
