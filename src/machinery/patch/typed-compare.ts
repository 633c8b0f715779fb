// Comparison of two typed values (structured-merge-diff's Compare): the paths added, modified and
// removed going from lhs to rhs. Leaves (scalars, atomic lists/maps, and maps or lists empty on
// both sides) are modified when their values differ; granular maps and lists recurse, and a
// granular node present on one side only is itself added or removed along with its contents.
// Duplicate list items are compared as a whole.
import { field, type Path, type PathElement } from './field-path.js';
import { FieldSet } from './field-set.js';
import { isObject, jsonEqual } from './json-value.js';
import { memberType, resolve, type ListType, type SsaType } from './ssa-schema.js';
import { itemElements } from './typed-fieldset.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const ABSENT = undefined;

function isEmptyish(v: unknown): boolean {
  if (v === ABSENT || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

function compareLeaf(lhs: unknown, rhs: unknown, path: Path, c: Comparison): void {
  if (lhs === ABSENT) c.added.insert(path);
  else if (rhs === ABSENT) c.removed.insert(path);
  else if (!jsonEqual(lhs, rhs)) c.modified.insert(path);
}

function walk(lhs: unknown, rhs: unknown, type: SsaType, path: Path, c: Comparison): void {
  const sample = rhs === ABSENT ? lhs : rhs;
  const t = resolve(type, sample);
  const granularMap = t.kind === 'map' && !t.atomic && (isObject(lhs) || isObject(rhs));
  const granularList = t.kind === 'list' && t.listType !== 'atomic' && (Array.isArray(lhs) || Array.isArray(rhs));
  const shapesAgree = lhs === ABSENT || rhs === ABSENT || lhs === null || rhs === null
    || (Array.isArray(lhs) === Array.isArray(rhs) && isObject(lhs) === isObject(rhs));
  if (!shapesAgree || (!granularMap && !granularList) || (isEmptyish(lhs) && isEmptyish(rhs))) {
    compareLeaf(lhs, rhs, path, c);
    return;
  }
  if (granularMap && t.kind === 'map') {
    const l = isObject(lhs) ? lhs : {};
    const r = isObject(rhs) ? rhs : {};
    for (const k of new Set([...Object.keys(l), ...Object.keys(r)])) {
      const ft = memberType(t, k);
      const childPath = [...path, field(k)];
      if (!ft) { compareLeaf(l[k], r[k], childPath, c); continue; }
      walk(l[k], r[k], ft, childPath, c);
    }
  } else if (t.kind === 'list') {
    compareItems(Array.isArray(lhs) ? lhs : [], Array.isArray(rhs) ? rhs : [], t, path, c);
  }
  if (lhs === ABSENT) c.added.insert(path);
  else if (rhs === ABSENT) c.removed.insert(path);
}

function group(items: unknown[], t: ListType, path: Path, into: Map<string, { pe: PathElement; l: unknown[]; r: unknown[] }>, side: 'l' | 'r'): void {
  const pes = itemElements(t, items, path);
  pes.forEach((pe, i) => {
    const id = JSON.stringify(pe);
    let g = into.get(id);
    if (!g) { g = { pe, l: [], r: [] }; into.set(id, g); }
    g[side].push(items[i]);
  });
}

function compareItems(lhs: unknown[], rhs: unknown[], t: ListType, path: Path, c: Comparison): void {
  const groups = new Map<string, { pe: PathElement; l: unknown[]; r: unknown[] }>();
  group(lhs, t, path, groups, 'l');
  group(rhs, t, path, groups, 'r');
  for (const { pe, l, r } of groups.values()) {
    const childPath = [...path, pe];
    if (l.length <= 1 && r.length <= 1) {
      walk(l[0], r[0], t.items, childPath, c);
    } else if (l.length >= 2 && r.length >= 2) {
      if (l.length !== r.length || !l.every((v, i) => jsonEqual(v, r[i]))) c.modified.insert(childPath);
    } else if (l.length >= 2) {
      if (r.length > 0) walk(ABSENT, r[0], t.items, childPath, c);
      c.removed.insert(childPath);
    } else {
      if (l.length > 0) walk(l[0], ABSENT, t.items, childPath, c);
      c.added.insert(childPath);
    }
  }
}

export function compareTyped(lhs: unknown, rhs: unknown, type: SsaType): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(lhs, rhs, type, [], c);
  return c;
}

/** Drops the paths under any member of `ignored` from every part of a comparison. */
export function filterComparison(c: Comparison, ignored: FieldSet): Comparison {
  return {
    added: c.added.recursiveDifference(ignored),
    modified: c.modified.recursiveDifference(ignored),
    removed: c.removed.recursiveDifference(ignored),
  };
}
