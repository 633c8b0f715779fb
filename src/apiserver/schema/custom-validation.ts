// Validation of custom resources against their CRD version, in the order of
// apiextensions-apiserver's customResourceStrategy.Validate: type meta, object meta, schema,
// scale paths, embedded resources, list-type invariants. CEL rules (x-kubernetes-validations)
// and validation ratcheting on update are not implemented. Call after pruning and defaulting
// (defaulting.ts coerceCustomObject), as kube validates the decoded, defaulted object.
import type { ObjectMeta } from '../../api/types.js';
import type { FieldError } from '../../machinery/errors.js';
import { invalid } from '../../machinery/validation/field.js';
import { goPlusV, isGoInt } from '../../machinery/validation/gofmt.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../machinery/validation/objectmeta.js';
import { validateEmbeddedResources } from './embedded.js';
import { validateListSetsAndMaps } from './listtype.js';
import { toFieldErrors } from './openapi-errors.js';
import { validateValue } from './openapi-validate.js';
import { isObj, type JSONSchemaProps } from './schema-types.js';

/** Schema, embedded-resource and list-type errors of a decoded object (no metadata checks). */
export function validateCustomObject(schema: JSONSchemaProps | undefined, obj: unknown): FieldError[] {
  if (!schema) return [];
  const errs = toFieldErrors(validateValue(schema, obj, ''));
  errs.push(...validateEmbeddedResources(schema, obj));
  if (isObj(obj)) errs.push(...validateListSetsAndMaps('', schema, obj));
  return errs;
}

/** The status subresource validates only `status`, against the status property's schema. */
export function validateCustomStatus(schema: JSONSchemaProps | undefined, obj: Record<string, unknown>): FieldError[] {
  const statusSchema = schema?.properties?.status;
  if (!statusSchema || !('status' in obj)) return [];
  return toFieldErrors(validateValue(statusSchema, obj.status, ''), 'status');
}

export interface CustomResourceTarget {
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  schema?: JSONSchemaProps;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

function validateTypeMeta(t: CustomResourceTarget, obj: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = `${t.group}/${t.version}`;
  if (obj.kind !== t.kind) errs.push(invalid('kind', obj.kind ?? '', `must be ${t.kind}`));
  if (obj.apiVersion !== apiVersion) errs.push(invalid('apiVersion', obj.apiVersion ?? '', `must be ${apiVersion}`));
  return errs;
}

/** unstructured.NestedFieldNoCopy: `found` is true for a present key, even when null. */
function nested(obj: unknown, fields: string[]): { found: boolean; value?: unknown } {
  let cur = obj;
  for (const f of fields) {
    if (!isObj(cur) || !(f in cur)) return { found: false };
    cur = cur[f];
  }
  return { found: true, value: cur };
}

function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** unstructured.NestedInt64 plus kube's range checks on scale replica paths. */
function validateReplicas(obj: unknown, jsonPath: string): FieldError[] {
  const fields = jsonPath.replace(/^\./, '').split('.');
  const { found, value } = nested(obj, fields);
  if (!found) return [];
  if (typeof value !== 'number' || !isGoInt(value)) {
    return [invalid(jsonPath, 0, `.${fields.join('.')} accessor error: ${goPlusV(value)} is of the type ${goTypeName(value)}, expected int64`)];
  }
  if (value < 0) return [invalid(jsonPath, value, 'should be a non-negative integer')];
  if (value > 2147483647) return [invalid(jsonPath, value, 'should be less than or equal to 2147483647')];
  return [];
}

function validateScale(t: CustomResourceTarget, obj: Record<string, unknown>, withSpec: boolean): FieldError[] {
  if (!t.scale) return [];
  const errs = withSpec ? validateReplicas(obj, t.scale.specReplicasPath) : [];
  errs.push(...validateReplicas(obj, t.scale.statusReplicasPath));
  return errs;
}

/** Full create validation of a custom resource. */
export function validateCustomResource(t: CustomResourceTarget, obj: Record<string, unknown>): FieldError[] {
  const typeErrs = validateTypeMeta(t, obj);
  if (typeErrs.length) return typeErrs;
  const errs = validateObjectMeta(obj.metadata as ObjectMeta | undefined, { namespaced: t.namespaced, kubeFinalizers: false });
  errs.push(...toFieldErrors(t.schema ? validateValue(t.schema, obj, '') : []));
  errs.push(...validateScale(t, obj, true));
  errs.push(...validateEmbeddedResources(t.schema, obj));
  errs.push(...validateListSetsAndMaps('', t.schema, obj));
  return errs;
}

/** Full update validation of a custom resource (no ratcheting: every error counts). */
export function validateCustomResourceUpdate(
  t: CustomResourceTarget, obj: Record<string, unknown>, old: Record<string, unknown>,
): FieldError[] {
  const typeErrs = validateTypeMeta(t, obj);
  if (typeErrs.length) return typeErrs;
  const errs = validateObjectMetaUpdate(obj.metadata as ObjectMeta | undefined, old.metadata as ObjectMeta | undefined, { kubeFinalizers: false });
  errs.push(...toFieldErrors(t.schema ? validateValue(t.schema, obj, '') : []));
  errs.push(...validateScale(t, obj, true));
  errs.push(...validateEmbeddedResources(t.schema, obj));
  errs.push(...validateListSetsAndMaps('', t.schema, obj));
  return errs;
}
