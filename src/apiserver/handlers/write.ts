// create, update (PUT) and the shared update path used by patch and by the status/finalize
// subresources. Order follows kube-apiserver: decode → type and metadata checks → field
// validation → defaulting and strategy → validation → admission → dryRun → storage.
import type { KubeObject } from '../../api/types.js';
import { alreadyExists, conflict, invalid, notFound, STALE_OBJECT_MESSAGE } from '../../machinery/errors.js';
import { deepEqual } from '../../machinery/deep.js';
import { KeyExistsError, KeyNotFoundError, RevisionConflictError, type StoredObject } from '../../storage/mvcc.js';
import { decodeObject, mediaType, readBody, requireObject } from '../http.js';
import { negotiate } from '../negotiation.js';
import { sendObject } from '../render.js';
import { storageKey } from '../resource-registry.js';
import { checkUnknownFields } from '../field-validation.js';
import { recordManagedFields } from '../managed-fields.js';
import { checkMetadata, checkTypeMeta, fillCreateMeta, fillUpdateMeta, generateName } from './object-meta.js';
import { getStored } from './read.js';
import { isDryRun, type RequestScope } from './scope.js';
import type { AdmissionAttributes } from '../admission/index.js';

export type UpdateMode = 'main' | 'status' | 'finalize' | 'approval';

export async function decodeBody(scope: RequestScope): Promise<KubeObject> {
  const body = await readBody(scope.req);
  return requireObject(decodeObject(body, mediaType(scope.req))) as KubeObject;
}

export async function handleCreate(scope: RequestScope): Promise<void> {
  const rendering = negotiate(scope.req);
  const obj = await decodeBody(scope);
  checkTypeMeta(scope, obj);
  checkMetadata(scope, obj);
  checkUnknownFields(scope, obj);
  const created = await createObject(scope, obj);
  sendObject(scope.res, 201, scope.info, created, rendering, scope.query, scope.services.now(), warningHeaders(scope));
}

export async function createObject(scope: RequestScope, obj: KubeObject): Promise<StoredObject | KubeObject> {
  const { strategy, info, services } = scope;
  fillCreateMeta(scope, obj);
  strategy.defaults(obj);
  const attrs: AdmissionAttributes = { scope, operation: 'CREATE', object: obj };
  await services.admission.mutate(attrs);
  if (attrs.object !== obj) {
    // A webhook patched it: default again, as kube-apiserver decodes the patched object.
    obj = attrs.object!;
    strategy.defaults(obj);
  }
  strategy.prepareForCreate(obj, strategyContext(scope));
  const errs = strategy.validate(obj, info);
  if (errs.length > 0) throw invalid(info.group, info.kind, obj.metadata.name ?? obj.metadata.generateName ?? '', errs);
  await services.admission.validate({ scope, operation: 'CREATE', object: obj });
  recordManagedFields(scope, undefined, obj);
  if (isDryRun(scope.query)) return obj;
  for (let attempt = 0; ; attempt++) {
    try {
      const stored = services.store.create(storageKey(info, scope.namespace, obj.metadata.name), obj);
      await services.store.durable();
      return stored;
    } catch (err) {
      if (!(err instanceof KeyExistsError)) throw err;
      // A generated name collided: pick another, as kube-apiserver retries generateName.
      if (obj.metadata.generateName && attempt < 7) {
        obj.metadata.name = generateName(obj.metadata.generateName);
        continue;
      }
      throw alreadyExists(info, obj.metadata.name ?? '');
    }
  }
}

export async function handleUpdate(scope: RequestScope, mode: UpdateMode = 'main'): Promise<void> {
  const rendering = negotiate(scope.req);
  const obj = await decodeBody(scope);
  checkTypeMeta(scope, obj);
  checkMetadata(scope, obj);
  checkUnknownFields(scope, obj);
  const current = getStored(scope);
  const result = await updateObject(scope, current, obj, mode, obj.metadata.resourceVersion);
  sendObject(scope.res, 200, scope.info, result, rendering, scope.query, scope.services.now(), warningHeaders(scope));
}

/** The shared update path: `next` is the full desired object; `expectedRV` a precondition. */
export async function updateObject(
  scope: RequestScope, current: StoredObject, next: KubeObject, mode: UpdateMode, expectedRV?: string,
): Promise<StoredObject | KubeObject> {
  const { strategy, info, services } = scope;
  const old = current.object;
  if (expectedRV && expectedRV !== String(current.modRevision)) {
    throw conflict(info, scope.name, STALE_OBJECT_MESSAGE);
  }
  let desired = next;
  if (mode === 'status') desired = { ...old, metadata: old.metadata, status: next.status };
  if (mode === 'approval') {
    const conditions = (next.status as { conditions?: unknown } | undefined)?.conditions;
    desired = { ...old, metadata: old.metadata, status: { ...(old.status as object), conditions } };
  }
  if (mode === 'finalize') {
    const spec = (next.spec ?? {}) as Record<string, unknown>;
    desired = { ...old, spec: { ...(old.spec as object), finalizers: spec.finalizers ?? [] } };
  }
  const attrs: AdmissionAttributes = { scope, operation: 'UPDATE', object: desired, oldObject: old };
  await services.admission.mutate(attrs);
  desired = attrs.object!;
  if (mode === 'main') strategy.prepareForUpdate(desired, old, strategyContext(scope));
  desired = { ...desired, metadata: { ...desired.metadata } };
  fillUpdateMeta(scope, desired, old);
  // An unconditional update is validated as if it named the current version.
  desired.metadata.resourceVersion ??= old.metadata.resourceVersion;
  strategy.defaults(desired);
  const errs = strategy.validateUpdate(desired, old, info);
  if (errs.length > 0) throw invalid(info.group, info.kind, scope.name, errs);
  await services.admission.validate({ scope, operation: 'UPDATE', object: desired, oldObject: old });
  recordManagedFields(scope, old, desired);
  if (isUnchanged(desired, old)) return current;
  if (isDryRun(scope.query)) return { ...desired, metadata: { ...desired.metadata, resourceVersion: old.metadata.resourceVersion } };
  const key = storageKey(info, scope.namespace, scope.name);
  let stored: StoredObject;
  try {
    const finished = desired.metadata.deletionTimestamp && (desired.metadata.finalizers ?? []).length === 0 && !pendingNamespaceFinalizers(desired);
    stored = finished ? services.store.delete(key, current.modRevision) : services.store.update(key, desired, current.modRevision);
  } catch (err) {
    if (err instanceof RevisionConflictError) throw conflict(info, scope.name, STALE_OBJECT_MESSAGE);
    if (err instanceof KeyNotFoundError) throw notFound(info, scope.name);
    throw err;
  }
  // Acknowledged only once on disk (group commit, ADR 0002).
  await services.store.durable();
  return stored;
}

/** Namespaces stay until their spec.finalizers (the `kubernetes` one) are gone too. */
function pendingNamespaceFinalizers(obj: KubeObject): boolean {
  if (obj.kind !== 'Namespace') return false;
  const spec = (obj.spec ?? {}) as { finalizers?: string[] };
  return (spec.finalizers ?? []).length > 0;
}

/** kube skips a write only when the object is identical apart from its resourceVersion. */
function isUnchanged(desired: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return deepEqual(strip(desired), strip(old));
}

export function strategyContext(scope: RequestScope) {
  return { now: scope.services.now(), serviceSubnet: scope.services.serviceSubnet, store: scope.services.store, user: scope.user };
}

export function warningHeaders(scope: RequestScope): Record<string, string[]> {
  if (scope.warnings.length === 0) return {};
  return { Warning: scope.warnings.map((w) => `299 - ${JSON.stringify(w)}`) };
}
