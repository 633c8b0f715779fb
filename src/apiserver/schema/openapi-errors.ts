// kube's translation of schema validation results into field errors
// (apiextensions-apiserver validation.kubeOpenAPIResultToFieldErrors): required becomes Required,
// enum NotSupported (non-string values JSON-encoded), maxLength TooLong, maxItems/maxProperties
// TooMany, type mismatches TypeInvalid, everything else Invalid with the openapi message as detail.
// Errors that are not tied to a value (anyOf/oneOf/allOf/not) land on the base path, which prints
// as `<nil>` when validating from the root, exactly as kube prints them.
import type { FieldError } from '../../machinery/errors.js';
import {
  child, invalid, notSupported, required, tooLong, tooMany, typeInvalid,
} from '../../machinery/validation/field.js';
import type { OpenAPIError } from './openapi-validate.js';
import { isObj } from './schema-types.js';

/** encoding/json output: object keys sorted, as Go marshals maps. */
export function goJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJSON).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goJSON(v[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

function errorPath(base: string, name: string): string {
  const trimmed = name.startsWith('.') ? name.slice(1) : name;
  if (name.length > 0 && name !== '.') return child(base, trimmed);
  return base || '<nil>';
}

function convert(base: string, e: OpenAPIError): FieldError {
  if (e.code === 'composite') return invalid(base || '<nil>', '', e.message);
  const path = errorPath(base, e.name);
  const value = e.value ?? '';
  switch (e.code) {
    case 'required':
      return required(path);
    case 'enum':
      return notSupported(path, e.value ?? null, (e.values ?? []).map((v) => (typeof v === 'string' ? v : goJSON(v))));
    case 'tooLong':
      return tooLong(path, e.valid ?? -1);
    case 'maxItems':
    case 'maxProperties':
      return tooMany(path, typeof e.value === 'number' ? e.value : -1, e.valid ?? -1);
    case 'type':
      return typeInvalid(path, value, e.message);
    default:
      return invalid(path, value, e.message);
  }
}

/** Field errors for schema validation errors; `base` prefixes every path ('' for a whole object). */
export function toFieldErrors(errors: readonly OpenAPIError[], base = ''): FieldError[] {
  return errors.map((e) => convert(base, e));
}
