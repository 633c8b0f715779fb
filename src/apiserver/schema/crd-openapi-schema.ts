// The per-node checks kube applies to a CRD's openAPIV3Schema
// (ValidateCustomResourceDefinitionOpenAPISchema and specStandardValidatorV3 in
// apiextensions/validation): unsupported OpenAPI keywords, forbidden defaults (top-level metadata,
// additionalProperties under metadata), properties vs additionalProperties, and the
// x-kubernetes-* list/map extensions. CEL rules are only checked for presence and shape, never
// compiled. Properties are visited in document order (kube's map order is random).
import type { FieldError } from '../../machinery/errors.js';
import { child, forbidden, index, invalid, key, notSupported, required } from '../../machinery/validation/field.js';
import { goLiteral, goQuote } from '../../machinery/validation/gofmt.js';
import { itemsOf, type JSONSchemaProps } from './schema-types.js';

interface Ctx {
  allowDefaults: boolean;
  disallowReason: string;
  insideResourceMeta: boolean;
}

const OPENAPI_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
const VALIDATION_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];

function nodeErrors(s: JSONSchemaProps, path: string, ctx: Ctx): FieldError[] {
  const errs: FieldError[] = [];
  if (s.type && !OPENAPI_TYPES.includes(s.type)) errs.push(notSupported(child(path, 'type'), s.type, OPENAPI_TYPES));
  if (s.default !== undefined && s.default !== null && !ctx.allowDefaults) {
    errs.push(forbidden(child(path, 'default'), `must not be set${ctx.disallowReason ? ` ${ctx.disallowReason}` : ''}`));
  }
  if (s.id) errs.push(forbidden(child(path, 'id'), 'id is not supported'));
  if (s.additionalItems !== undefined && s.additionalItems !== null) errs.push(forbidden(child(path, 'additionalItems'), 'additionalItems is not supported'));
  if (s.patternProperties && Object.keys(s.patternProperties).length) errs.push(forbidden(child(path, 'patternProperties'), 'patternProperties is not supported'));
  if (s.definitions && Object.keys(s.definitions).length) errs.push(forbidden(child(path, 'definitions'), 'definitions is not supported'));
  if (s.dependencies) errs.push(forbidden(child(path, 'dependencies'), 'dependencies is not supported'));
  if (s.$ref !== undefined) errs.push(forbidden(child(path, '$ref'), '$ref is not supported'));
  if (s.type === 'null') errs.push(forbidden(child(path, 'type'), 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items) && s.items.length) errs.push(forbidden(child(path, 'items'), 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource']) {
    errs.push(forbidden(child(path, 'x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
  }
  return errs;
}

function listAndMapErrors(s: JSONSchemaProps, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const listType = s['x-kubernetes-list-type'];
  const mapType = s['x-kubernetes-map-type'];
  const mapKeys = s['x-kubernetes-list-map-keys'] ?? [];
  const items = itemsOf(s);
  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errs.push(invalid(child(path, 'x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  }
  if (mapType !== undefined && s.type !== 'object') {
    if (!s.type) errs.push(required(child(path, 'type'), 'must be object if x-kubernetes-map-type is specified'));
    else errs.push(invalid(child(path, 'type'), s.type, 'must be object if x-kubernetes-map-type is specified'));
  }
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') {
    errs.push(notSupported(child(path, 'x-kubernetes-map-type'), mapType, ['atomic', 'granular']));
  }
  if (listType !== undefined && s.type !== 'array') {
    if (!s.type) errs.push(required(child(path, 'type'), 'must be array if x-kubernetes-list-type is specified'));
    else errs.push(invalid(child(path, 'type'), s.type, 'must be array if x-kubernetes-list-type is specified'));
  } else if (listType === 'set' && items) {
    if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
      errs.push(invalid(child(path, 'items', 'x-kubernetes-list-type'), items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
    if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      errs.push(invalid(child(path, 'items', 'x-kubernetes-map-type'), items['x-kubernetes-list-type'] ?? null, 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
  }
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) {
    errs.push(notSupported(child(path, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  }
  if (mapKeys.length) {
    if (listType === undefined) errs.push(required(child(path, 'x-kubernetes-list-type'), 'must be map if x-kubernetes-list-map-keys is non-empty'));
    else if (listType !== 'map') errs.push(invalid(child(path, 'x-kubernetes-list-type'), listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (listType === 'map') errs.push(...listMapErrors(s, path, mapKeys));
  errs.push(...mapListKeysMapSetErrors(s, path));
  return errs;
}

function listMapErrors(s: JSONSchemaProps, path: string, mapKeys: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (mapKeys.length === 0) errs.push(required(child(path, 'x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
  if (s.items === undefined) errs.push(required(child(path, 'items'), 'must have a schema if x-kubernetes-list-type is map'));
  const items = itemsOf(s);
  if (s.items !== undefined && !items) errs.push(invalid(child(path, 'items'), goLiteral('&apiextensions.JSONSchemaPropsOrArray{...}'), 'must only have a single schema if x-kubernetes-list-type is map'));
  if (items && items.type !== 'object') errs.push(invalid(child(path, 'items', 'type'), items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
  if (items && items.type === 'object') {
    const keysLiteral = goLiteral(`[]string{${mapKeys.map(goQuote).join(', ')}}`);
    const seen = new Set<string>();
    for (const k of mapKeys) {
      const prop = items.properties?.[k];
      if (prop) {
        if (prop.type === 'array' || prop.type === 'object') {
          errs.push(invalid(child(key(child(path, 'items', 'properties'), k), 'type'), items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
        }
      } else {
        errs.push(invalid(child(path, 'x-kubernetes-list-map-keys'), keysLiteral, 'entries must all be names of item properties'));
      }
      if (seen.has(k)) errs.push(invalid(child(path, 'x-kubernetes-list-map-keys'), keysLiteral, 'must not contain duplicate entries'));
      seen.add(k);
    }
  }
  return errs;
}

function mapListKeysMapSetErrors(s: JSONSchemaProps, path: string): FieldError[] {
  const items = itemsOf(s);
  const listType = s['x-kubernetes-list-type'];
  if (!items || (listType !== 'set' && listType !== 'map')) return [];
  const errs: FieldError[] = [];
  if (items.nullable) errs.push(forbidden(child(path, 'items', 'nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`));
  if (listType === 'map') {
    const req = new Set(items.required ?? []);
    for (const k of s['x-kubernetes-list-map-keys'] ?? []) {
      const prop = items.properties?.[k];
      if (!prop) continue;
      const propPath = key(child(path, 'items', 'properties'), k);
      if (!req.has(k) && (prop.default === undefined || prop.default === null)) {
        errs.push(required(child(propPath, 'default'), 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
      }
      if (prop.nullable) errs.push(forbidden(child(propPath, 'nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
    }
  }
  return errs;
}

function celRuleErrors(s: JSONSchemaProps, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (s['x-kubernetes-validations'] ?? []).forEach((rule, i) => {
    const p = index(child(path, 'x-kubernetes-validations'), i);
    const r = (rule.rule ?? '').trim();
    const msg = (rule.message ?? '').trim();
    if (!r) errs.push(required(child(p, 'rule'), 'rule is not specified'));
    else if (rule.message && !msg) errs.push(invalid(child(p, 'message'), rule.message, 'message must be non-empty if specified'));
    else if (/[\n\r]/.test(msg)) errs.push(invalid(child(p, 'message'), rule.message, 'message must not contain line breaks'));
    else if (/[\n\r]/.test(r) && !msg) errs.push(required(child(p, 'message'), 'message must be specified if rule contains line breaks'));
    if (rule.messageExpression && !rule.messageExpression.trim()) {
      errs.push(required(child(p, 'messageExpression'), 'messageExpression must be non-empty if specified'));
    }
    if (rule.reason !== undefined && !VALIDATION_REASONS.includes(rule.reason)) errs.push(notSupported(child(p, 'reason'), rule.reason, VALIDATION_REASONS));
    if (rule.fieldPath && !rule.fieldPath.trim()) errs.push(invalid(child(p, 'fieldPath'), rule.fieldPath, 'fieldPath must be non-empty if specified'));
    if (rule.fieldPath && /[\n\r]/.test(rule.fieldPath)) errs.push(invalid(child(p, 'fieldPath'), rule.fieldPath, 'fieldPath must not contain line breaks'));
  });
  return errs;
}

function walk(s: JSONSchemaProps | undefined, path: string, ctx: Ctx, isRoot: boolean): FieldError[] {
  if (!s) return [];
  const errs = nodeErrors(s, path, ctx);
  if (s.uniqueItems) errs.push(forbidden(child(path, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  const ap = s.additionalProperties;
  if (ap !== undefined && ap !== null) {
    const props = Object.keys(s.properties ?? {}).length;
    if (props && (ap === false || typeof ap === 'object')) {
      errs.push(forbidden(child(path, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
    }
    const sub = ctx.insideResourceMeta ? { ...ctx, allowDefaults: false, disallowReason: 'inside additionalProperties applying to object metadata' } : ctx;
    if (typeof ap === 'object') errs.push(...walk(ap, child(path, 'additionalProperties'), sub, false));
  }
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    let sub = ctx;
    if ((isRoot || s['x-kubernetes-embedded-resource']) && META_FIELDS.has(name)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, disallowReason: `in top-level ${name}` };
    }
    errs.push(...walk(prop, key(child(path, 'properties'), name), sub, false));
  }
  errs.push(...walk(s.not, child(path, 'not'), ctx, false));
  (s.allOf ?? []).forEach((x, i) => errs.push(...walk(x, index(child(path, 'allOf'), i), ctx, false)));
  (s.oneOf ?? []).forEach((x, i) => errs.push(...walk(x, index(child(path, 'oneOf'), i), ctx, false)));
  (s.anyOf ?? []).forEach((x, i) => errs.push(...walk(x, index(child(path, 'anyOf'), i), ctx, false)));
  for (const [name, def] of Object.entries(s.definitions ?? {})) errs.push(...walk(def, key(child(path, 'definitions'), name), ctx, false));
  if (Array.isArray(s.items)) s.items.forEach((x, i) => errs.push(...walk(x, index(child(path, 'items'), i), ctx, false)));
  else errs.push(...walk(s.items, child(path, 'items'), ctx, false));
  errs.push(...listAndMapErrors(s, path));
  errs.push(...celRuleErrors(s, path));
  return errs;
}

/** Node-by-node checks of an openAPIV3Schema rooted at `path` (`...openAPIV3Schema`). */
export function validateOpenAPISchema(schema: JSONSchemaProps, path: string): FieldError[] {
  return walk(schema, path, { allowDefaults: true, disallowReason: '', insideResourceMeta: false }, true);
}
