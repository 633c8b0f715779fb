// RFC 7386 JSON merge patch (application/merge-patch+json) as kube-apiserver applies it: the body
// is first decoded into a map (so anything but an object or null is a 400 "error decoding patch"),
// a null body is "Invalid JSON Patch", and the merge follows the vendored json-patch library:
// nulls delete members, objects merge recursively, everything else replaces, and nulls nested in
// newly added objects are pruned (nulls directly inside arrays are kept).
import { deepClone, goJSONKind, isObject, type JsonObject } from './json-value.js';
import { patchDecodeError } from './patch-errors.js';

/** Removes null members from objects, recursing through objects and arrays. */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((item) => (item === null ? null : pruneNulls(item)));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, item] of Object.entries(v)) if (item !== null) out[k] = pruneNulls(item);
  return out;
}

function mergeValue(current: unknown, patch: unknown): unknown {
  if (!isObject(current)) return pruneNulls(patch);
  // A non-object patch value replaces the object untouched (not even pruned), like the library.
  if (!isObject(patch)) return deepClone(patch);
  return mergeObjects(current, patch);
}

function mergeObjects(doc: JsonObject, patch: JsonObject): JsonObject {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
    } else if (!Object.prototype.hasOwnProperty.call(doc, k) || doc[k] === null) {
      doc[k] = pruneNulls(v);
    } else {
      doc[k] = mergeValue(doc[k], v);
    }
  }
  return doc;
}

/** Applies a JSON merge patch to a copy of doc; throws kube's StatusErrors for bad bodies. */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (patch === null) throw patchDecodeError('Invalid JSON Patch');
  if (!isObject(patch)) {
    throw patchDecodeError(`error decoding patch: json: cannot unmarshal ${goJSONKind(patch)} into Go value of type map[string]interface {}`);
  }
  if (!isObject(doc)) return pruneNulls(patch);
  return mergeObjects(deepClone(doc), patch);
}
