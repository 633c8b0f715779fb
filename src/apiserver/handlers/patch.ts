// PATCH: JSON patch, merge patch, strategic merge patch (built-in kinds only, as in kube) and
// server-side apply (which also creates). The patch is applied to the current object and the
// result goes through the ordinary update path, so defaulting, validation, admission and
// optimistic concurrency behave exactly as for PUT.
import type { KubeObject } from '../../api/types.js';
import type { StoredObject } from '../../storage/mvcc.js';
import { modelNameFor } from '../../api/models.js';
import { badRequest, notFound, unsupportedMediaType } from '../../machinery/errors.js';
import {
  applyJsonPatch, applyMergePatch, applyStrategicMergePatch, serverSideApply,
} from '../../machinery/patch/index.js';
import { mediaType, parseJSON, parseYAML, readBody, requireObject } from '../http.js';
import { negotiate } from '../negotiation.js';
import { sendObject } from '../render.js';
import { storageKey } from '../resource-registry.js';
import { checkUnknownFields } from '../field-validation.js';
import { fieldManagerOf, managerOptions } from '../managed-fields.js';
import type { RequestScope } from './scope.js';
import { checkMetadata, checkTypeMeta } from './object-meta.js';
import { createObject, updateObject, warningHeaders, type UpdateMode } from './write.js';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
const APPLY_PATCH = 'application/apply-patch+yaml';

function acceptedPatchTypes(builtin: boolean): string[] {
  return builtin ? [JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, APPLY_PATCH] : [JSON_PATCH, MERGE_PATCH, APPLY_PATCH];
}

export async function handlePatch(scope: RequestScope, mode: UpdateMode = 'main'): Promise<void> {
  const rendering = negotiate(scope.req);
  const type = mediaType(scope.req);
  const builtin = !scope.info.custom;
  if (!acceptedPatchTypes(builtin).includes(type)) throw unsupportedMediaType(type, acceptedPatchTypes(builtin));
  const body = await readBody(scope.req);
  const key = storageKey(scope.info, scope.namespace, scope.name);
  const current = scope.services.store.get(key);
  if (type === APPLY_PATCH) {
    const result = await apply(scope, body, current?.object, mode);
    const code = current ? 200 : 201;
    sendObject(scope.res, code, scope.info, result, rendering, scope.query, scope.services.now(), warningHeaders(scope));
    return;
  }
  if (!current) throw notFound(scope.info, scope.name);
  const patch = parseJSON(body);
  let patched: unknown;
  if (type === JSON_PATCH) patched = applyJsonPatch(current.object, patch);
  else if (type === MERGE_PATCH) patched = applyMergePatch(current.object, requireObject(patch));
  else patched = applyStrategicMergePatch(current.object, requireObject(patch), { modelName: modelNameFor(scope.info) });
  const next = requireObject(patched) as KubeObject;
  checkTypeMeta(scope, next);
  checkMetadata(scope, next);
  checkUnknownFields(scope, next);
  const precondition = (requireObject(patch === null || Array.isArray(patch) ? {} : patch).metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  const result = await updateObject(scope, current, next, mode, precondition);
  sendObject(scope.res, 200, scope.info, result, rendering, scope.query, scope.services.now(), warningHeaders(scope));
}

async function apply(scope: RequestScope, body: Buffer, live: KubeObject | undefined, mode: UpdateMode): Promise<StoredObject | KubeObject> {
  const applied = requireObject(parseYAML(body)) as KubeObject;
  const manager = scope.query.get('fieldManager');
  if (!manager) throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  checkTypeMeta(scope, applied);
  checkMetadata(scope, applied);
  checkUnknownFields(scope, applied);
  const merged = serverSideApply(live, applied, {
    ...managerOptions(scope), manager, force: scope.query.get('force') === 'true', kind: scope.info.kind,
  });
  scope.serverSideApply = true;
  if (!live) return createObject(scope, merged);
  const current = scope.services.store.get(storageKey(scope.info, scope.namespace, scope.name));
  if (!current) throw notFound(scope.info, scope.name);
  return updateObject(scope, current, merged, mode);
}

