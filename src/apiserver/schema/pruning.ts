// Structural pruning of custom resources (apiextensions-apiserver schema/pruning and the
// unstructuredSchemaCoercer of customresource_handler.go): fields not specified by the schema are
// dropped, except under x-kubernetes-preserve-unknown-fields, and apiVersion/kind/metadata are
// kept at the root and in x-kubernetes-embedded-resource objects. Unknown fields inside metadata
// (root and embedded) are dropped too, as kube's round trip through ObjectMeta does. The returned
// paths feed fieldValidation=Strict|Warn (`unknown field "spec.foo"`). Non-nullable nulls without a
// default are removed as well (PruneNonNullableNullsWithoutDefaults); defaulting is defaulting.ts.
import {
  additionalPropertiesOf, fieldSchema, hasDefault, hasProperty, isEmbedded, isObj, itemsOf, preservesUnknown, propertiesOf,
  type JSONSchemaProps,
} from './schema-types.js';
import { dropUnknownFields } from './strict.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);
const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** The schema values of an object field get when they are not properties. */
function valueSchema(s: JSONSchemaProps, key: string): { known: boolean; schema?: JSONSchemaProps } {
  if (hasProperty(s, key)) return { known: true, schema: propertiesOf(s)[key] };
  const ap = additionalPropertiesOf(s);
  if (ap.kind === 'schema') return { known: true, schema: ap.schema };
  if (ap.kind === 'bool') return { known: true, schema: undefined };
  return { known: false };
}

function prune(x: unknown, s: JSONSchemaProps | undefined, path: string, out: string[]): void {
  if (s && preservesUnknown(s)) { skipPrune(x, s, path, out); return; }
  if (Array.isArray(x)) {
    x.forEach((v, i) => prune(v, s ? itemsOf(s) : undefined, `${path}[${i}]`, out));
    return;
  }
  if (!isObj(x)) return;
  for (const [k, v] of Object.entries(x)) {
    if (!s) { out.push(join(path, k)); delete x[k]; continue; }
    if (isEmbedded(s) && META_FIELDS.has(k)) continue;
    const field = valueSchema(s, k);
    if (field.known) prune(v, field.schema, join(path, k), out);
    else {
      if (!META_FIELDS.has(k) || path !== '') out.push(join(path, k));
      delete x[k];
    }
  }
}

function skipPrune(x: unknown, s: JSONSchemaProps | undefined, path: string, out: string[]): void {
  if (!s) return;
  if (Array.isArray(x)) {
    x.forEach((v, i) => skipPrune(v, itemsOf(s), `${path}[${i}]`, out));
    return;
  }
  if (!isObj(x)) return;
  for (const [k, v] of Object.entries(x)) {
    if (isEmbedded(s) && META_FIELDS.has(k)) continue;
    const field = valueSchema(s, k);
    if (field.known) prune(v, field.schema, join(path, k), out);
  }
}

/** field.Path rendering used for embedded metadata: properties as `.k`, map keys as `[k]`. */
function coerceEmbedded(x: unknown, s: JSONSchemaProps | undefined, path: string, out: string[]): void {
  if (!s) return;
  if (Array.isArray(x)) {
    x.forEach((v, i) => coerceEmbedded(v, itemsOf(s), `${path}[${i}]`, out));
    return;
  }
  if (!isObj(x)) return;
  if (isEmbedded(s) && isObj(x.metadata)) out.push(...dropUnknownFields('V1ObjectMeta', x.metadata, join(path, 'metadata')));
  for (const [k, v] of Object.entries(x)) {
    if (hasProperty(s, k)) coerceEmbedded(v, propertiesOf(s)[k], join(path, k), out);
    else {
      const ap = additionalPropertiesOf(s);
      if (ap.kind === 'schema') coerceEmbedded(v, ap.schema, `${path}[${k}]`, out);
    }
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The bare pruning algorithm on any value; `isResourceRoot` keeps apiVersion/kind/metadata. */
export function pruneWithSchema(x: unknown, schema: JSONSchemaProps | undefined, isResourceRoot: boolean): string[] {
  const s = isResourceRoot ? { ...(schema ?? {}), 'x-kubernetes-embedded-resource': true } : schema;
  const out: string[] = [];
  prune(x, s, '', out);
  return out.sort(byteOrder);
}

/**
 * Prunes a custom resource in place against its version's schema; returns the paths removed, in
 * kube's order: root metadata first, then the schema-pruned fields sorted, then embedded metadata.
 */
export function pruneUnknownFields(schema: JSONSchemaProps | undefined, obj: Record<string, unknown>): string[] {
  const metaPaths = isObj(obj.metadata) ? dropUnknownFields('V1ObjectMeta', obj.metadata, 'metadata') : [];
  const pruned = pruneWithSchema(obj, schema, true);
  const embedded: string[] = [];
  coerceEmbedded(obj, schema, '', embedded);
  embedded.sort(byteOrder);
  return [...metaPaths, ...pruned, ...embedded];
}

/** Drops null values where the schema says neither nullable nor default (they would be invalid). */
export function pruneNonNullableNulls(x: unknown, s: JSONSchemaProps | undefined): void {
  if (Array.isArray(x)) {
    const items = itemsOf(s);
    x.forEach((v) => pruneNonNullableNulls(v, items));
    return;
  }
  if (!isObj(x)) return;
  for (const [k, v] of Object.entries(x)) {
    const sub = fieldSchema(s, k);
    if (v === null && sub && sub.nullable !== true && !hasDefault(sub)) delete x[k];
    else pruneNonNullableNulls(v, sub);
  }
}
