// Applies a mutating webhook's JSON patch. A patch that cannot be decoded or applied, or that
// changes what the object is, is the webhook's bug: the request fails with a 500 (as in kube) whose
// message names the webhook, and nothing is stored.
import jsonpatch from 'fast-json-patch';
import type { KubeObject } from '../../../api/types.js';
import { internalError } from '../../../machinery/errors.js';
import { isObject } from '../../../machinery/json.js';
import { applyJsonPatch } from '../../../machinery/patch/index.js';

function fail(webhookName: string, why: string): Error {
  return internalError(`admission webhook "${webhookName}" returned an invalid patch: ${why}`);
}

/** Why fast-json-patch refuses the patch, for the message (our kube-semantics applier says only "invalid"). */
function explain(doc: KubeObject, ops: unknown): string {
  const err = jsonpatch.validate(ops as jsonpatch.Operation[], structuredClone(doc));
  return err ? `${err.message.split('\n')[0]}` : 'the patch does not apply to the object';
}

export function applyWebhookPatch(webhookName: string, obj: KubeObject, patchBase64: string): KubeObject {
  let ops: unknown;
  try {
    ops = JSON.parse(Buffer.from(patchBase64, 'base64').toString('utf8'));
  } catch (err) {
    throw fail(webhookName, `the patch is not JSON: ${(err as Error).message}`);
  }
  let patched: unknown;
  try {
    patched = applyJsonPatch(structuredClone(obj), ops);
  } catch {
    throw fail(webhookName, explain(obj, ops));
  }
  if (!isObject(patched) || !isObject(patched.metadata)) throw fail(webhookName, 'the patched object has no metadata');
  if (patched.apiVersion !== obj.apiVersion || patched.kind !== obj.kind) {
    throw fail(webhookName, `the patch changed the object's apiVersion or kind to ${String(patched.apiVersion)}, Kind=${String(patched.kind)}`);
  }
  return patched as unknown as KubeObject;
}
