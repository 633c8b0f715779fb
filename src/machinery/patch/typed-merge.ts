// The merge server-side apply performs (structured-merge-diff's Merge): the applied configuration
// (rhs) is merged into the live object (lhs). Leaves take the applied value; granular maps merge key
// by key; associative lists merge items by key, ordered so that the applied items keep their
// relative order while live-only items stay near their neighbours (the same walk as upstream).
// Atomic lists and maps are replaced as a whole.
import { field, pathString, type Path, type PathElement } from './field-path.js';
import { deepClone, isObject, type JsonObject } from './json-value.js';
import { memberType, resolve, type ListType, type SsaType } from './ssa-schema.js';
import { itemElements, SsaValueError } from './typed-fieldset.js';

const ABSENT = undefined;

function isEmptyish(v: unknown): boolean {
  if (v === ABSENT || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

function merge(lhs: unknown, rhs: unknown, type: SsaType, path: Path): unknown {
  const t = resolve(type, rhs === ABSENT ? lhs : rhs);
  const granularMap = t.kind === 'map' && !t.atomic && isObject(lhs) && (isObject(rhs) || rhs === null);
  const granularList = t.kind === 'list' && t.listType !== 'atomic' && Array.isArray(lhs) && (Array.isArray(rhs) || rhs === null);
  if (lhs === ABSENT || rhs === ABSENT || (!granularMap && !granularList) || (isEmptyish(lhs) && isEmptyish(rhs))) {
    return deepClone(rhs === ABSENT ? lhs : rhs);
  }
  if (t.kind === 'map') return mergeMaps(lhs as JsonObject, isObject(rhs) ? rhs : {}, t, path);
  return mergeLists(lhs as unknown[], Array.isArray(rhs) ? rhs : [], t as ListType, path);
}

function mergeMaps(lhs: JsonObject, rhs: JsonObject, t: Extract<SsaType, { kind: 'map' }>, path: Path): JsonObject {
  const out: JsonObject = {};
  for (const k of new Set([...Object.keys(lhs), ...Object.keys(rhs)])) {
    const ft = memberType(t, k);
    const l = Object.prototype.hasOwnProperty.call(lhs, k) ? lhs[k] : ABSENT;
    const r = Object.prototype.hasOwnProperty.call(rhs, k) ? rhs[k] : ABSENT;
    out[k] = ft ? merge(l, r, ft, [...path, field(k)]) : deepClone(r === ABSENT ? l : r);
  }
  return out;
}

function idOf(pe: PathElement): string {
  return JSON.stringify(pe);
}

function mergeLists(lhs: unknown[], rhs: unknown[], t: ListType, path: Path): unknown[] {
  const lPEs = itemElements(t, lhs, path).map(idOf);
  const rElements = itemElements(t, rhs, path);
  const rPEs = rElements.map(idOf);
  const rValue = new Map<string, unknown>();
  rPEs.forEach((id, i) => {
    if (rValue.has(id)) throw new SsaValueError(pathString(path), `duplicate entries for key ${pathString([rElements[i]!])}`);
    rValue.set(id, rhs[i]);
  });
  const lValue = new Map<string, unknown>();
  lPEs.forEach((id, i) => lValue.set(id, lValue.has(id) ? null : lhs[i]));
  const shared = rPEs.filter((id) => lValue.has(id));
  let next = shared.shift();
  const done = new Set<string>();
  const out: unknown[] = [];
  const item = (l: unknown, r: unknown, pe: PathElement) => out.push(merge(l, r, t.items, [...path, pe]));
  let li = 0;
  let ri = 0;
  while (li < lPEs.length || ri < rPEs.length) {
    if (li < lPEs.length && ri < rPEs.length) {
      const id = lPEs[li]!;
      if (id === rPEs[ri]) {
        done.add(id);
        item(lValue.get(id), rValue.get(id), rElements[ri]!);
        li++; ri++;
        next = shared.shift();
        continue;
      }
      if (rValue.has(id) && next !== undefined && next !== id) { li++; continue; }
    }
    if (li < lPEs.length) {
      const id = lPEs[li]!;
      if (!rValue.has(id)) { out.push(deepClone(lhs[li])); li++; continue; }
      if (done.has(id)) li++;
    }
    if (ri < rPEs.length) {
      const id = rPEs[ri]!;
      done.add(id);
      item(lValue.has(id) ? lValue.get(id) : ABSENT, rValue.get(id), rElements[ri]!);
      ri++;
      if (next === id) next = shared.shift();
    }
  }
  return out;
}

/** live merged with the applied configuration, typed by `type`. */
export function mergeTyped(live: unknown, applied: unknown, type: SsaType): unknown {
  return merge(live, applied, type, []);
}
