// List handling of strategic merge patch (strategicpatch mergeSlice and friends): merging lists of
// maps by their merge key, unions of primitive lists, `$patch: delete|replace` list items,
// `$deleteFromPrimitiveList` and the ordering rules kube applies afterwards: items named by the
// patch (or by `$setElementOrder`) keep the patch's order and are interleaved with server-only items
// by the server's order. New items therefore land before server-only ones, as on a real cluster.
import { goFormat, has, isObject, type JsonObject } from './json-value.js';
import { smpErrors } from './smp-errors.js';

export type ItemKind = 'map' | 'scalar';

/** Go's reflect type of a decoded JSON value, as far as list homogeneity checks care. */
function goType(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return 'slice';
  if (isObject(v)) return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v;
}

/** The common element kind of the given lists (sliceElementType); undefined when all are empty. */
export function elementKind(...lists: unknown[][]): ItemKind | undefined {
  let prev: string | undefined;
  let seen = false;
  for (const list of lists) {
    for (const v of list) {
      const t = goType(v);
      if (!seen) {
        seen = true;
        prev = t;
        if (t === 'slice') throw smpErrors.listOfLists();
      } else if (t !== prev) {
        throw smpErrors.other(`list element types are not identical: [${lists.map((l) => goFormat(l)).join(' ')}]`);
      }
    }
  }
  if (!seen) return undefined;
  return prev === 'map' ? 'map' : 'scalar';
}

function identity(item: unknown, mergeKey: string, kind: ItemKind): unknown {
  return kind === 'map' ? (isObject(item) ? item[mergeKey] : undefined) : item;
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: ItemKind): number {
  const id = identity(item, mergeKey, kind);
  return list.findIndex((v) => identity(v, mergeKey, kind) === id);
}

function requireMergeKey(lists: unknown[][], mergeKey: string): void {
  for (const list of lists) {
    for (const v of list) {
      if (!isObject(v) || !has(v, mergeKey)) throw smpErrors.noMergeKey(v, mergeKey);
    }
  }
}

/** Sorts `items` by their position in `order`; `$patch: delete` items go last. */
function sortByOrder(items: unknown[], order: unknown[], mergeKey: string, kind: ItemKind): unknown[] {
  let keep = items;
  let deletions: unknown[] = [];
  if (kind === 'map') {
    requireMergeKey([items, order], mergeKey);
    keep = items.filter((v) => (v as JsonObject).$patch !== 'delete');
    deletions = items.filter((v) => (v as JsonObject).$patch === 'delete');
  }
  const ranked = keep.map((item, i) => ({ item, i, at: indexIn(order, item, mergeKey, kind) }));
  ranked.sort((a, b) => (a.at >= 0 && b.at >= 0 && a.at !== b.at ? a.at - b.at : a.i - b.i));
  return [...ranked.map((r) => r.item), ...deletions];
}

/**
 * Interleaves server-only items into the patch-ordered items: a server-only item goes first only
 * when both it and the next patch item exist on the server and it came earlier there.
 */
function interleave(serverOnly: unknown[], patchItems: unknown[], serverOrder: unknown[], mergeKey: string, kind: ItemKind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) { out.push(patchItems[j++]); continue; }
    if (j >= patchItems.length) { out.push(serverOnly[i++]); continue; }
    const li = indexIn(serverOrder, serverOnly[i], mergeKey, kind);
    const ri = indexIn(serverOrder, patchItems[j], mergeKey, kind);
    if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
    else out.push(patchItems[j++]);
  }
  return out;
}

export function normalizeOrder(
  patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: ItemKind,
): unknown[] {
  const sortedPatch = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const sortedServer = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return interleave(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
}

/** Splits `merged` into the items present in `by` (by merge key, or by value) and the rest. */
export function partition(merged: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of merged) {
    let present: boolean;
    if (mergeKey) {
      if (!isObject(v)) throw smpErrors.other(`expected a map[string]interface {}, but received a ${typeof v}`);
      if (!has(v, mergeKey)) throw smpErrors.noMergeKey(v, mergeKey);
      present = findByKey(by, mergeKey, v[mergeKey]) >= 0;
    } else {
      present = by.some((b) => b === v);
    }
    (present ? inBy : rest).push(v);
  }
  return [inBy, rest];
}

export function findByKey(list: unknown[], mergeKey: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isObject(v)) throw smpErrors.other(`value for key ${i} is not a map`);
    if (has(v, mergeKey) && v[mergeKey] === value) return i;
  }
  return -1;
}

function dedupe(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (!out.some((o) => o === v)) out.push(v);
  return out;
}

/**
 * Applies `$patch: delete` and `$patch: replace` items: returns the original to merge into and the
 * remaining plain patch items (a replace makes the plain items the whole list, cleaned).
 */
function applySpecialItems(original: unknown[], patch: unknown[], mergeKey: string, cleanNew: CleanNew): [unknown[], unknown[]] {
  let current = original;
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!has(item, '$patch')) { plain.push(v); continue; }
    switch (item.$patch) {
      case 'delete':
        if (!has(item, mergeKey)) throw smpErrors.noMergeKey(item, mergeKey);
        current = current.filter((o) => findByKey([o], mergeKey, item[mergeKey]) < 0);
        break;
      case 'replace': replace = true; break;
      case 'merge': throw smpErrors.mergeDirectiveInList();
      default: throw smpErrors.badPatchType(item.$patch, item);
    }
  }
  return replace ? [plain.map(cleanNew), []] : [current, plain];
}

export type MergeItem = (original: JsonObject, patch: JsonObject) => JsonObject;
export type CleanNew = (value: unknown) => unknown;

/** strategicpatch mergeSlice for a list whose strategy is merge (or a $deleteFromPrimitiveList list). */
export function mergeSlice(
  original: unknown[], patch: unknown[], mergeKey: string, isDeleteList: boolean, mergeItem: MergeItem, cleanNew: CleanNew,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch)!;
  let merged: unknown[];
  let base = original;
  let plain = patch;
  if (kind === 'scalar') {
    if (isDeleteList) return original.filter((v) => !patch.some((p) => p === v));
    merged = dedupe([...original, ...patch]);
  } else {
    if (!mergeKey) throw smpErrors.other('cannot merge lists without merge key');
    [base, plain] = applySpecialItems(original, patch, mergeKey, cleanNew);
    merged = [...base];
    for (const v of plain) {
      const item = v as JsonObject;
      if (!has(item, mergeKey)) throw smpErrors.noMergeKey(item, mergeKey);
      const at = findByKey(merged, mergeKey, item[mergeKey]);
      if (at >= 0) merged[at] = mergeItem(merged[at] as JsonObject, item);
      else merged.push(cleanNew(item));
    }
  }
  const [patchItems, serverOnly] = partition(merged, plain, kind === 'map' ? mergeKey : '');
  return normalizeOrder(patchItems, serverOnly, plain, base, kind === 'map' ? mergeKey : '', kind);
}
