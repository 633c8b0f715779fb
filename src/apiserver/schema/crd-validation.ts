// ValidateCustomResourceDefinition(Update) of apiextensions-apiserver, in kube's order: metadata
// (name must be <plural>.<group>), spec (group, scope, schemas required, versions, names,
// hoisted schema/subresources/columns, conversion), status (accepted names, stored versions),
// API approval of protected groups, preserveUnknownFields. Expects a CRD already defaulted and
// prepared (crd-defaults.ts), as kube validates after defaulting and PrepareForCreate.
// Not covered: selectableFields, CEL compilation and cost limits, caBundle parsing.
import type { ObjectMeta } from '../../api/types.js';
import type { FieldError } from '../../machinery/errors.js';
import { child, index, invalid, notSupported, required } from '../../machinery/validation/field.js';
import { isDNS1035Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../../machinery/validation/names.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from '../../machinery/validation/objectmeta.js';
import { goVersions, internalView, type CRDVersion, type InternalView } from './crd-internal.js';
import {
  validateAPIApproval, validateColumn, validateConversion, validateDeprecationWarning, validateNames,
  validateStoredVersions, validateSubresources,
} from './crd-parts.js';
import { validateCRDSchema } from './crd-schema.js';
import { isObj, type JSONSchemaProps, type Obj } from './schema-types.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/** Whether a schema has a default anywhere (SchemaHas over every sub-schema keyword). */
function hasDefaults(s: JSONSchemaProps | undefined): boolean {
  if (!s) return false;
  if (s.default !== undefined && s.default !== null) return true;
  const subs: (JSONSchemaProps | undefined)[] = [
    ...(Array.isArray(s.items) ? s.items : [s.items]), ...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? []), s.not,
    ...Object.values(s.properties ?? {}), ...Object.values(s.patternProperties ?? {}), ...Object.values(s.definitions ?? {}),
    typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined,
  ];
  return subs.some((x) => isObj(x) && hasDefaults(x));
}

function validateGroup(group: string): FieldError[] {
  if (!group) return [required('spec.group')];
  const errs = isDNS1123Subdomain(group);
  if (errs.length) return [invalid('spec.group', group, errs.join(','))];
  return group.split('.').length < 2 ? [invalid('spec.group', group, 'should be a domain with at least one dot')] : [];
}

function validateVersion(v: CRDVersion, i: number, view: InternalView): FieldError[] {
  const path = index('spec.versions', i);
  const errs = validateDeprecationWarning(v, child(path, 'deprecationWarning'));
  if (!view.schemaHoisted) {
    errs.push(...validateCRDSchema(v.schema, v.subresources?.status !== undefined, child(path, 'schema')));
  }
  if (!view.subresourcesHoisted) errs.push(...validateSubresources(v.subresources, child(path, 'subresources')));
  if (!view.columnsHoisted) {
    (v.additionalPrinterColumns ?? []).forEach((c, j) => errs.push(...validateColumn(obj(c), index(child(path, 'additionalPrinterColumns'), j))));
  }
  return errs;
}

function validateVersions(spec: Obj, view: InternalView): FieldError[] {
  const errs: FieldError[] = [];
  if (!view.schemaHoisted || !view.versions[0]?.schema?.openAPIV3Schema) {
    view.versions.forEach((v, i) => {
      if (!v.schema?.openAPIV3Schema) errs.push(required(child(index('spec.versions', i), 'schema', 'openAPIV3Schema'), 'schemas are required'));
    });
  }
  if (view.versions.some((v) => hasDefaults(v.schema?.openAPIV3Schema)) && spec.preserveUnknownFields === true) {
    errs.push(invalid('spec.preserveUnknownFields', true, 'must be false in order to use defaults in the schema'));
  }
  const names = new Set<string>();
  let unique = true;
  view.versions.forEach((v, i) => {
    const name = v.name ?? '';
    if (names.has(name)) unique = false;
    names.add(name);
    const problems = isDNS1035Label(name);
    if (problems.length) errs.push(invalid(child(index('spec.versions', i), 'name'), name, problems.join(',')));
    errs.push(...validateVersion(v, i, view));
  });
  if (!unique) errs.push(invalid('spec.versions', goVersions(view), 'must contain unique version names'));
  if (view.versions.filter((v) => v.storage === true).length !== 1) {
    errs.push(invalid('spec.versions', goVersions(view), 'must have exactly one version marked as storage version'));
  }
  const first = view.versions[0]?.name;
  if (first) {
    const problems = isDNS1035Label(first);
    if (problems.length) errs.push(invalid('spec.version', first, problems.join(',')));
  }
  return errs;
}

function validateSpec(spec: Obj): FieldError[] {
  const view = internalView(spec);
  const errs = validateGroup(str(spec.group));
  const scope = str(spec.scope);
  if (!scope) errs.push(required('spec.scope'));
  else if (scope !== 'Cluster' && scope !== 'Namespaced') errs.push(notSupported('spec.scope', scope, ['Cluster', 'Namespaced']));
  errs.push(...validateVersions(spec, view));
  const names = obj(spec.names);
  for (const field of ['plural', 'singular', 'kind', 'listKind']) {
    if (!str(names[field])) errs.push(required(child('spec.names', field)));
  }
  errs.push(...validateNames(names, 'spec.names'));
  const first = view.versions[0];
  if (view.schemaHoisted && first) {
    const anyStatus = view.versions.some((v) => v.subresources?.status !== undefined);
    errs.push(...validateCRDSchema(first.schema, anyStatus, 'spec.validation'));
  }
  if (view.subresourcesHoisted && first) errs.push(...validateSubresources(first.subresources, 'spec.subresources'));
  if (view.columnsHoisted && first) {
    (first.additionalPrinterColumns ?? []).forEach((c, j) => errs.push(...validateColumn(obj(c), index('spec.additionalPrinterColumns', j))));
  }
  const strategy = str(obj(spec.conversion).strategy);
  if (strategy && strategy !== 'None' && spec.preserveUnknownFields === true) {
    errs.push(invalid('spec.conversion.strategy', strategy, 'must be None if spec.preserveUnknownFields is true'));
  }
  errs.push(...validateConversion(spec.conversion, 'spec.conversion'));
  return errs;
}

function validateTail(crd: Obj, spec: Obj, oldAnnotations?: Record<string, string>, oldSpec?: Obj): FieldError[] {
  const status = obj(crd.status);
  const view = internalView(spec);
  const errs = validateNames(obj(status.acceptedNames), 'status.acceptedNames');
  const stored = Array.isArray(status.storedVersions) ? status.storedVersions.map(String) : undefined;
  errs.push(...validateStoredVersions(stored, view.versions, 'status.storedVersions'));
  const annotations = obj(crd.metadata).annotations as Record<string, string> | undefined;
  errs.push(...validateAPIApproval(str(spec.group), annotations, oldAnnotations));
  if (spec.preserveUnknownFields === true && oldSpec?.preserveUnknownFields !== true) {
    errs.push(invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
  }
  return errs;
}

function crdNameValidator(spec: Obj) {
  const required = `${str(obj(spec.names).plural)}.${str(spec.group)}`;
  return (name: string, prefix: boolean): string[] => {
    const errs = nameIsDNSSubdomain(name, prefix);
    return name === required ? errs : [...errs, 'must be spec.names.plural+"."+spec.group'];
  };
}

/** Create-time validation of a CustomResourceDefinition (plain v1 JSON). */
export function validateCRD(crd: Obj): FieldError[] {
  const spec = obj(crd.spec);
  const errs = validateObjectMeta(crd.metadata as ObjectMeta | undefined, {
    namespaced: false, nameValidator: crdNameValidator(spec), kubeFinalizers: false,
  });
  errs.push(...validateSpec(spec));
  errs.push(...validateTail(crd, spec));
  return errs;
}

function isEstablished(crd: Obj): boolean {
  const conditions = obj(crd.status).conditions;
  return Array.isArray(conditions) && conditions.some((c) => isObj(c) && c.type === 'Established' && c.status === 'True');
}

/** Update validation: everything of create, plus immutable group and plural (scope and kind once Established). */
export function validateCRDUpdate(crd: Obj, old: Obj): FieldError[] {
  const spec = obj(crd.spec);
  const oldSpec = obj(old.spec);
  const errs = validateObjectMetaUpdate(crd.metadata as ObjectMeta | undefined, old.metadata as ObjectMeta | undefined, { kubeFinalizers: false });
  errs.push(...validateSpec(spec));
  const immutable = (path: string, next: string, prev: string): void => {
    if (next !== prev) errs.push(invalid(path, next, FIELD_IMMUTABLE));
  };
  if (isEstablished(old)) {
    immutable('spec.scope', str(spec.scope), str(oldSpec.scope));
    immutable('spec.names.kind', str(obj(spec.names).kind), str(obj(oldSpec.names).kind));
  }
  immutable('spec.group', str(spec.group), str(oldSpec.group));
  immutable('spec.names.plural', str(obj(spec.names).plural), str(obj(oldSpec.names).plural));
  const oldAnnotations = (obj(old.metadata).annotations ?? {}) as Record<string, string>;
  errs.push(...validateTail(crd, spec, oldAnnotations, oldSpec));
  return errs;
}

