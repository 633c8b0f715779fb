// The schema validator kube-apiserver runs on custom resources: a port of kube-openapi's
// validate.SchemaValidator (type, schema-props, string, format, number, slice, enum, object
// validators, in that order, errors deduplicated by text) producing its errors with their `name`
// (a path like `spec.items[0].port`) and messages (`spec.replicas in body must be of type
// integer: "string"`). openapi-errors.ts turns them into kube's field errors. Decoded JSON numbers
// are int64 when integral, float64 otherwise, as Go decodes them. Not ported: $ref, dependencies,
// patternProperties, additionalItems (CRD validation forbids them) and CEL rules.
import { goNumber, goQuote, isGoInt } from '../../machinery/validation/gofmt.js';
import { checkFormat, effectiveFormat } from './formats.js';
import { isJSONInteger, numberErrors } from './openapi-number.js';
import {
  additionalPropertiesOf, hasProperty, isIntOrString, isObj, itemsOf, jsonEqual, propertiesOf, type JSONSchemaProps,
} from './schema-types.js';

export type OpenAPICode =
  | 'type' | 'required' | 'tooLong' | 'tooShort' | 'pattern' | 'enum' | 'multipleOf' | 'multipleOfPositive' | 'max' | 'min'
  | 'unique' | 'maxItems' | 'minItems' | 'minProperties' | 'maxProperties' | 'forbiddenProperty' | 'composite';

export interface OpenAPIError {
  code: OpenAPICode;
  /** Path of the offending value in kube-openapi's notation ('' for the root). */
  name: string;
  message: string;
  value?: unknown;
  /** The bound that failed (maxLength, maxItems, maxProperties). */
  valid?: number;
  /** Allowed values, for enum. */
  values?: unknown[];
}

const IN = 'body';

/** Collects errors, dropping any whose message was already reported (Result.AddErrors). */
export class Result {
  readonly errors: OpenAPIError[] = [];
  add(...errs: OpenAPIError[]): this {
    for (const e of errs) if (!this.errors.some((x) => x.message === e.message)) this.errors.push(e);
    return this;
  }
  get valid(): boolean {
    return this.errors.length === 0;
  }
}

/** errors.InvalidType: `<name> in body must be of type <t>: "<v>"` (quoted when v is a string). */
export function invalidType(name: string, typeName: string, value: unknown): OpenAPIError {
  const tail = typeof value === 'string' ? `: ${goQuote(value)}` : '';
  return { code: 'type', name, value, message: `${name} in ${IN} must be of type ${typeName}${tail}` };
}

function schemaTypes(s: JSONSchemaProps): string[] {
  if (isIntOrString(s)) return ['integer', 'string'];
  return s.type ? [s.type] : [];
}

/** The JSON type and format kube-openapi infers for a decoded value. */
function dataInfo(v: unknown): [string, string] {
  if (typeof v === 'boolean') return ['boolean', ''];
  if (typeof v === 'string') return ['string', ''];
  if (typeof v === 'number') return isGoInt(v) ? ['integer', 'int64'] : ['number', 'float64'];
  if (Array.isArray(v)) return ['array', ''];
  return ['object', ''];
}

function typeErrors(s: JSONSchemaProps, data: unknown, name: string): OpenAPIError[] {
  const types = schemaTypes(s);
  const format = effectiveFormat(s.format);
  if (types.length === 0 && !format) return [];
  if (data === null || data === undefined) {
    return types.length > 0 && !types.includes('null') && s.nullable !== true ? [invalidType(name, types.join(','), 'null')] : [];
  }
  const [schType, dataFormat] = dataInfo(data);
  const isStringish = typeof data === 'string' || Array.isArray(data);
  const numeric = types.includes('number') || types.includes('integer');
  const isFloatInt = schType === 'number' && isJSONInteger(data as number) && types.includes('integer');
  const isIntFloat = schType === 'integer' && types.includes('number');
  if (!isStringish && format && !(types.includes(schType) || dataFormat === format || isFloatInt || isIntFloat)) {
    return [invalidType(name, format, dataFormat)];
  }
  if (!numeric && format && isStringish) return [];
  if (!(types.includes(schType) || isFloatInt || isIntFloat)) return [invalidType(name, types.join(','), schType)];
  return [];
}

function compileGoRegexp(pattern: string): RegExp {
  const inline = /^\(\?([imsU]+)\)/.exec(pattern);
  const flags = inline ? inline[1]!.replace(/U/g, '') : '';
  const body = inline ? pattern.slice(inline[0].length) : pattern;
  try { return new RegExp(body, `${flags}u`); } catch { return new RegExp(body, flags); }
}

function stringErrors(s: JSONSchemaProps, data: string, name: string): OpenAPIError[] {
  const length = [...data].length;
  if (s.maxLength !== undefined && length > s.maxLength) {
    return [{ code: 'tooLong', name, value: data, valid: s.maxLength, message: `${name} in ${IN} should be at most ${s.maxLength} chars long` }];
  }
  if (s.minLength !== undefined && length < s.minLength) {
    return [{ code: 'tooShort', name, value: data, valid: s.minLength, message: `${name} in ${IN} should be at least ${s.minLength} chars long` }];
  }
  if (s.pattern) {
    let re: RegExp | undefined;
    try { re = compileGoRegexp(s.pattern); } catch (err) {
      const detail = `${s.pattern}, but pattern is invalid: ${(err as Error).message}`;
      return [{ code: 'pattern', name, value: data, message: `${name} in ${IN} should match '${detail}'` }];
    }
    if (!re.test(data)) return [{ code: 'pattern', name, value: data, message: `${name} in ${IN} should match '${s.pattern}'` }];
  }
  return [];
}

function formatErrors(s: JSONSchemaProps, data: string, name: string): OpenAPIError[] {
  const format = effectiveFormat(s.format);
  if (!format || checkFormat(format, data)) return [];
  return [invalidType(name, format, data)];
}

/** %v of an enum list: [a b 1 map[k:v]]. */
function goList(values: unknown[]): string {
  const one = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? goNumber(v)
    : v === null ? '<nil>' : Array.isArray(v) ? `[${v.map(one).join(' ')}]`
      : isObj(v) ? `map[${Object.keys(v).sort().map((k) => `${k}:${one(v[k])}`).join(' ')}]` : String(v));
  return `[${values.map(one).join(' ')}]`;
}

function enumErrors(s: JSONSchemaProps, data: unknown, name: string): OpenAPIError[] {
  const values = s.enum;
  if (!values || values.length === 0) return [];
  if (data !== null && data !== undefined && values.some((v) => jsonEqual(v, data))) return [];
  return [{ code: 'enum', name, value: data, values, message: `${name} in ${IN} should be one of ${goList(values)}` }];
}

function sliceErrors(s: JSONSchemaProps, data: unknown[], name: string): OpenAPIError[] {
  const r = new Result();
  const items = itemsOf(s);
  if (items) data.forEach((v, i) => r.add(...validateValue(items, v, `${name}[${i}]`)));
  const size = data.length;
  if (s.minItems !== undefined && size < s.minItems) {
    r.add({ code: 'minItems', name, value: size, valid: s.minItems, message: `${name} in ${IN} should have at least ${s.minItems} items` });
  }
  if (s.maxItems !== undefined && size > s.maxItems) {
    r.add({ code: 'maxItems', name, value: size, valid: s.maxItems, message: `${name} in ${IN} should have at most ${s.maxItems} items` });
  }
  if (s.uniqueItems && data.some((v, i) => data.slice(0, i).some((u) => jsonEqual(u, v)))) {
    r.add({ code: 'unique', name, message: `${name} in ${IN} shouldn't contain duplicates` });
  }
  return r.errors;
}

function objectErrors(s: JSONSchemaProps, data: Record<string, unknown>, name: string): OpenAPIError[] {
  const r = new Result();
  const keys = Object.keys(data);
  if (s.minProperties !== undefined && keys.length < s.minProperties) {
    r.add({ code: 'minProperties', name, value: keys.length, valid: s.minProperties, message: `${name} in ${IN} should have at least ${s.minProperties} properties` });
  }
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) {
    r.add({ code: 'maxProperties', name, value: keys.length, valid: s.maxProperties, message: `${name} in ${IN} should have at most ${s.maxProperties} properties` });
  }
  const ap = additionalPropertiesOf(s);
  for (const k of keys) {
    if (hasProperty(s, k)) continue;
    if (ap.kind === 'bool' && !ap.allows) r.add({ code: 'forbiddenProperty', name, value: k, message: `${name}.${k} in ${IN} is a forbidden property` });
    else if (ap.kind === 'schema') r.add(...validateValue(ap.schema, data[k], `${name}.${k}`));
  }
  for (const k of keys) {
    if (hasProperty(s, k)) r.add(...validateValue(propertiesOf(s)[k]!, data[k], name ? `${name}.${k}` : k));
  }
  for (const k of s.required ?? []) {
    if (!(k in data)) r.add({ code: 'required', name: `${name}.${k}`, message: `${name}.${k} in ${IN} is required` });
  }
  return r.errors;
}

function composite(message: string): OpenAPIError {
  return { code: 'composite', name: '', message };
}

function schemaPropsErrors(s: JSONSchemaProps, data: unknown, name: string): OpenAPIError[] {
  const r = new Result();
  if (s.anyOf?.length) {
    const results = s.anyOf.map((sub) => validateValue(sub, data, name));
    if (!results.some((e) => e.length === 0)) {
      r.add(composite(`${goQuote(name)} must validate at least one schema (anyOf)`), ...results[0]!);
    }
  }
  if (s.oneOf?.length) {
    const results = s.oneOf.map((sub) => validateValue(sub, data, name));
    const validated = results.filter((e) => e.length === 0).length;
    if (validated !== 1) {
      const detail = validated === 0 ? 'Found none valid' : `Found ${validated} valid alternatives`;
      r.add(composite(`${goQuote(name)} must validate one and only one schema (oneOf). ${detail}`));
      if (validated === 0) r.add(...results[0]!);
    }
  }
  if (s.allOf?.length) {
    const results = s.allOf.map((sub) => validateValue(sub, data, name));
    results.forEach((e) => r.add(...e));
    const validated = results.filter((e) => e.length === 0).length;
    if (validated !== results.length) {
      r.add(composite(`${goQuote(name)} must validate all the schemas (allOf)${validated === 0 ? '. None validated' : ''}`));
    }
  }
  if (s.not && validateValue(s.not, data, name).length === 0) {
    r.add(composite(`${goQuote(name)} must not validate the schema (not)`));
  }
  return r.errors;
}

/** Validates a decoded value against a schema; `name` is the value's path ('' for the root). */
export function validateValue(s: JSONSchemaProps, data: unknown, name = ''): OpenAPIError[] {
  const r = new Result();
  if (data === null || data === undefined) return r.add(...typeErrors(s, data, name), ...enumErrors(s, data, name)).errors;
  r.add(...typeErrors(s, data, name));
  r.add(...schemaPropsErrors(s, data, name));
  if (typeof data === 'string') r.add(...stringErrors(s, data, name), ...formatErrors(s, data, name));
  if (typeof data === 'number') r.add(...numberErrors(s, data, name));
  if (Array.isArray(data)) r.add(...sliceErrors(s, data, name));
  r.add(...enumErrors(s, data, name));
  if (isObj(data)) r.add(...objectErrors(s, data, name));
  return r.errors;
}

