// Narrowing helpers for plain JSON values (API objects are untyped below their metadata), shared
// so that every layer reads nested fields the same way.
export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value when it is a JSON object, else an empty one (for reading optional nested fields). */
export function asObject(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}
