// Field sets of typed values (structured-merge-diff's ToFieldSet and list-item identities): which
// paths an object sets, as a server-side applier comes to own them. Scalars, atomic lists and
// atomic maps are leaves; list items are members by key (`k:`) or value (`v:`); map entries are
// members when undeclared (labels.app), null or empty; struct fields with content are only parents.
import { field, keyElement, pathString, type Path, type PathElement } from './field-path.js';
import { FieldSet } from './field-set.js';
import { isObject } from './json-value.js';
import { memberType, resolve, type ListType, type MapType, type SsaType } from './ssa-schema.js';

/** A value that does not fit its schema (structured-merge-diff's ValidationError). */
export class SsaValueError extends Error {
  constructor(readonly path: string, readonly detail: string) {
    super(path ? `${path}: ${detail}` : detail);
  }
}

/** The identity of a list item: its key fields, or for sets its value. */
export function itemElement(list: ListType, item: unknown): PathElement {
  if (list.keys.length > 0) {
    if (item === null) throw new Error('associative list with keys may not have a null element');
    if (!isObject(item)) throw new Error('associative list with keys may not have non-map elements');
    const fields: [string, unknown][] = [];
    for (const k of list.keys) {
      if (Object.prototype.hasOwnProperty.call(item, k)) fields.push([k, item[k]]);
      else if (list.keyDefault(k) !== undefined) fields.push([k, list.keyDefault(k)]);
      else throw new Error(`associative list with keys has an element that omits key field "${k}" (and doesn't have default value)`);
    }
    return keyElement(fields);
  }
  if (isObject(item)) throw new Error("associative list without keys has an element that's a map type");
  if (Array.isArray(item)) throw new Error('not supported: associative list with lists as elements');
  if (item === null) throw new Error("associative list without keys has an element that's an explicit null");
  return { kind: 'value', value: item };
}

/** Item identities of a granular list, with errors prefixed like kube's ("element 0: ..."). */
export function itemElements(list: ListType, items: unknown[], path: Path): PathElement[] {
  return items.map((item, i) => {
    try {
      return itemElement(list, item);
    } catch (err) {
      throw new SsaValueError(pathString(path), `element ${i}: ${(err as Error).message}`);
    }
  });
}

export function isGranularList(t: SsaType): t is ListType {
  return t.kind === 'list' && t.listType !== 'atomic';
}

export function isGranularMap(t: SsaType): t is MapType {
  return t.kind === 'map' && !t.atomic;
}

function isEmptyMap(v: unknown): boolean {
  return isObject(v) && Object.keys(v).length === 0;
}

interface WalkOptions {
  /** Reject repeated list keys, as validating an applied configuration does. */
  rejectDuplicates: boolean;
}

function walk(value: unknown, type: SsaType, path: Path, out: FieldSet, opts: WalkOptions): void {
  const t = resolve(type, value);
  if (t.kind === 'list' && Array.isArray(value)) {
    if (t.listType === 'atomic') { out.insert(path); return; }
    walkItems(value, t, path, out, opts);
  } else if (t.kind === 'map' && isObject(value)) {
    if (t.atomic) { out.insert(path); return; }
    for (const [k, v] of Object.entries(value)) {
      const childPath = [...path, field(k)];
      const declared = t.field(k) !== undefined;
      const ft = memberType(t, k);
      if (ft) walk(v, ft, childPath, out, opts);
      if (v === null || isEmptyMap(v) || !declared) out.insert(childPath);
    }
  } else if (t.kind === 'list' || t.kind === 'map') {
    // null or mistyped: a leaf when it is the whole value, otherwise its parent records it.
    if (t.kind === 'list' && t.listType === 'atomic') out.insert(path);
    if (t.kind === 'map' && t.atomic) out.insert(path);
  } else {
    out.insert(path);
  }
}

function walkItems(items: unknown[], t: ListType, path: Path, out: FieldSet, opts: WalkOptions): void {
  const pes = itemElements(t, items, path);
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const pe of pes) {
    const id = JSON.stringify(pe);
    if (seen.has(id)) {
      if (opts.rejectDuplicates) throw new SsaValueError(pathString(path), `duplicate entries for key ${pathString([pe])}`);
      dup.add(id);
    }
    seen.add(id);
  }
  pes.forEach((pe, i) => {
    const childPath = [...path, pe];
    if (dup.has(JSON.stringify(pe))) { out.insert(childPath); return; }
    walk(items[i], t.items, childPath, out, opts);
    out.insert(childPath);
  });
}

/** The set of paths `value` sets, typed by `type`. */
export function toFieldSet(value: unknown, type: SsaType, rejectDuplicates = false): FieldSet {
  const out = new FieldSet();
  walk(value, type, [], out, { rejectDuplicates });
  return out;
}

/** Adds declared struct fields that lead to members as members themselves (fieldpath's helper). */
export function ensureNamedFieldsAreMembers(set: FieldSet, type: SsaType): FieldSet {
  const out = new FieldSet();
  for (const [k, pe] of set.members) out.members.set(k, pe);
  for (const [k, c] of set.children) {
    let childType: SsaType | undefined;
    if (type.kind === 'map') {
      if (c.pe.kind === 'field' && type.field(c.pe.name) !== undefined) out.members.set(k, c.pe);
      childType = c.pe.kind === 'field' ? memberType(type, c.pe.name) : undefined;
    } else if (type.kind === 'list' && c.pe.kind !== 'field') {
      childType = type.items;
    }
    const sub = childType ? ensureNamedFieldsAreMembers(c.set, childType) : c.set.clone();
    out.children.set(k, { pe: c.pe, set: sub });
  }
  return out;
}
