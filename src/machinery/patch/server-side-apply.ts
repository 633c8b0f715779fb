// Server-side apply (PATCH with application/apply-patch+yaml), as kube's field manager chain runs
// it: the applied configuration is merged into the live object, fields this manager applied before
// and omits now are removed unless another manager owns them, fields that other managers own and
// whose values would change are conflicts (409) unless forced, in which case ownership moves.
// Objects that exist without managedFields first get a "before-first-apply" Update entry for what
// they already hold. The "kubectl" manager gets kube's client-side-apply migration help
// (last-applied.ts). Returns the object to store, with metadata.managedFields encoded.
// Not here: defaulting and validation of the result (the update path does those), and conversion
// between API versions (every manager is compared in the request's version).
import type { KubeObject } from '../../api/types.js';
import { badRequest } from '../errors.js';
import { conflictError, conflictList } from './conflicts.js';
import { contextOf, recordUpdate, withoutManagedFields, type FieldManagerOptions } from './field-manager.js';
import { FieldSet } from './field-set.js';
import { isObject, type JsonObject } from './json-value.js';
import { allowedConflicts, hasLastApplied, KUBECTL_MANAGER, lastAppliedValue, setLastApplied } from './last-applied.js';
import {
  decodeManagedFields, emptyManaged, ManagedFieldsError, managerId, setManagedFields, type Managed,
} from './managed-fields.js';
import { plainServerError } from './patch-errors.js';
import { SsaValueError, toFieldSet } from './typed-fieldset.js';
import { ApplyConflicts, applyManagers, stripMeta, type Managers, type UpdaterContext } from './updater.js';

export interface ServerSideApplyOptions extends FieldManagerOptions {
  force: boolean;
  /** Kind served by the endpoint; when given, an applied object of another kind is refused. */
  kind?: string;
}

/** GroupVersionKind as Go prints it: "apps/v1, Kind=Deployment", "/v1, Kind=Pod". */
function gvkString(apiVersion: unknown, kind: unknown): string {
  const av = typeof apiVersion === 'string' ? apiVersion : '';
  const gv = av.includes('/') ? av : `/${av}`;
  return `${gv}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

function describe(obj: KubeObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}; ${gvkString(obj.apiVersion, obj.kind)}`;
}

function checkRequest(applied: KubeObject, opts: ServerSideApplyOptions): void {
  const wrongVersion = applied.apiVersion !== opts.apiVersion;
  if (wrongVersion || (opts.kind !== undefined && applied.kind !== opts.kind)) {
    throw badRequest(`invalid object type: ${gvkString(applied.apiVersion, applied.kind)}`);
  }
  if (isObject(applied.metadata) && applied.metadata.managedFields !== undefined) {
    throw badRequest('metadata.managedFields must be nil');
  }
}

function liveManaged(live: KubeObject | undefined): Managed {
  if (!live) return emptyManaged();
  try {
    return decodeManagedFields(live.metadata?.managedFields);
  } catch (err) {
    throw plainServerError(`failed to decode managed fields: ${(err as ManagedFieldsError).message}`);
  }
}

function cloneManagers(m: Managers): Managers {
  return new Map([...m].map(([id, ms]) => [id, { ...ms, set: ms.set.clone() }]));
}

/** Conflicts kube forgives for "kubectl" (see last-applied.ts); undefined when none are forgiven. */
function forgiven(err: ApplyConflicts, live: unknown, opts: ServerSideApplyOptions, ctx: UpdaterContext): Map<string, FieldSet> | undefined {
  if (opts.manager !== KUBECTL_MANAGER) return undefined;
  const allowed = allowedConflicts(live, opts.apiVersion, ctx.type);
  if (!allowed) return undefined;
  const remaining = new Map<string, FieldSet>();
  for (const [id, set] of err.conflicts) {
    const left = FieldSet.of(...set.paths().filter((p) => !allowed.has(p)));
    if (!left.isEmpty()) remaining.set(id, left);
  }
  return remaining;
}

function runApply(live: JsonObject, applied: KubeObject, managed: Managed, id: string, opts: ServerSideApplyOptions, ctx: UpdaterContext): unknown {
  const attempt = (force: boolean, managers: Managers) => {
    const result = applyManagers(live, applied, opts.apiVersion, managers, id, force, ctx);
    managed.fields.clear();
    for (const [k, v] of managers) managed.fields.set(k, v);
    return result.object;
  };
  try {
    return attempt(opts.force, cloneManagers(managed.fields));
  } catch (err) {
    if (!(err instanceof ApplyConflicts)) throw err;
    const remaining = forgiven(err, live, opts, ctx);
    if (remaining && remaining.size === 0) return attempt(true, cloneManagers(managed.fields));
    throw conflictError(conflictList(remaining ?? err.conflicts));
  }
}

export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, opts: ServerSideApplyOptions): KubeObject {
  const managed = liveManaged(live);
  checkRequest(applied, opts);
  const ctx = contextOf(opts);
  try {
    toFieldSet(applied, ctx.type, true);
  } catch (err) {
    if (err instanceof SsaValueError) throw plainServerError(`failed to create typed patch object (${describe(applied)}): ${err.message}`);
    throw err;
  }
  const base = (live ? structuredClone(withoutManagedFields(live)) : {}) as JsonObject;
  try {
    if (live && managed.fields.size === 0) {
      recordUpdate({}, base, managed, 'before-first-apply', opts);
    }
    const id = managerId({ manager: opts.manager || 'unknown', operation: 'Apply', subresource: opts.subresource });
    const object = runApply(base, applied, managed, id, opts, ctx);
    stripMeta(managed.fields, id);
    if (object !== undefined) managed.times.set(id, opts.time);
    const out = structuredClone((object ?? base) as KubeObject);
    if (opts.manager === KUBECTL_MANAGER && hasLastApplied(out)) setLastApplied(out, lastAppliedValue(applied));
    setManagedFields(out, managed);
    return out;
  } catch (err) {
    if (err instanceof SsaValueError) throw plainServerError(`failed to create typed live object (${describe(live ?? applied)}): ${err.message}`);
    throw err;
  }
}
