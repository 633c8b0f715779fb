// Interplay between server-side apply and kubectl's client-side apply annotation
// (kubectl.kubernetes.io/last-applied-configuration), for the field manager named "kubectl" only,
// as kube's lastAppliedManager / lastAppliedUpdater do:
//   - conflicts on fields the annotation says kubectl last applied, and that still hold that value,
//     are not conflicts (the user is switching from client-side to server-side apply);
//   - after an apply, an existing annotation is rewritten to the applied configuration, so a later
//     client-side apply computes its three-way diff from what was really applied.
import { goJSON } from './field-path.js';
import { FieldSet } from './field-set.js';
import { isObject, type JsonObject } from './json-value.js';
import type { SsaType } from './ssa-schema.js';
import { compareTyped } from './typed-compare.js';
import { toFieldSet } from './typed-fieldset.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const KUBECTL_MANAGER = 'kubectl';

function annotations(obj: unknown): JsonObject | undefined {
  const meta = isObject(obj) ? obj.metadata : undefined;
  const ann = isObject(meta) ? meta.annotations : undefined;
  return isObject(ann) ? ann : undefined;
}

export function hasLastApplied(obj: unknown): boolean {
  const v = annotations(obj)?.[LAST_APPLIED];
  return typeof v === 'string' && v.length > 0;
}

/** Fields conflicts on which are forgiven: last applied by kubectl and unchanged since. */
export function allowedConflicts(live: unknown, apiVersion: string, type: SsaType): FieldSet | undefined {
  const raw = annotations(live)?.[LAST_APPLIED];
  if (typeof raw !== 'string' || !raw) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(last) || last.apiVersion !== apiVersion) return undefined;
  try {
    const c = compareTyped(last, live, type);
    return toFieldSet(last, type).difference(c.modified).difference(c.added).difference(c.removed);
  } catch {
    return undefined;
  }
}

/** The annotation value kube writes: the applied object without the annotation, as Go JSON. */
export function lastAppliedValue(applied: JsonObject): string {
  const copy = structuredClone(applied);
  const ann = annotations(copy);
  if (ann) {
    delete ann[LAST_APPLIED];
    if (Object.keys(ann).length === 0) delete (copy.metadata as JsonObject).annotations;
  }
  return `${goJSON(copy)}\n`;
}

export function setLastApplied(obj: JsonObject, value: string): void {
  const meta = (obj.metadata ??= {}) as JsonObject;
  const ann = (meta.annotations ??= {}) as JsonObject;
  ann[LAST_APPLIED] = value;
}
