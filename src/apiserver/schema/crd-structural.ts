// Structural-schema rules of CRDs (apiextensions-apiserver schema/validation.go and complete.go):
// a type at every level (unless int-or-string or preserve-unknown-fields), items for arrays, no
// additionalProperties at the root, metadata restricted to name/generateName at the root, and
// value validations (allOf/anyOf/oneOf/not) that only restrict values: no types, defaults,
// descriptions, extensions or fields the structural part does not declare. Errors are sorted by
// message, as kube sorts them. Default values are checked in crd-defaults-validation.ts.
import type { FieldError } from '../../machinery/errors.js';
import { child, forbidden, index, invalid, key, required } from '../../machinery/validation/field.js';
import { additionalPropertiesOf, itemsOf, jsonEqual, type JSONSchemaProps } from './schema-types.js';

type Level = 'root' | 'item' | 'field';

const INT_OR_STRING_ANY_OF = [{ type: 'integer' }, { type: 'string' }];
const isIntOrStringAnyOf = (anyOf: JSONSchemaProps[] | undefined): boolean => !!anyOf && jsonEqual(anyOf, INT_OR_STRING_ANY_OF);

const EMPTY_TYPE_DETAIL: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};

/** RE2 rejects what JavaScript accepts in lookarounds and backreferences. */
function regexpProblem(pattern: string): string | undefined {
  const perl = /\(\?<?[=!]/.exec(pattern);
  if (perl) return `error parsing regexp: invalid or unsupported Perl syntax: \`${perl[0]}\``;
  const backref = /\\[1-9]/.exec(pattern);
  if (backref) return `error parsing regexp: invalid escape sequence: \`${backref[0]}\``;
  for (const flags of ['u', '']) {
    try { new RegExp(pattern, flags); return undefined; } catch (err) { if (flags === '') return `error parsing regexp: ${(err as Error).message}`; }
  }
  return undefined;
}

function valueValidationErrors(s: JSONSchemaProps, path: string, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf) (s.anyOf ?? []).forEach((v, i) => errs.push(...nestedErrors(v, index(child(path, 'anyOf'), i), false)));
  (s.allOf ?? []).forEach((v, i) => errs.push(...nestedErrors(v, index(child(path, 'allOf'), i), skipFirstAllOfAnyOf && i === 0)));
  (s.oneOf ?? []).forEach((v, i) => errs.push(...nestedErrors(v, index(child(path, 'oneOf'), i), false)));
  if (s.not) errs.push(...nestedErrors(s.not, child(path, 'not'), false));
  const problem = s.pattern ? regexpProblem(s.pattern) : undefined;
  if (problem) errs.push(invalid(child(path, 'pattern'), s.pattern, `must be a valid regular expression, but isn't: ${problem}`));
  return errs;
}

function nestedErrors(v: JSONSchemaProps, path: string, skipAnyOf: boolean): FieldError[] {
  const errs = valueValidationErrors(v, path, skipAnyOf, false);
  const items = itemsOf(v);
  if (items) errs.push(...nestedErrors(items, child(path, 'items'), false));
  for (const [k, p] of Object.entries(v.properties ?? {})) errs.push(...nestedErrors(p, key(child(path, 'properties'), k), false));
  const mustBe = (field: string, detail: string): void => { errs.push(forbidden(child(path, field), detail)); };
  if (v.type) mustBe('type', 'must be empty to be structural');
  if (v.additionalProperties !== undefined && v.additionalProperties !== false && v.additionalProperties !== null) {
    mustBe('additionalProperties', 'must be undefined to be structural');
  }
  if (v.default !== undefined && v.default !== null) mustBe('default', 'must be undefined to be structural');
  if (v.title) mustBe('title', 'must be empty to be structural');
  if (v.description) mustBe('description', 'must be empty to be structural');
  if (v.nullable) mustBe('nullable', 'must be false to be structural');
  if (v['x-kubernetes-preserve-unknown-fields']) mustBe('x-kubernetes-preserve-unknown-fields', 'must be false to be structural');
  if (v['x-kubernetes-embedded-resource']) mustBe('x-kubernetes-embedded-resource', 'must be false to be structural');
  if (v['x-kubernetes-int-or-string']) mustBe('x-kubernetes-int-or-string', 'must be false to be structural');
  if (v['x-kubernetes-list-map-keys']?.length) mustBe('x-kubernetes-list-map-keys', 'must be empty to be structural');
  if (v['x-kubernetes-list-type'] !== undefined) mustBe('x-kubernetes-list-type', 'must be undefined to be structural');
  if (v['x-kubernetes-map-type'] !== undefined) mustBe('x-kubernetes-map-type', 'must be undefined to be structural');
  if (v['x-kubernetes-validations']?.length) mustBe('x-kubernetes-validations', 'must be empty to be structural');
  if (v.properties && 'metadata' in v.properties) {
    errs.push(forbidden(key(child(path, 'properties'), 'metadata'), 'must not be specified in a nested context'));
  }
  return errs;
}

/** Keywords the structural form does not carry (or that are checked elsewhere), so never compared. */
const NOT_STRUCTURAL = new Set(['type', 'default', 'example', 'externalDocs', 'id', '$schema', '$ref', 'patternProperties', 'definitions', 'dependencies', 'additionalItems']);

/** At the root, metadata may only restrict name and generateName (its type and default are checked elsewhere). */
function rootMetadataErrors(m: JSONSchemaProps, path: string): FieldError[] {
  const props = Object.keys(m.properties ?? {});
  const onlyNames = props.every((p) => p === 'name' || p === 'generateName');
  const rest = Object.entries(m).filter(([k, v]) => {
    if (NOT_STRUCTURAL.has(k)) return false;
    if (k === 'properties') return !onlyNames && props.length > 0;
    if (k === 'additionalProperties') return v !== undefined && v !== null;
    return v !== undefined && v !== null && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0);
  });
  return rest.length ? [forbidden(path, 'must not specify anything other than name and generateName, but metadata is implicitly specified')] : [];
}

function invariants(s: JSONSchemaProps | undefined, level: Level, path: string): FieldError[] {
  if (!s) return [];
  const errs: FieldError[] = [];
  const items = itemsOf(s);
  if (s.type === 'array' && !items) errs.push(required(child(path, 'items'), 'must be specified'));
  errs.push(...invariants(items, 'item', child(path, 'items')));
  for (const [k, p] of Object.entries(s.properties ?? {})) errs.push(...invariants(p, 'field', key(child(path, 'properties'), k)));
  const ap = additionalPropertiesOf(s);
  if (ap.kind !== 'none') {
    if (level === 'root') errs.push(forbidden(child(path, 'additionalProperties'), 'must not be used at the root'));
    if (ap.kind === 'schema') errs.push(...invariants(ap.schema, 'field', child(path, 'additionalProperties')));
  }
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (intOrString && preserve) errs.push(invalid(child(path, 'x-kubernetes-preserve-unknown-fields'), true, 'must be false if x-kubernetes-int-or-string is true'));
  if (intOrString && embedded) errs.push(invalid(child(path, 'x-kubernetes-embedded-resource'), true, 'must be false if x-kubernetes-int-or-string is true'));
  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const skipFirstAllOfAnyOf = isIntOrStringAnyOf(s.allOf?.[0]?.anyOf);
  errs.push(...valueValidationErrors(s, path, skipAnyOf, skipFirstAllOfAnyOf));
  if (embedded && s.type !== 'object') {
    if (!s.type) errs.push(required(child(path, 'type'), 'must be object if x-kubernetes-embedded-resource is true'));
    else errs.push(invalid(child(path, 'type'), s.type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (!s.type && !intOrString && !preserve) {
    errs.push(required(child(path, 'type'), EMPTY_TYPE_DETAIL[level]));
  }
  if (embedded && ap.kind !== 'none') errs.push(forbidden(child(path, 'additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  if (level === 'root' && s.type && s.type !== 'object') errs.push(invalid(child(path, 'type'), s.type, 'must be object at the root'));
  const checkMetadata = level === 'root' || embedded;
  for (const field of ['kind', 'apiVersion']) {
    const p = s.properties?.[field];
    if (p && checkMetadata && p.type !== 'string') errs.push(invalid(child(key(child(path, 'properties'), field), 'type'), p.type ?? '', 'must be string'));
  }
  const metadata = s.properties?.metadata;
  if (metadata) {
    const mPath = key(child(path, 'properties'), 'metadata');
    if (checkMetadata && metadata.type !== 'object') errs.push(invalid(child(mPath, 'type'), metadata.type ?? '', 'must be object'));
    if (level === 'root') errs.push(...rootMetadataErrors(metadata, mPath));
  }
  if (embedded && !preserve && Object.keys(s.properties ?? {}).length === 0) {
    errs.push(required(child(path, 'properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errs;
}

function completeness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): FieldError[] {
  if (!s) return [required(sPath, `because it is defined in ${vPath}`)];
  const errs = rootCompleteness(v, s, sPath, vPath);
  const items = itemsOf(v);
  if (items) errs.push(...completeness(items, itemsOf(s), child(sPath, 'items'), child(vPath, 'items')));
  for (const [k, p] of Object.entries(v.properties ?? {})) {
    const sp = key(child(sPath, 'properties'), k);
    const vp = key(child(vPath, 'properties'), k);
    const sub = s.properties?.[k];
    errs.push(...(sub ? completeness(p, sub, sp, vp) : [required(sp, `because it is defined in ${vp}`)]));
  }
  return errs;
}

function rootCompleteness(v: JSONSchemaProps, s: JSONSchemaProps, sPath: string, vPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (v.not) errs.push(...completeness(v.not, s, sPath, child(vPath, 'not')));
  (v.allOf ?? []).forEach((x, i) => errs.push(...completeness(x, s, sPath, index(child(vPath, 'allOf'), i))));
  (v.anyOf ?? []).forEach((x, i) => errs.push(...completeness(x, s, sPath, index(child(vPath, 'anyOf'), i))));
  (v.oneOf ?? []).forEach((x, i) => errs.push(...completeness(x, s, sPath, index(child(vPath, 'oneOf'), i))));
  return errs;
}

/** ValidateStructural: every violation of the structural rules, sorted by message. */
export function validateStructural(schema: JSONSchemaProps, path: string): FieldError[] {
  const errs = [...invariants(schema, 'root', path), ...rootCompleteness(schema, schema, path, path)];
  return errs.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}
