// Path elements of managed-fields sets (structured-merge-diff's fieldpath.PathElement): a struct
// field or map key, an associative-list item by its key fields, a set item by value, or an index.
// Provides the FieldsV1 serialization (`f:name`, `k:{"name":"c"}`, `v:"x"`, `i:0`), the total order
// sets are kept in, and the human form used in conflict messages (`.spec.containers[name="c"]`).
import { isObject } from './json-value.js';

export type PathElement =
  | { kind: 'field'; name: string }
  | { kind: 'key'; fields: [string, unknown][] }
  | { kind: 'value'; value: unknown }
  | { kind: 'index'; index: number };

export type Path = PathElement[];

export function field(name: string): PathElement {
  return { kind: 'field', name };
}

export function keyElement(fields: [string, unknown][]): PathElement {
  return { kind: 'key', fields: [...fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/** JSON as Go's standard library writes it: HTML-sensitive characters escaped. */
export function goJSON(v: unknown): string {
  const text = isObject(v)
    ? `{${Object.keys(v).sort().map((k) => `${goJSON(k)}:${goJSON(v[k])}`).join(',')}}`
    : Array.isArray(v) ? `[${v.map(goJSON).join(',')}]` : JSON.stringify(v ?? null);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function serialize(pe: PathElement): string {
  switch (pe.kind) {
    case 'field': return `f:${pe.name}`;
    case 'key': return `k:{${pe.fields.map(([n, v]) => `${goJSON(n)}:${goJSON(v)}`).join(',')}}`;
    case 'value': return `v:${goJSON(pe.value)}`;
    case 'index': return `i:${pe.index}`;
  }
}

export class FieldsV1Error extends Error {}

export function deserialize(s: string): PathElement {
  if (s.length < 2 || s[1] !== ':') throw new FieldsV1Error(`missing colon: ${s}`);
  const body = s.slice(2);
  try {
    switch (s[0]) {
      case 'f': return field(body);
      case 'v': return { kind: 'value', value: JSON.parse(body) };
      case 'i': return { kind: 'index', index: Number.parseInt(body, 10) };
      case 'k': {
        const obj = JSON.parse(body) as unknown;
        if (!isObject(obj)) throw new FieldsV1Error(`invalid key: ${s}`);
        return keyElement(Object.entries(obj));
      }
      default: throw new FieldsV1Error('unknown path element type');
    }
  } catch (err) {
    if (err instanceof FieldsV1Error) throw err;
    throw new FieldsV1Error((err as Error).message);
  }
}

const RANK = { field: 0, key: 1, value: 2, index: 3 } as const;

function rankOf(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isObject(v)) return 4;
  return 5; // null sorts last
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** structured-merge-diff's total order of values: numbers, strings, bools, lists, maps, null. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return Math.sign(a - (b as number));
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (typeof a === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    for (let i = 0; i < Math.min(a.length, bb.length); i++) {
      const c = compareValues(a[i], bb[i]);
      if (c !== 0) return c;
    }
    return a.length - bb.length;
  }
  if (isObject(a)) return compareStrings(goJSON(a), goJSON(b));
  return 0;
}

export function compareElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  switch (a.kind) {
    case 'field': return compareStrings(a.name, (b as typeof a).name);
    case 'value': return compareValues(a.value, (b as typeof a).value);
    case 'index': return Math.sign(a.index - (b as typeof a).index);
    case 'key': {
      const bf = (b as typeof a).fields;
      for (let i = 0; i < Math.min(a.fields.length, bf.length); i++) {
        const c = compareStrings(a.fields[i]![0], bf[i]![0]) || compareValues(a.fields[i]![1], bf[i]![1]);
        if (c !== 0) return c;
      }
      return a.fields.length - bf.length;
    }
  }
}

/** Go %q / %v rendering used by fieldpath's String(). */
function goValueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goValueString).join(',')}]`;
  if (isObject(v)) return Object.keys(v).sort().map((k) => `${k}=${goValueString(v[k])}`).join('');
  return String(v);
}

export function elementString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field': return `.${pe.name}`;
    case 'key': return `[${pe.fields.map(([n, v]) => `${n}=${goValueString(v)}`).join(',')}]`;
    case 'value': return `[=${goValueString(pe.value)}]`;
    case 'index': return `[${pe.index}]`;
  }
}

export function pathString(path: Path): string {
  return path.map(elementString).join('');
}
