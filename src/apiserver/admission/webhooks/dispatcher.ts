// Dynamic admission: the MutatingAdmissionWebhook and ValidatingAdmissionWebhook plugins.
// Mutating webhooks are called one at a time in configuration-name order, each seeing the previous
// one's patches; those with reinvocationPolicy IfNeeded are called once more when a later webhook
// changed the object. Validating webhooks are called in parallel on the final object. A webhook
// that cannot be called obeys its failurePolicy; a denial is returned with the webhook's message.
import type { AdmissionResponse } from '../../../api/admission-review.js';
import type { Webhook, WebhookConfiguration } from '../../../api/admissionregistration.js';
import type { KubeObject } from '../../../api/types.js';
import { deepEqual } from '../../../machinery/deep.js';
import { badRequest, internalError, StatusError } from '../../../machinery/errors.js';
import type { MVCCStore } from '../../../storage/mvcc.js';
import { isDryRun } from '../../handlers/scope.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../types.js';
import { postReview, resolveTarget, WebhookCallError } from './client.js';
import { isExempt, webhookMatches } from './matching.js';
import { applyWebhookPatch } from './patch.js';
import { forgeAdmissionRequest, forgeAdmissionReview, verifyAdmissionResponse } from './review.js';

type Kind = 'mutating' | 'validating';

const PREFIX: Record<Kind, string> = {
  mutating: '/admissionregistration.k8s.io/mutatingwebhookconfigurations/',
  validating: '/admissionregistration.k8s.io/validatingwebhookconfigurations/',
};

/** The webhooks of every configuration of a kind, in configuration-name order (the store's). */
function webhooksOf(store: MVCCStore, kind: Kind): Webhook[] {
  return store.list(PREFIX[kind]).flatMap((s) => (s.object as WebhookConfiguration).webhooks ?? []);
}

/** kube's webhookerrors.ToStatusErr: a denial keeps the webhook's code (at least 400) and message. */
export function denial(webhookName: string, status: AdmissionResponse['status']): StatusError {
  const deniedBy = `admission webhook "${webhookName}" denied the request`;
  const code = typeof status?.code === 'number' && status.code >= 400 ? status.code : 400;
  const message = status?.message ? `${deniedBy}: ${status.message}`
    : status?.reason ? `${deniedBy}: ${status.reason}` : `${deniedBy} without explanation`;
  const err = new StatusError(code, status?.reason ?? '', message, status?.details);
  // metav1.Status omits an empty reason.
  if (!status?.reason) delete (err.status as { reason?: string }).reason;
  return err;
}

/** Where a pod IP is really reached (a process pod's loopback address, ADR 0009), if elsewhere. */
export type PodAddressLookup = (podIP: string) => string | undefined;

async function callWebhook(webhook: Webhook, attrs: AdmissionAttributes, kind: Kind, store: MVCCStore, podAddress?: PodAddressLookup): Promise<AdmissionResponse> {
  if (isDryRun(attrs.scope.query) && webhook.sideEffects !== 'None' && webhook.sideEffects !== 'NoneOnDryRun') {
    throw badRequest(`admission webhook "${webhook.name}" does not support dry run`);
  }
  const timeout = webhook.timeoutSeconds ?? 10;
  const request = forgeAdmissionRequest(attrs);
  const target = resolveTarget(webhook.clientConfig, timeout, store, podAddress);
  const body = await postReview(target, forgeAdmissionReview(request), timeout);
  const response = verifyAdmissionResponse(request.uid, kind === 'mutating', body);
  if (typeof response === 'string') throw new WebhookCallError(`received invalid webhook response: ${response}`);
  return response;
}

/**
 * Calls one webhook and applies its verdict: warnings are passed on, a denial is thrown, a patch
 * replaces attrs.object. Returns whether the object changed. A failed call obeys failurePolicy.
 */
async function admitWith(webhook: Webhook, attrs: AdmissionAttributes, kind: Kind, store: MVCCStore, podAddress?: PodAddressLookup): Promise<boolean> {
  let response: AdmissionResponse;
  try {
    response = await callWebhook(webhook, attrs, kind, store, podAddress);
  } catch (err) {
    if (!(err instanceof WebhookCallError)) throw err;
    if (webhook.failurePolicy === 'Ignore') {
      console.warn(`Failed calling webhook, failing open ${webhook.name}: failed calling webhook "${webhook.name}": ${err.message}`);
      return false;
    }
    throw internalError(`failed calling webhook "${webhook.name}": ${err.message}`);
  }
  attrs.scope.warnings.push(...(response.warnings ?? []));
  if (!response.allowed) throw denial(webhook.name, response.status);
  if (kind !== 'mutating' || !response.patch || !attrs.object) return false;
  const patched: KubeObject = applyWebhookPatch(webhook.name, attrs.object, response.patch);
  if (deepEqual(patched, attrs.object)) return false;
  attrs.object = patched;
  return true;
}

export function mutatingWebhooks(store: MVCCStore, podAddress?: PodAddressLookup): AdmissionPlugin {
  return {
    name: 'MutatingAdmissionWebhook',
    async mutate(attrs) {
      if (isExempt(attrs)) return;
      const hooks = webhooksOf(store, 'mutating').filter((w) => webhookMatches(w, attrs, store));
      // Index of the last webhook that changed the object; IfNeeded hooks called before it rerun.
      let lastChange = -1;
      for (const [i, hook] of hooks.entries()) {
        if (await admitWith(hook, attrs, 'mutating', store, podAddress)) lastChange = i;
      }
      const rerun = hooks.filter((h, i) => h.reinvocationPolicy === 'IfNeeded' && i < lastChange);
      for (const hook of rerun) await admitWith(hook, attrs, 'mutating', store, podAddress);
    },
  };
}

export function validatingWebhooks(store: MVCCStore, podAddress?: PodAddressLookup): AdmissionPlugin {
  return {
    name: 'ValidatingAdmissionWebhook',
    async validate(attrs) {
      if (isExempt(attrs)) return;
      const hooks = webhooksOf(store, 'validating').filter((w) => webhookMatches(w, attrs, store));
      const results = await Promise.allSettled(hooks.map((h) => admitWith(h, attrs, 'validating', store, podAddress)));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
