// Patch metadata lookup for strategic merge patch, the counterpart of strategicpatch's
// PatchMetaFromStruct: walks the built-in models (api/models.ts) and reads each field's
// patchStrategy / patchMergeKey from api/patch-meta.ts. Only struct tags matter here; list types
// (+listType) are a server-side apply concept and are ignored, exactly as kube ignores them for SMP.
import { modelAttributes, type TypeRef } from '../../api/models.js';
import { fieldPatchMeta } from '../../api/patch-meta.js';

/** The Go type a patch fragment is merged against; undefined when unknown (maps merge, lists replace). */
export type SmpType = TypeRef | undefined;

export interface SmpField {
  type: SmpType;
  /** The strategy other than retainKeys ('merge', 'replace' or ''). */
  strategy: string;
  mergeKey: string;
}

const NONE: SmpField = { type: undefined, strategy: '', mergeKey: '' };

/** Metadata of member `key` of a map-shaped value of type `t` (a struct field or a map entry). */
export function lookupField(t: SmpType, key: string): SmpField {
  if (!t) return NONE;
  if (t.kind === 'map') return { type: t.values, strategy: '', mergeKey: '' };
  if (t.kind !== 'model') return NONE;
  const attr = modelAttributes(t.name)?.find((a) => a.name === key);
  if (!attr) return NONE;
  const meta = fieldPatchMeta(t.name, key);
  const strategies = (meta?.strategy ?? '').split(',').filter((s) => s && s !== 'retainKeys');
  return { type: attr.type, strategy: strategies[0] ?? '', mergeKey: meta?.mergeKey ?? '' };
}

/** The element type of a list-typed field, for merging list items. */
export function elementType(t: SmpType): SmpType {
  return t?.kind === 'array' ? t.items : undefined;
}
