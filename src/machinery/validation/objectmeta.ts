// ValidateObjectMeta / ValidateObjectMetaUpdate of k8s.io/apimachinery/pkg/api/validation, in
// kube's order: generateName, name, namespace, generation, labels, annotations, ownerReferences,
// finalizers, managedFields. Built-in kinds additionally get pkg/apis/core's finalizer-name rule
// (option kubeFinalizers); custom resources and CRDs do not. Name generation itself is not done
// here: the caller generates the name before validating, as kube does.
import type { ObjectMeta } from '../../api/types.js';
import type { FieldError } from '../errors.js';
import { child, invalid, required, forbidden } from './field.js';
import { goLiteral } from './gofmt.js';
import {
  validateAnnotations, validateFinalizers, validateKubeFinalizerNames, validateLabels, validateManagedFields,
  validateNoNewFinalizers, validateOwnerReferences,
} from './meta-parts.js';
import { nameIsDNSSubdomain, validateNamespaceName, type NameValidator } from './names.js';

export interface ObjectMetaOptions {
  /** Whether the resource lives in namespaces (namespace then required, else forbidden). */
  namespaced: boolean;
  /** Name rule of the kind; DNS subdomain by default. */
  nameValidator?: NameValidator;
  /** Field path of the metadata, `metadata` by default. */
  path?: string;
  /** Apply the built-in kinds' finalizer-name rule (default true; false for custom resources and CRDs). */
  kubeFinalizers?: boolean;
}

export const FIELD_IMMUTABLE = 'field is immutable';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function validateObjectMeta(meta: ObjectMeta | undefined, opts: ObjectMetaOptions): FieldError[] {
  const m = meta ?? {};
  const path = opts.path ?? 'metadata';
  const nameFn = opts.nameValidator ?? nameIsDNSSubdomain;
  const errs: FieldError[] = [];
  const generateName = str(m.generateName);
  const name = str(m.name);
  const namespace = str(m.namespace);
  if (generateName) {
    errs.push(...nameFn(generateName, true).map((msg) => invalid(child(path, 'generateName'), generateName, msg)));
  }
  if (!name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else errs.push(...nameFn(name, false).map((msg) => invalid(child(path, 'name'), name, msg)));
  if (opts.namespaced) {
    if (!namespace) errs.push(required(child(path, 'namespace')));
    else errs.push(...validateNamespaceName(namespace, false).map((msg) => invalid(child(path, 'namespace'), namespace, msg)));
  } else if (namespace) {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    errs.push(invalid(child(path, 'generation'), m.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  errs.push(...validateManagedFields(m.managedFields, child(path, 'managedFields')));
  if (opts.kubeFinalizers ?? true) errs.push(...validateKubeFinalizerNames(m.finalizers, child(path, 'finalizers')));
  return errs;
}

/** time.Time.String() of an RFC 3339 timestamp, in UTC: `2024-01-02 03:04:05 +0000 UTC`. */
export function goTimeString(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

function sameTime(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return new Date(a).getTime() === new Date(b).getTime();
}

function timeValue(t: string | null | undefined): unknown {
  return t ? goLiteral(goTimeString(t)) : null;
}

function immutable(path: string, next: unknown, prev: unknown, shown: unknown = next): FieldError[] {
  return next === prev ? [] : [invalid(path, shown, FIELD_IMMUTABLE)];
}

export function validateObjectMetaUpdate(
  next: ObjectMeta | undefined,
  prev: ObjectMeta | undefined,
  opts: Pick<ObjectMetaOptions, 'path' | 'kubeFinalizers'> = {},
): FieldError[] {
  const n = next ?? {};
  const o = prev ?? {};
  const path = opts.path ?? 'metadata';
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) errs.push(...validateNoNewFinalizers(n.finalizers, o.finalizers, child(path, 'finalizers')));
  if (!n.resourceVersion) errs.push(invalid(child(path, 'resourceVersion'), str(n.resourceVersion), 'must be specified for an update'));
  if ((n.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(invalid(child(path, 'generation'), n.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...immutable(child(path, 'name'), str(n.name), str(o.name)));
  errs.push(...immutable(child(path, 'namespace'), str(n.namespace), str(o.namespace)));
  errs.push(...immutable(child(path, 'uid'), str(n.uid), str(o.uid)));
  if (!sameTime(n.creationTimestamp, o.creationTimestamp)) {
    errs.push(invalid(child(path, 'creationTimestamp'), timeValue(n.creationTimestamp) ?? goLiteral(goTimeString('0001-01-01T00:00:00Z')), FIELD_IMMUTABLE));
  }
  if (!sameTime(n.deletionTimestamp, o.deletionTimestamp)) {
    errs.push(invalid(child(path, 'deletionTimestamp'), timeValue(n.deletionTimestamp), FIELD_IMMUTABLE));
  }
  errs.push(...immutable(child(path, 'deletionGracePeriodSeconds'), n.deletionGracePeriodSeconds ?? null, o.deletionGracePeriodSeconds ?? null));
  errs.push(...validateLabels(n.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(n.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateManagedFields(n.managedFields, child(path, 'managedFields')));
  if (opts.kubeFinalizers ?? true) errs.push(...validateKubeFinalizerNames(n.finalizers, child(path, 'finalizers')));
  return errs;
}
