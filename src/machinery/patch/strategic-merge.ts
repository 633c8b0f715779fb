// Strategic merge patch (application/strategic-merge-patch+json) applied server-side, as
// strategicpatch.StrategicMergeMapPatch does for built-in kinds: maps merge, lists follow the
// field's patchStrategy (merge by patchMergeKey, or union for primitives; replace otherwise), and
// the directives `$patch` (replace/delete), `$retainKeys`, `$setElementOrder/<field>` and
// `$deleteFromPrimitiveList/<field>` are honoured. Nulls delete. Custom resources have no struct
// tags, so kube refuses this content type for them (415).
// Deliberately different from kube: values newly introduced by the patch are stripped of every
// directive key (kube only drops `$patch` maps there), so no `$...` key can reach storage.
import { deepClone, goFormat, goJSONKind, has, isObject, type JsonObject } from './json-value.js';
import { patchDecodeError, strategicMergeUnsupported } from './patch-errors.js';
import { SmpError, smpErrors, toStatusError } from './smp-errors.js';
import { elementKind, mergeSlice, normalizeOrder, partition } from './smp-lists.js';
import { elementType, lookupField, type SmpType } from './smp-schema.js';

export interface PatchSchema {
  /** Generated model name of the root kind (e.g. 'V1Deployment'); undefined for custom resources. */
  modelName?: string;
}

const DELETE_PREFIX = '$deleteFromPrimitiveList';
const ORDER_PREFIX = '$setElementOrder';

function isDirectiveKey(k: string): boolean {
  return k === '$patch' || k === '$retainKeys' || k.startsWith(`${DELETE_PREFIX}/`) || k.startsWith(`${ORDER_PREFIX}/`);
}

/** A value the patch introduces: nulls discarded, directive maps and keys dropped. */
function cleanNew(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((item) => !(isObject(item) && has(item, '$patch'))).map(cleanNew);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, item] of Object.entries(v)) {
    if (item === null || isDirectiveKey(k) || (isObject(item) && has(item, '$patch'))) continue;
    out[k] = cleanNew(item);
  }
  return out;
}

/** The field name after a directive prefix (`$setElementOrder/containers` -> `containers`). */
function directiveTarget(key: string, prefix: string, error: () => SmpError): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw error();
  return key.slice(slash + 1);
}

function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!has(patch, '$retainKeys')) return;
  const retain = patch.$retainKeys;
  delete patch.$retainKeys;
  if (!Array.isArray(retain)) throw smpErrors.retainKeysFormat();
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PREFIX) || k.startsWith(ORDER_PREFIX)) continue;
    if (!retain.includes(k)) throw smpErrors.retainKeysFormat();
  }
  for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
}

function asList(v: unknown, present: boolean): unknown[] | undefined {
  if (!present) return undefined;
  if (!Array.isArray(v)) throw smpErrors.other(`expected a []interface {}, but received a ${goJSONKind(v)}`);
  return v;
}

/** Checks that the patch list names items in the same relative order as `$setElementOrder`. */
function checkOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = patchList.filter((v) => {
    if (mergeKey && !isObject(v)) throw smpErrors.other(`expected a map[string]interface {}, but received a ${goJSONKind(v)}`);
    return !(isObject(v) && has(v, '$patch'));
  });
  let o = 0;
  for (const item of items) {
    while (o < order.length && !sameItem(item, order[o], mergeKey)) o++;
    if (o >= order.length) throw smpErrors.other(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${ORDER_PREFIX} list:\n${goFormat(order)}\n`);
    o++;
  }
}

function sameItem(a: unknown, b: unknown, mergeKey: string): boolean {
  if (!mergeKey) return a === b;
  if (!isObject(a) || !has(a, mergeKey)) throw smpErrors.noMergeKey(a, mergeKey);
  if (!isObject(b) || !has(b, mergeKey)) throw smpErrors.noMergeKey(b, mergeKey);
  return a[mergeKey] === b[mergeKey];
}

/** Processes every `$setElementOrder/<field>` together with the patch list of that field. */
function applyElementOrder(original: JsonObject, patch: JsonObject, t: SmpType): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw smpErrors.other(`expected a []interface {}, but received a ${goJSONKind(order)}`);
    const field = directiveTarget(key, ORDER_PREFIX, smpErrors.setElementOrderFormat);
    const originalList = asList(original[field], has(original, field));
    const patchList = asList(patch[field], has(patch, field));
    const meta = lookupField(t, field);
    checkOrderList(patchList ?? [], order, meta.mergeKey);
    let merged: unknown[];
    if (originalList && patchList) merged = mergeList(originalList, patchList, meta.type, meta.strategy, meta.mergeKey, false);
    else if (patchList) merged = cleanNew(patchList) as unknown[];
    else if (originalList) merged = originalList;
    else continue;
    const [named, serverOnly] = partition(merged, order, meta.mergeKey);
    const kind = elementKind(originalList ?? [], patchList ?? []);
    if (!kind) throw smpErrors.other('no elements in any of the given slices');
    original[field] = normalizeOrder(named, serverOnly, order, originalList ?? [], meta.mergeKey, kind);
    delete patch[field];
  }
}

function mergeList(original: unknown[], patch: unknown[], t: SmpType, strategy: string, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (strategy !== 'merge' && !isDeleteList) return cleanNew(patch) as unknown[];
  const item = elementType(t);
  return mergeSlice(original, patch, mergeKey, isDeleteList, (o, p) => mergeMap(o, p, item), cleanNew);
}

type Shape = 'map' | 'list' | string;

function shapeOf(v: unknown): Shape {
  if (Array.isArray(v)) return 'list';
  if (isObject(v)) return 'map';
  return typeof v === 'number' ? (Number.isInteger(v) ? 'int64' : 'float64') : typeof v;
}

function mergeMap(original: JsonObject, patch: JsonObject, t: SmpType): JsonObject {
  if (has(patch, '$patch')) {
    if (patch.$patch === 'replace') { delete patch.$patch; return cleanNew(patch) as JsonObject; }
    if (patch.$patch === 'delete') return {};
    throw smpErrors.badPatchType(patch.$patch, patch);
  }
  applyRetainKeys(original, patch);
  applyElementOrder(original, patch, t);
  for (const rawKey of Object.keys(patch)) {
    const value = patch[rawKey];
    const isDeleteList = rawKey.startsWith(DELETE_PREFIX);
    const key = isDeleteList ? directiveTarget(rawKey, DELETE_PREFIX, smpErrors.primitiveListFormat) : rawKey;
    if (value === null) { delete original[key]; continue; }
    if (!has(original, key) || shapeOf(original[key]) !== shapeOf(value)) {
      if (isDeleteList) continue;
      const cleaned = isObject(value) && has(value, '$patch') ? undefined : cleanNew(value);
      if (cleaned === undefined) delete original[key];
      else original[key] = cleaned;
      continue;
    }
    const meta = lookupField(t, key);
    if (isObject(value)) {
      original[key] = meta.strategy === 'replace' ? cleanNew(value) : mergeMap(original[key] as JsonObject, value, meta.type);
    } else if (Array.isArray(value)) {
      original[key] = mergeList(original[key] as unknown[], value, meta.type, meta.strategy, meta.mergeKey, isDeleteList);
    } else {
      original[key] = value;
    }
  }
  return original;
}

/** Applies a strategic merge patch to a copy of doc, typed by schema.modelName. */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, schema: PatchSchema): unknown {
  if (!schema.modelName) throw strategicMergeUnsupported();
  // A JSON null body decodes into a nil map: nothing to merge.
  if (patch === null) return deepClone(doc);
  if (!isObject(patch)) {
    throw patchDecodeError(`json: cannot unmarshal ${goJSONKind(patch)} into Go value of type map[string]interface {}`);
  }
  const original = isObject(doc) ? deepClone(doc) : {};
  try {
    return mergeMap(original, deepClone(patch), { kind: 'model', name: schema.modelName });
  } catch (err) {
    if (err instanceof SmpError) throw toStatusError(err);
    throw err;
  }
}
