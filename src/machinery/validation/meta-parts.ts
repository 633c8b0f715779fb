// Validation of the pieces of ObjectMeta, as k8s.io/apimachinery/pkg/api/validation and
// pkg/apis/meta/v1/validation check them: labels, annotations (256 KiB total), owner references,
// finalizers and managed fields. objectmeta.ts composes them in kube's order. Go iterates maps in
// random order; we use insertion order, so errors from different keys may come out in another order.
import type { ManagedFieldsEntry, OwnerReference } from '../../api/types.js';
import type { FieldError } from '../errors.js';
import { child, index, invalid, forbidden, tooLong } from './field.js';
import { goLiteral, goQuote, goStringSlice } from './gofmt.js';
import { byteLength, isQualifiedName, isValidLabelValue } from './names.js';

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);
export const FIELD_MANAGER_MAX_LENGTH = 128;
export const MAX_SUBRESOURCE_NAME_LENGTH = 256;
export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
const STANDARD_FINALIZERS = new Set(['kubernetes', FINALIZER_ORPHAN_DEPENDENTS, FINALIZER_DELETE_DEPENDENTS]);

export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, name, msg));
}

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    errs.push(...isValidLabelValue(String(v)).map((msg) => invalid(path, v, msg)));
  }
  return errs;
}

export function annotationsSize(annotations: Record<string, string>): number {
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) total += byteLength(k) + byteLength(String(v));
  return total;
}

/** Keys follow the qualified-name rule except that case does not matter. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const all = annotations ?? {};
  for (const k of Object.keys(all)) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((msg) => invalid(path, k, msg)));
  }
  if (annotationsSize(all) > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** schema.ParseGroupVersion: '' and '/' are empty, one slash splits, more is an error (undefined). */
export function parseGroupVersion(apiVersion: string): { group: string; version: string } | undefined {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const slashes = apiVersion.split('/').length - 1;
  if (slashes === 0) return { group: '', version: apiVersion };
  if (slashes === 1) {
    const i = apiVersion.indexOf('/');
    return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
  }
  return undefined;
}

function goBoolPtr(v: boolean | undefined): string {
  // Go prints pointers as addresses; we can only be exact for nil.
  return v === undefined ? '(*bool)(nil)' : `(*bool)(0xc000000000)`;
}

function goOwnerReference(ref: OwnerReference): string {
  return `v1.OwnerReference{APIVersion:${goQuote(ref.apiVersion ?? '')}, Kind:${goQuote(ref.kind ?? '')}, `
    + `Name:${goQuote(ref.name ?? '')}, UID:${goQuote(ref.uid ?? '')}, Controller:${goBoolPtr(ref.controller)}, `
    + `BlockOwnerDeletion:${goBoolPtr(ref.blockOwnerDeletion)}}`;
}

function validateOwnerReference(ref: OwnerReference, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const gv = parseGroupVersion(ref.apiVersion ?? '') ?? { group: '', version: '' };
  if (!gv.version) errs.push(invalid(child(path, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
  if (!ref.kind) errs.push(invalid(child(path, 'kind'), ref.kind ?? '', 'kind must not be empty'));
  if (!ref.name) errs.push(invalid(child(path, 'name'), ref.name ?? '', 'name must not be empty'));
  if (!ref.uid) errs.push(invalid(child(path, 'uid'), ref.uid ?? '', 'uid must not be empty'));
  if (gv.group === '' && gv.version === 'v1' && ref.kind === 'Event') {
    errs.push(invalid(path, goLiteral(goOwnerReference(ref)), '/v1, Kind=Event is disallowed from being an owner'));
  }
  return errs;
}

export function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller !== true) continue;
    const current = `${ref.kind}/${ref.name}`;
    if (!firstController) { firstController = current; continue; }
    const all = goLiteral(`[]v1.OwnerReference{${(refs ?? []).map(goOwnerReference).join(', ')}}`);
    errs.push(invalid(path, all,
      `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
  }
  return errs;
}

/** apimachinery's finalizer checks; the path carries no index (kube reports metadata.finalizers). */
export function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) errs.push(...isQualifiedName(f).map((msg) => invalid(path, f, msg)));
  if (list.includes(FINALIZER_ORPHAN_DEPENDENTS) && list.includes(FINALIZER_DELETE_DEPENDENTS)) {
    errs.push(invalid(path, goStringSlice(list),
      `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`));
  }
  return errs;
}

/** The extra rule of built-in kinds (pkg/apis/core/validation): unprefixed names must be standard ones. */
export function validateKubeFinalizerNames(finalizers: string[] | undefined, path: string): FieldError[] {
  return (finalizers ?? []).flatMap((f, i) => (f.includes('/') || STANDARD_FINALIZERS.has(f)
    ? []
    : [invalid(index(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified')]));
}

function isPrintable(cp: number): boolean {
  return !(cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad);
}

export function validateFieldManager(manager: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong(path, FIELD_MANAGER_MAX_LENGTH));
  let pos = 0;
  for (const ch of manager) {
    const cp = ch.codePointAt(0)!;
    if (!isPrintable(cp)) {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      errs.push(invalid(path, manager, `invalid character U+${hex} (at position ${pos})`));
    }
    pos += byteLength(ch);
  }
  return errs;
}

export function validateManagedFields(entries: ManagedFieldsEntry[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((entry, i) => {
    const p = index(path, i);
    if (entry.operation !== 'Apply' && entry.operation !== 'Update') {
      errs.push(invalid(child(p, 'operation'), entry.operation ?? '', 'must be `Apply` or `Update`'));
    }
    if (entry.fieldsType && entry.fieldsType !== 'FieldsV1') {
      errs.push(invalid(child(p, 'fieldsType'), entry.fieldsType, 'must be `FieldsV1`'));
    }
    errs.push(...validateFieldManager(entry.manager ?? '', child(p, 'manager')));
    if (byteLength(entry.subresource ?? '') > MAX_SUBRESOURCE_NAME_LENGTH) {
      errs.push(tooLong(child(p, 'subresource'), MAX_SUBRESOURCE_NAME_LENGTH));
    }
  });
  return errs;
}

/** No finalizer may be added once deletion started; the new ones are listed sorted, as a Go []string. */
export function validateNoNewFinalizers(next: string[] | undefined, prev: string[] | undefined, path: string): FieldError[] {
  const old = new Set(prev ?? []);
  const extra = [...new Set((next ?? []).filter((f) => !old.has(f)))].sort();
  if (extra.length === 0) return [];
  return [forbidden(path, `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra).text}`)];
}
