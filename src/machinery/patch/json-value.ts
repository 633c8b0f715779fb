// Small helpers over plain JSON values (API objects as decoded from JSON/YAML), shared by the
// patch and apply implementations. Nothing here knows about Kubernetes types.

import { isObject, type JsonObject } from '../json.js';

export { isObject, type JsonObject };

/** Own-property membership (never the prototype chain, so "constructor" is an ordinary key). */
export function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The Go JSON type name encoding/json uses in unmarshal errors ("object", "array", "number", ...). */
export function goJSONKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return 'object';
}

/** Deep equality of JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ak = Object.keys(a);
  const bo = b as JsonObject;
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual((a as JsonObject)[k], bo[k]));
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

/**
 * Go's fmt %v rendering of a decoded JSON value (map[a:1 b:[x y]]), which kube embeds in some
 * strategic-merge-patch error messages. Map keys are printed sorted, as Go does.
 */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  }
  return String(v);
}
