// Removal of a set of paths from a typed value (structured-merge-diff's RemoveItems), used when an
// applier stops applying fields. A member path is dropped with everything below it; a map or list
// left empty by a removal disappears from its parent (Go decodes the resulting null as nil), except
// value structs, which Go keeps as {}.
import { field, type Path } from './field-path.js';
import type { FieldSet } from './field-set.js';
import { isObject, type JsonObject } from './json-value.js';
import { isValueStruct } from './go-zero.js';
import { memberType, resolve, type SsaType } from './ssa-schema.js';
import { itemElements } from './typed-fieldset.js';

const GONE = Symbol('gone');

function removeFrom(value: unknown, toRemove: FieldSet, type: SsaType, path: Path): unknown {
  const t = resolve(type, value);
  if (t.kind === 'list' && Array.isArray(value)) {
    if (value.length === 0 || t.listType === 'atomic') return GONE;
    const pes = itemElements(t, value, path);
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const pe = pes[i]!;
      if (toRemove.hasMember(pe)) return;
      const sub = toRemove.withPrefix(pe);
      const kept = sub.isEmpty() ? item : removeFrom(item, sub, t.items, [...path, pe]);
      out.push(kept === GONE ? {} : kept);
    });
    return out.length > 0 ? out : GONE;
  }
  if (t.kind === 'map' && isObject(value)) {
    if (Object.keys(value).length === 0 || t.atomic) return GONE;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const pe = field(k);
      if (toRemove.hasMember(pe)) continue;
      const sub = toRemove.withPrefix(pe);
      const ft = memberType(t, k);
      const kept = sub.isEmpty() || !ft ? v : removeFrom(v, sub, ft, [...path, pe]);
      if (kept !== GONE) out[k] = kept;
      else if (isValueStruct(t.model, k)) out[k] = {};
    }
    return Object.keys(out).length > 0 ? out : GONE;
  }
  return value;
}

/** A copy of `value` without the members of `toRemove` (and their subtrees). */
export function removeItems(value: unknown, toRemove: FieldSet, type: SsaType): unknown {
  const out = removeFrom(value, toRemove, type, []);
  return out === GONE ? {} : out;
}
