// Validation of one CRD schema (validateCustomResourceDefinitionValidation in
// apiextensions/validation): root restrictions when the status subresource is on, no nullable
// root, structural rules, then defaults (pruned and valid against their own schema), then the
// node-by-node OpenAPI checks. Defaults inside metadata/apiVersion/kind of embedded resources are
// not validated here (kube builds a surrounding object for them); CEL is not evaluated.
import type { FieldError } from '../../machinery/errors.js';
import { child, forbidden, invalid, key } from '../../machinery/validation/field.js';
import { goLiteral } from '../../machinery/validation/gofmt.js';
import { validateOpenAPISchema } from './crd-openapi-schema.js';
import { validateStructural } from './crd-structural.js';
import { validateEmbeddedResources } from './embedded.js';
import { toFieldErrors } from './openapi-errors.js';
import { validateValue } from './openapi-validate.js';
import { pruneWithSchema } from './pruning.js';
import { deepCopy, hasDefault, isEmbedded, itemsOf, type JSONSchemaProps } from './schema-types.js';

/** JSONSchemaProps fields in Go declaration order, with their JSON names. */
const GO_FIELDS: [string, string][] = [
  ['ID', 'id'], ['Schema', '$schema'], ['Ref', '$ref'], ['Description', 'description'], ['Type', 'type'],
  ['Nullable', 'nullable'], ['Format', 'format'], ['Title', 'title'], ['Default', 'default'], ['Maximum', 'maximum'],
  ['ExclusiveMaximum', 'exclusiveMaximum'], ['Minimum', 'minimum'], ['ExclusiveMinimum', 'exclusiveMinimum'],
  ['MaxLength', 'maxLength'], ['MinLength', 'minLength'], ['Pattern', 'pattern'], ['MaxItems', 'maxItems'],
  ['MinItems', 'minItems'], ['UniqueItems', 'uniqueItems'], ['MultipleOf', 'multipleOf'], ['Enum', 'enum'],
  ['MaxProperties', 'maxProperties'], ['MinProperties', 'minProperties'], ['Required', 'required'], ['Items', 'items'],
  ['AllOf', 'allOf'], ['OneOf', 'oneOf'], ['AnyOf', 'anyOf'], ['Not', 'not'], ['Properties', 'properties'],
  ['AdditionalProperties', 'additionalProperties'], ['PatternProperties', 'patternProperties'],
  ['Dependencies', 'dependencies'], ['AdditionalItems', 'additionalItems'], ['Definitions', 'definitions'],
  ['ExternalDocs', 'externalDocs'], ['Example', 'example'], ['XPreserveUnknownFields', 'x-kubernetes-preserve-unknown-fields'],
  ['XEmbeddedResource', 'x-kubernetes-embedded-resource'], ['XIntOrString', 'x-kubernetes-int-or-string'],
  ['XListMapKeys', 'x-kubernetes-list-map-keys'], ['XListType', 'x-kubernetes-list-type'],
  ['XMapType', 'x-kubernetes-map-type'], ['XValidations', 'x-kubernetes-validations'],
];

const ALLOWED_AT_ROOT = ['Description', 'Type', 'Format', 'Title', 'Maximum', 'ExclusiveMaximum', 'Minimum', 'ExclusiveMinimum', 'MaxLength', 'MinLength', 'Pattern', 'MaxItems', 'MinItems', 'UniqueItems', 'MultipleOf', 'Required', 'Items', 'Properties', 'ExternalDocs', 'Example', 'XPreserveUnknownFields', 'XValidations'];

const isZero = (v: unknown): boolean => v === undefined || v === null || v === false || v === '' || v === 0
  || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

function statusRootErrors(schema: JSONSchemaProps, path: string): FieldError[] {
  for (const [goName, jsonName] of GO_FIELDS) {
    const value = (schema as Record<string, unknown>)[jsonName];
    if (isZero(value)) continue;
    if (goName === 'Type') {
      if (schema.type !== 'object') {
        return [invalid(child(path, 'openAPIV3Schema.type'), schema.type, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled')];
      }
      continue;
    }
    if (!ALLOWED_AT_ROOT.includes(goName)) {
      return [invalid(child(path, 'openAPIV3Schema'), goLiteral('apiextensions.JSONSchemaProps{...}'),
        `only [${ALLOWED_AT_ROOT.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`)];
    }
  }
  return [];
}

/** ValidateDefaults: each default must survive pruning unchanged and satisfy its own schema. */
function defaultErrors(s: JSONSchemaProps | undefined, path: string, insideMeta: boolean, isRoot: boolean): FieldError[] {
  if (!s) return [];
  const node = isRoot ? { ...s, 'x-kubernetes-embedded-resource': true } : s;
  const embedded = isEmbedded(node);
  const meta = embedded ? false : insideMeta;
  const errs: FieldError[] = [];
  if (hasDefault(node) && !meta) {
    const pruned = deepCopy(node.default);
    if (pruneWithSchema(pruned, node, embedded).length > 0) {
      errs.push(invalid(child(path, 'default'), node.default, 'must not have unknown fields'));
    }
    const embeddedErrs = validateEmbeddedResources(node, node.default, child(path, 'default'));
    errs.push(...(embeddedErrs.length ? embeddedErrs : toFieldErrors(validateValue(node, node.default, ''), child(path, 'default'))));
  }
  errs.push(...defaultErrors(itemsOf(node), child(path, 'items'), meta, false));
  for (const [k, p] of Object.entries(node.properties ?? {})) {
    const subMeta = meta || (embedded && ['metadata', 'apiVersion', 'kind'].includes(k));
    errs.push(...defaultErrors(p, key(child(path, 'properties'), k), subMeta, false));
  }
  return errs;
}

/**
 * Errors of one `schema` block; `path` is where kube reports it (`spec.validation` when hoisted,
 * `spec.versions[i].schema` otherwise).
 */
export function validateCRDSchema(validation: { openAPIV3Schema?: JSONSchemaProps } | undefined, statusEnabled: boolean, path: string): FieldError[] {
  const schema = validation?.openAPIV3Schema;
  if (!schema) return [];
  const errs: FieldError[] = [];
  if (statusEnabled) errs.push(...statusRootErrors(schema, path));
  if (schema.nullable) errs.push(forbidden(child(path, 'openAPIV3Schema.nullable'), 'nullable cannot be true at the root'));
  const rootPath = child(path, 'openAPIV3Schema');
  const structural = validateStructural(schema, rootPath);
  errs.push(...(structural.length ? structural : defaultErrors(schema, rootPath, false, true)));
  errs.push(...validateOpenAPISchema(schema, rootPath));
  return errs;
}
