// Pieces of kube's field manager chain shared by non-apply writes and apply: choosing the schema
// and the ignored (reset) fields, recording an Update the way managedFieldsUpdater does (diff into
// a temporary "current-operation" manager, then fold it into the real one and stamp its time), and
// capping the number of Update managers (the oldest fold into "ancient-changes").
import { field, type Path } from './field-path.js';
import { FieldSet } from './field-set.js';
import { isObject, type JsonObject } from './json-value.js';
import { managerId, type Managed } from './managed-fields.js';
import { builtinType, customResourceType, type SsaType } from './ssa-schema.js';
import { stripMeta, updateManagers, type UpdaterContext } from './updater.js';

export interface FieldManagerOptions {
  /** Field manager name (?fieldManager=, or derived from the user agent). */
  manager: string;
  /** API version of the request, e.g. 'apps/v1'. */
  apiVersion: string;
  /** RFC 3339 timestamp recorded on entries this write touches. */
  time: string;
  subresource?: string;
  /** Generated model of a built-in kind (e.g. 'V1Deployment'). */
  modelName?: string;
  /** openAPIV3Schema of a custom resource version (used when modelName is absent). */
  schema?: Record<string, unknown>;
  /**
   * Paths the endpoint's strategy resets and nobody may own through it. Defaults: built-in main
   * resources ignore status; the status subresource ignores spec; custom resources nothing.
   */
  resetFields?: string[][];
}

const MAX_UPDATE_MANAGERS = 10;

export function schemaOf(opts: FieldManagerOptions): SsaType {
  return opts.modelName ? builtinType(opts.modelName) : customResourceType(opts.schema);
}

function defaultResetFields(opts: FieldManagerOptions): string[][] {
  if (opts.subresource === 'status') return [['spec']];
  if (!opts.subresource && opts.modelName) return [['status']];
  return [];
}

export function contextOf(opts: FieldManagerOptions): UpdaterContext {
  const paths: Path[] = (opts.resetFields ?? defaultResetFields(opts)).map((p) => p.map((f) => field(f)));
  return { type: schemaOf(opts), ignored: FieldSet.of(...paths) };
}

/**
 * A shallow copy of the object (top level and metadata) without metadata.managedFields. Nested
 * values are shared: callers read them, or clone before mutating (a deep clone of every written
 * object was a tenth of the API server's CPU at 10,000 pods).
 */
export function withoutManagedFields<T>(obj: T): T {
  if (!isObject(obj) || !isObject(obj.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata as JsonObject;
  return { ...obj, metadata } as T;
}

const CURRENT = 'current-operation';

/** Records a non-apply write by `manager` into `managed`. */
export function recordUpdate(live: unknown, next: unknown, managed: Managed, manager: string, opts: FieldManagerOptions): void {
  const ctx = contextOf(opts);
  const id = managerId({ manager: manager || 'unknown', operation: 'Update', apiVersion: opts.apiVersion, subresource: opts.subresource });
  updateManagers(live, next, opts.apiVersion, managed.fields, CURRENT, ctx);
  stripMeta(managed.fields, CURRENT);
  const current = managed.fields.get(CURRENT);
  if (current) {
    managed.fields.delete(CURRENT);
    const previous = managed.fields.get(id);
    managed.fields.set(id, { set: previous ? current.set.union(previous.set) : current.set, apiVersion: current.apiVersion, applied: false });
    managed.times.set(id, opts.time);
  }
  capUpdateManagers(managed);
}

function seconds(time: string | undefined): number {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function capUpdateManagers(managed: Managed): void {
  const updaters = [...managed.fields].filter(([, ms]) => !ms.applied).map(([id]) => id);
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  updaters.sort((a, b) => seconds(managed.times.get(a)) - seconds(managed.times.get(b)) || (a < b ? -1 : a > b ? 1 : 0));
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const id = updaters[i]!;
    const ms = managed.fields.get(id)!;
    const bucket = managerId({ manager: 'ancient-changes', operation: 'Update', apiVersion: ms.apiVersion });
    const first = firstByVersion.get(ms.apiVersion);
    if (first === undefined) { firstByVersion.set(ms.apiVersion, id); continue; }
    if (!managed.fields.has(bucket)) {
      managed.fields.set(bucket, managed.fields.get(first)!);
      managed.fields.delete(first);
    }
    managed.fields.set(bucket, { ...ms, set: ms.set.union(managed.fields.get(bucket)!.set) });
    managed.fields.delete(id);
    managed.times.set(bucket, managed.times.get(id));
    length--;
  }
}
