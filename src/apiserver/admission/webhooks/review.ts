// Forges the AdmissionReview request a webhook receives, and checks the response it sends back
// the way kube-apiserver's VerifyAdmissionResponse does.
import { randomUUID } from 'node:crypto';
import type { AdmissionRequest, AdmissionResponse, AdmissionReview } from '../../../api/admission-review.js';
import { isObject } from '../../../machinery/json.js';
import { forgeUserInfo } from '../../authn.js';
import { isDryRun } from '../../handlers/scope.js';
import type { AdmissionAttributes } from '../types.js';

const OPTIONS_KIND = { CREATE: 'CreateOptions', UPDATE: 'UpdateOptions', DELETE: 'DeleteOptions', CONNECT: '' } as const;

function forgeOptions(attrs: AdmissionAttributes): Record<string, unknown> | null {
  const kind = OPTIONS_KIND[attrs.operation];
  if (!kind) return null;
  const { query } = attrs.scope;
  const fieldManager = query.get('fieldManager');
  return {
    apiVersion: 'meta.k8s.io/v1', kind,
    ...(isDryRun(query) ? { dryRun: ['All'] } : {}),
    ...(fieldManager && attrs.operation !== 'DELETE' ? { fieldManager } : {}),
  };
}

export function forgeAdmissionRequest(attrs: AdmissionAttributes): AdmissionRequest {
  const { info, namespace, name, subresource, user, query } = attrs.scope;
  const kind = { group: info.group, version: info.version, kind: info.kind };
  const resource = { group: info.group, version: info.version, resource: info.resource };
  return {
    uid: randomUUID(),
    kind, resource,
    ...(subresource ? { subResource: subresource, requestSubResource: subresource } : {}),
    requestKind: kind, requestResource: resource,
    name: name || attrs.object?.metadata.name || '',
    ...(namespace ? { namespace } : {}),
    operation: attrs.operation,
    userInfo: forgeUserInfo(user),
    object: attrs.object ?? null,
    oldObject: attrs.oldObject ?? null,
    dryRun: isDryRun(query),
    options: forgeOptions(attrs),
  };
}

export function forgeAdmissionReview(request: AdmissionRequest): AdmissionReview {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request };
}

/** The response of a review, or a reason (kube's wording) why it is not a valid one. */
export function verifyAdmissionResponse(uid: string, mutating: boolean, body: unknown): AdmissionResponse | string {
  if (!isObject(body)) return 'expected a JSON object';
  if (body.apiVersion !== 'admission.k8s.io/v1' || body.kind !== 'AdmissionReview') {
    return `expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got ${String(body.apiVersion ?? '')}, Kind=${String(body.kind ?? '')}`;
  }
  const response = body.response;
  if (!isObject(response)) return 'webhook response was absent';
  if (response.uid !== uid) return `expected response.uid="${uid}", got "${String(response.uid ?? '')}"`;
  if (typeof response.allowed !== 'boolean') return 'response.allowed is required and must be a boolean';
  const hasPatch = typeof response.patch === 'string' && response.patch.length > 0;
  if (hasPatch && !mutating) return 'validating webhooks may not return patches';
  if (hasPatch && response.patchType === undefined) return 'webhook returned response.patch but not response.patchType';
  if (response.patchType !== undefined && response.patchType !== 'JSONPatch') {
    return `webhook returned invalid response.patchType of "${String(response.patchType)}"`;
  }
  if (response.patchType !== undefined && !mutating) return 'validating webhooks may not return response.patchType';
  return response as unknown as AdmissionResponse;
}
