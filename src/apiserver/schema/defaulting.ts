// Structural defaulting of custom resources (apiextensions-apiserver schema/defaulting/algorithm):
// a property missing from an object, or null where the schema is not nullable, gets a deep copy of
// its `default`; array items and additionalProperties values that are non-nullable nulls get their
// schema's default. Defaults are applied top-down, so a defaulted object is itself defaulted.
// It also offers the full decode-time pipeline kube runs on a custom resource (coerceCustomObject).
import { pruneNonNullableNulls, pruneUnknownFields } from './pruning.js';
import { additionalPropertiesOf, deepCopy, hasDefault, isObj, itemsOf, propertiesOf, type JSONSchemaProps } from './schema-types.js';

function isNonNullableNull(v: unknown, s: JSONSchemaProps | undefined): boolean {
  return v === null && s !== undefined && s.nullable !== true;
}

/** Applies the schema's defaults to a decoded object, in place. */
export function applyDefaults(schema: JSONSchemaProps | undefined, obj: unknown): void {
  if (!schema) return;
  if (Array.isArray(obj)) {
    const items = itemsOf(schema);
    obj.forEach((v, i) => {
      if (isNonNullableNull(v, items) && hasDefault(items)) obj[i] = deepCopy(items!.default);
      applyDefaults(items, obj[i]);
    });
    return;
  }
  if (!isObj(obj)) return;
  const props = propertiesOf(schema);
  for (const [k, prop] of Object.entries(props)) {
    if (!hasDefault(prop)) continue;
    if (!(k in obj) || isNonNullableNull(obj[k], prop)) obj[k] = deepCopy(prop.default);
  }
  const ap = additionalPropertiesOf(schema);
  for (const k of Object.keys(obj)) {
    if (Object.prototype.hasOwnProperty.call(props, k)) {
      applyDefaults(props[k], obj[k]);
    } else if (ap.kind === 'schema') {
      if (isNonNullableNull(obj[k], ap.schema) && hasDefault(ap.schema)) obj[k] = deepCopy(ap.schema.default);
      applyDefaults(ap.schema, obj[k]);
    }
  }
}

/**
 * What decoding a custom resource does before validation, in kube's order: prune unknown fields
 * (returned, for fieldValidation), drop non-nullable nulls without default, apply defaults.
 */
export function coerceCustomObject(schema: JSONSchemaProps | undefined, obj: Record<string, unknown>): string[] {
  const unknown = pruneUnknownFields(schema, obj);
  pruneNonNullableNulls(obj, schema);
  applyDefaults(schema, obj);
  return unknown;
}
