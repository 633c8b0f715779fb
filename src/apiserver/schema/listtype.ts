// The x-kubernetes-list-type invariants of custom resources (apiextensions-apiserver
// schema/listtype): items of a `set` list must be unique, items of a `map` list must be objects
// with unique key tuples. Like kube, only the second occurrence of each repeated value is
// reported (`spec.ports[2]: Duplicate value: map[string]interface {}{"port":80}`). Paths use
// field.Path notation: properties `.k`, map keys `[k]`, indices `[i]`.
import type { FieldError } from '../../machinery/errors.js';
import { child, duplicate, index, invalid, key } from '../../machinery/validation/field.js';
import { goJSON } from './openapi-errors.js';
import { additionalPropertiesOf, hasProperty, isObj, itemsOf, propertiesOf, type JSONSchemaProps } from './schema-types.js';

const UNSPECIFIED = Symbol('unspecified key');

/** Indices of the second occurrence of each value seen more than once. */
function secondOccurrences(values: unknown[]): number[] {
  const counts = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const id = v === UNSPECIFIED ? '\0unspecified' : `${typeof v}:${goJSON(v)}`;
    const n = counts.get(id) ?? 0;
    counts.set(id, n + 1);
    if (n === 1) out.push(i);
  });
  return out;
}

function validateListMap(path: string, s: JSONSchemaProps, list: unknown[]): FieldError[] {
  const bad = list.findIndex((x) => x !== null && !isObj(x));
  if (bad >= 0) return [invalid(index(path, bad), list[bad], 'must be an object for an array of list-type map')];
  if (list.length <= 1) return [];
  const keyFields = s['x-kubernetes-list-map-keys'] ?? [];
  if (keyFields.length === 1) {
    const field = keyFields[0]!;
    const keys = list.map((x) => (isObj(x) && field in x ? x[field] : UNSPECIFIED));
    return secondOccurrences(keys).map((i) => duplicate(index(path, i), keys[i] === UNSPECIFIED ? {} : { [field]: keys[i] }));
  }
  const tuples = list.map((x) => {
    const t: Record<string, unknown> = {};
    if (isObj(x)) for (const f of keyFields) if (f in x) t[f] = x[f];
    return t;
  });
  return secondOccurrences(tuples).map((i) => duplicate(index(path, i), tuples[i]));
}

function validateArray(path: string, s: JSONSchemaProps, list: unknown[]): FieldError[] {
  const errs: FieldError[] = [];
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'set') {
    errs.push(...secondOccurrences(list).map((i) => duplicate(index(path, i), list[i])));
  } else if (listType === 'map') {
    errs.push(...validateListMap(path, s, list));
  }
  const items = itemsOf(s);
  if (items) list.forEach((v, i) => errs.push(...validateNode(index(path, i), items, v)));
  return errs;
}

function validateNode(path: string, s: JSONSchemaProps, v: unknown): FieldError[] {
  if (Array.isArray(v)) return validateArray(path, s, v);
  if (isObj(v)) return validateListSetsAndMaps(path, s, v);
  return [];
}

/** Checks every list-type set/map list reachable from an object. */
export function validateListSetsAndMaps(path: string, s: JSONSchemaProps | undefined, obj: Record<string, unknown>): FieldError[] {
  if (!s) return [];
  const errs: FieldError[] = [];
  const ap = additionalPropertiesOf(s);
  if (ap.kind === 'schema') {
    for (const [k, v] of Object.entries(obj)) errs.push(...validateNode(key(path, k), ap.schema, v));
  }
  for (const [k, v] of Object.entries(obj)) {
    if (hasProperty(s, k)) errs.push(...validateNode(child(path, k), propertiesOf(s)[k]!, v));
  }
  return errs;
}
