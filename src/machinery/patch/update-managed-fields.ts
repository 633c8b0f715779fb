// metadata.managedFields maintenance for non-apply writes (create, update, JSON/merge/strategic
// patch), as kube's FieldManager.Update: the writer's manager acquires every field the write added
// or changed, other managers lose them, and removed fields leave everyone. Like kube:
//   - the request may carry managedFields: a valid non-empty list replaces the live one, and `[]`
//     or `[{}]` resets tracking; subresource writes always start from the live list;
//   - an existing object without managedFields stays untracked (only creates start tracking);
//   - an entry's time changes only when the write gave that manager something;
//   - it never fails: an object it cannot type loses its managedFields instead.
// Call it with the object as decoded (after defaulting) and before the strategy resets fields.
import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';
import { recordUpdate, withoutManagedFields, type FieldManagerOptions } from './field-manager.js';
import { decodeManagedFields, decodeOrEmpty, emptyManaged, setManagedFields, type Managed } from './managed-fields.js';

export interface UpdateManagedFieldsOptions extends FieldManagerOptions {
  operation: 'Update';
}

function isReset(entries: ManagedFieldsEntry[] | undefined): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && Object.keys(entries[0] ?? {}).length === 0;
}

/** Which managedFields the write starts from (kube's decodeLiveOrNew). */
function startingPoint(prev: KubeObject | undefined, next: KubeObject, subresource: boolean): Managed {
  const live = prev?.metadata?.managedFields;
  if (subresource) return decodeOrEmpty(live);
  const sent = next.metadata?.managedFields;
  if (isReset(sent)) return emptyManaged();
  try {
    const managed = decodeManagedFields(sent);
    if (managed.fields.size > 0) return managed;
  } catch {
    // fall back to the live object's entries
  }
  return decodeOrEmpty(live);
}

export function updateManagedFields(prev: KubeObject | undefined, next: KubeObject, opts: UpdateManagedFieldsOptions): KubeObject {
  const managed = startingPoint(prev, next, Boolean(opts.subresource));
  const out = withoutManagedFields(next);
  // Objects that exist without managedFields are left untracked.
  if (managed.fields.size === 0 && prev?.metadata?.uid) return out;
  const live = prev ? withoutManagedFields(prev) : {};
  try {
    recordUpdate(live, out, managed, opts.manager, opts);
  } catch {
    // Like kube's UpdateNoErrors: an object the field manager cannot type (validation will reject
    // it anyway) is written without managedFields rather than failing the request here.
    return out;
  }
  setManagedFields(out, managed);
  return out;
}
