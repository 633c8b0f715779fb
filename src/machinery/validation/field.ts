// Field paths and field errors as k8s.io/apimachinery/pkg/util/validation/field renders them
// (`spec.containers[0].name: Invalid value: "x": detail`). Values are printed with Go's rules
// (gofmt.ts), which differ from errors.ts's simpler formatting for null, floats and typed slices.
// It builds the shared FieldError shape of machinery/errors.ts; it does not aggregate or dedupe
// (apierrors.NewInvalid does that, in errors.ts).
import type { FieldError } from '../errors.js';
import { goBadValue, goQuote } from './gofmt.js';

/** field.Path.Child: `a.b`; an empty parent gives the bare name. */
export function child(path: string, ...names: string[]): string {
  let out = path;
  for (const name of names) out = out ? `${out}.${name}` : name;
  return out;
}

/** field.Path.Index: `a[3]`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** field.Path.Key: `a[key]` (no quoting, as kube prints it). */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

function make(type: FieldError['type'], field: string, body: string): FieldError {
  return { type, field, message: `${field}: ${body}` };
}

function withDetail(body: string, detail: string): string {
  return detail ? `${body}: ${detail}` : body;
}

export function required(field: string, detail = ''): FieldError {
  return make('FieldValueRequired', field, withDetail('Required value', detail));
}

export function forbidden(field: string, detail: string): FieldError {
  return make('FieldValueForbidden', field, withDetail('Forbidden', detail));
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return make('FieldValueInvalid', field, withDetail(`Invalid value: ${goBadValue(value)}`, detail));
}

/** Same rendering as invalid, but typed FieldValueTypeInvalid (schema type mismatches). */
export function typeInvalid(field: string, value: unknown, detail: string): FieldError {
  return make('FieldValueTypeInvalid', field, withDetail(`Invalid value: ${goBadValue(value)}`, detail));
}

export function duplicate(field: string, value: unknown): FieldError {
  return make('FieldValueDuplicate', field, `Duplicate value: ${goBadValue(value)}`);
}

/** field.NotSupported: valid values are strconv.Quote'd and comma-joined. */
export function notSupported(field: string, value: unknown, valid: readonly string[]): FieldError {
  const detail = valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '';
  return make('FieldValueNotSupported', field, withDetail(`Unsupported value: ${goBadValue(value)}`, detail));
}

/** field.TooLong: the value is never printed; a negative max gives the generic wording. */
export function tooLong(field: string, max: number): FieldError {
  const detail = max >= 0 ? `may not be more than ${max} bytes` : 'value is too long';
  return make('FieldValueTooLong', field, `Too long: ${detail}`);
}

/** field.TooMany: `Too many: 4: must have at most 3 items`; a negative actual count is omitted. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  const head = actual >= 0 ? `Too many: ${actual}` : 'Too many';
  return make('FieldValueTooMany', field, `${head}: ${detail}`);
}

/** field.InternalError; typed as Invalid since the shared FieldError union has no internal type. */
export function internalError(field: string, detail: string): FieldError {
  return make('FieldValueInvalid', field, `Internal error: ${detail}`);
}

/** ErrorList.ToAggregate drops repeated messages, keeping the first. */
export function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}
