// RFC 6902 JSON patch as kube-apiserver applies it (application/json-patch+json). The body is first
// decoded into kube's own operation struct (400 "error decoding patch: ..." for wrong shapes), then
// applied with the semantics of the json-patch library kube vendors, which differ from a strict
// RFC reading in a few observable ways that we keep:
//   - `replace` of a missing object member adds it (only array indices are bounds-checked);
//   - negative array indices count from the end;
//   - `test` of a missing member against null succeeds.
// Any failing operation is a 422 with a fixed message (see patch-errors.ts). The mutation itself is
// done by fast-json-patch once the operation has been checked and its path normalised.
import jsonpatch from 'fast-json-patch';
import type { Operation as LibOperation } from 'fast-json-patch';
import { deepClone, goJSONKind, isObject, jsonEqual } from './json-value.js';
import { jsonPatchApplyError, patchDecodeError, tooManyOperations } from './patch-errors.js';

const MAX_OPERATIONS = 10000;

interface Operation {
  op?: string;
  path?: string;
  from?: string;
  value?: unknown;
  hasValue: boolean;
}

/** Mirrors the strict decode into []jsonPatchOp: only type mismatches are errors. */
function decodeOperations(patch: unknown): Operation[] {
  if (patch === null) return [];
  if (!Array.isArray(patch)) {
    throw patchDecodeError(`error decoding patch: json: cannot unmarshal ${goJSONKind(patch)} into Go value of type []handlers.jsonPatchOp`);
  }
  return patch.map((raw) => {
    if (raw === null) return { hasValue: false };
    if (!isObject(raw)) {
      throw patchDecodeError(`error decoding patch: json: cannot unmarshal ${goJSONKind(raw)} into Go value of type handlers.jsonPatchOp`);
    }
    for (const field of ['op', 'path', 'from'] as const) {
      const v = raw[field];
      if (v !== undefined && v !== null && typeof v !== 'string') {
        throw patchDecodeError(`error decoding patch: json: cannot unmarshal ${goJSONKind(v)} into Go struct field jsonPatchOp.${field} of type string`);
      }
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return {
      op: str(raw.op),
      path: str(raw.path),
      from: str(raw.from),
      value: raw.value,
      hasValue: Object.prototype.hasOwnProperty.call(raw, 'value'),
    };
  });
}

class ApplyFailure extends Error {}

function fail(why: string): never {
  throw new ApplyFailure(why);
}

function decodeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function encodeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Target {
  container: unknown;
  key: string;
  /** Pointer to the parent container with every array index normalised. */
  parentPointer: string;
}

function parseIndex(key: string): number | undefined {
  return /^-?\d+$/.test(key) ? Number(key) : undefined;
}

/** Finds the container holding the last path token, the way the vendored library does. */
function locate(doc: unknown, path: string): Target {
  const tokens = path.split('/');
  if (tokens.length < 2) fail(`doc is missing path: "${path}"`);
  let current = doc;
  let pointer = '';
  for (const raw of tokens.slice(1, -1)) {
    const key = decodeToken(raw);
    if (Array.isArray(current)) {
      const i = normaliseIndex(current.length, key, false);
      current = current[i];
      pointer += `/${i}`;
    } else if (isObject(current) && Object.prototype.hasOwnProperty.call(current, key) && current[key] !== null) {
      current = current[key];
      pointer += `/${encodeToken(key)}`;
    } else {
      fail(`doc is missing path: "${path}"`);
    }
    if (!Array.isArray(current) && !isObject(current)) fail(`doc is missing path: "${path}"`);
  }
  return { container: current, key: decodeToken(tokens[tokens.length - 1]!), parentPointer: pointer };
}

/** Resolves an array index; `insert` allows one past the end, as add does. */
function normaliseIndex(length: number, key: string, insert: boolean): number {
  const size = insert ? length + 1 : length;
  let i = parseIndex(key);
  if (i === undefined) fail(`invalid array index ${key}`);
  if (i < 0) {
    if (i < -size) fail(`Unable to access invalid index: ${i}`);
    i += size;
  }
  if (i >= size) fail(`Unable to access invalid index: ${i}`);
  return i;
}

function childPointer(t: Target, key: string | number): string {
  return `${t.parentPointer}/${typeof key === 'number' ? key : encodeToken(key)}`;
}

function get(t: Target): { found: boolean; value: unknown; pointer: string } {
  if (Array.isArray(t.container)) {
    const i = normaliseIndex(t.container.length, t.key, false);
    return { found: true, value: t.container[i], pointer: childPointer(t, i) };
  }
  const obj = t.container as Record<string, unknown>;
  const found = Object.prototype.hasOwnProperty.call(obj, t.key);
  return { found, value: found ? obj[t.key] : undefined, pointer: childPointer(t, t.key) };
}

function mutate(doc: unknown, op: LibOperation): unknown {
  return jsonpatch.applyOperation(doc, op, false, true, true).newDocument;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const t = locate(doc, path);
  let pointer = childPointer(t, t.key);
  if (Array.isArray(t.container)) {
    pointer = t.key === '-' ? `${t.parentPointer}/-` : childPointer(t, normaliseIndex(t.container.length, t.key, true));
  }
  return mutate(doc, { op: 'add', path: pointer, value: deepClone(value) });
}

function remove(doc: unknown, path: string): { doc: unknown; removed: unknown } {
  const t = locate(doc, path);
  const current = get(t);
  if (!current.found) fail(`Unable to remove nonexistent key: ${t.key}`);
  return { doc: mutate(doc, { op: 'remove', path: current.pointer }), removed: current.value };
}

function replace(doc: unknown, op: Operation): unknown {
  if (op.path === '') {
    if (!Array.isArray(op.value) && !isObject(op.value)) fail('replace operation value must be object or array');
    return deepClone(op.value);
  }
  const t = locate(doc, op.path!);
  const current = get(t);
  // Arrays were bounds-checked by get(); a missing object member is simply set.
  return mutate(doc, { op: current.found ? 'replace' : 'add', path: current.pointer, value: deepClone(op.value ?? null) });
}

function test(doc: unknown, op: Operation): void {
  if (op.path === '') {
    if (!jsonEqual(doc, op.value ?? null)) fail('test failed');
    return;
  }
  const current = get(locate(doc, op.path!));
  const actual = current.found ? current.value : null;
  if (!op.hasValue || !jsonEqual(actual, op.value)) fail(`testing value ${op.path} failed`);
}

function applyOne(doc: unknown, op: Operation): unknown {
  const kind = op.op ?? 'unknown';
  if (op.path === undefined || op.path === null) fail(`${kind} operation failed to decode path`);
  switch (kind) {
    case 'add': return add(doc, op.path, op.value ?? null);
    case 'remove': return remove(doc, op.path).doc;
    case 'replace': return replace(doc, op);
    case 'test': test(doc, op); return doc;
    case 'move': {
      if (op.from === undefined) fail('move operation failed to decode from');
      const { doc: without, removed } = remove(doc, op.from);
      return add(without, op.path, removed);
    }
    case 'copy': {
      if (op.from === undefined) fail('copy operation failed to decode from');
      const source = get(locate(doc, op.from));
      if (!source.found) fail(`copy operation does not apply: doc is missing from path: ${op.from}`);
      return add(doc, op.path, source.value);
    }
    default: return fail(`Unexpected kind: ${kind}`);
  }
}

/** Applies an RFC 6902 patch to a copy of doc; throws kube's StatusErrors. */
export function applyJsonPatch(doc: unknown, patch: unknown): unknown {
  const ops = decodeOperations(patch);
  if (ops.length > MAX_OPERATIONS) throw tooManyOperations(ops.length, MAX_OPERATIONS);
  let result = deepClone(doc);
  try {
    for (const op of ops) result = applyOne(result, op);
  } catch (err) {
    if (err instanceof ApplyFailure || err instanceof jsonpatch.JsonPatchError || err instanceof TypeError) {
      throw jsonPatchApplyError();
    }
    throw err;
  }
  return result;
}
