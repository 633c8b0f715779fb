// kube-openapi's numberValidator: multipleOf, maximum and minimum, where an integral value (int64
// in Go) is compared against the bound truncated to an integer and the message prints that
// integer, while a float64 value is compared and printed as a float (fmt %v: `1e+06`). The
// quirks are kept on purpose, e.g. an integer checked against multipleOf 0.5 reports the factor
// as 0 ("must be positive"), as kube does.
import { goFloat, isGoInt } from '../../machinery/validation/gofmt.js';
import type { OpenAPIError } from './openapi-validate.js';
import type { JSONSchemaProps } from './schema-types.js';

const IN = 'body';

/** swag.IsFloat64AJSONInteger: integral, or within a relative 1e-9 of an integer. */
export function isJSONInteger(f: number): boolean {
  if (!Number.isFinite(f) || Math.abs(f) > 2 ** 53) return false;
  const g = Math.trunc(f);
  if (f === g) return true;
  return Math.abs(f - g) / (Math.abs(f) + Math.abs(g)) < 1e-9;
}

function boundError(code: 'max' | 'min', name: string, value: number, bound: string, exclusive: boolean): OpenAPIError {
  const relation = code === 'max'
    ? (exclusive ? 'less than' : 'less than or equal to')
    : (exclusive ? 'greater than' : 'greater than or equal to');
  return { code, name, value, message: `${name} in ${IN} should be ${relation} ${bound}` };
}

function maximum(name: string, value: number, max: number, exclusive: boolean): OpenAPIError[] {
  const limit = isGoInt(value) ? Math.trunc(max) : max;
  const over = exclusive ? value >= limit : value > limit;
  return over ? [boundError('max', name, value, isGoInt(value) ? String(limit) : goFloat(max), exclusive)] : [];
}

function minimum(name: string, value: number, min: number, exclusive: boolean): OpenAPIError[] {
  const limit = isGoInt(value) ? Math.trunc(min) : min;
  const under = exclusive ? value <= limit : value < limit;
  return under ? [boundError('min', name, value, isGoInt(value) ? String(limit) : goFloat(min), exclusive)] : [];
}

function multipleOf(name: string, value: number, factor: number): OpenAPIError[] {
  if (isGoInt(value)) {
    const f = Math.trunc(factor);
    if (f <= 0) {
      return [{ code: 'multipleOfPositive', name, value: f, message: `factor MultipleOf declared for ${name} must be positive: ${f}` }];
    }
    return value % f === 0 ? [] : [{ code: 'multipleOf', name, value, message: `${name} in ${IN} should be a multiple of ${f}` }];
  }
  if (factor <= 0) {
    return [{ code: 'multipleOfPositive', name, value: factor, message: `factor MultipleOf declared for ${name} must be positive: ${goFloat(factor)}` }];
  }
  const mult = factor < 1 ? (1 / factor) * value : value / factor;
  return isJSONInteger(mult) ? [] : [{ code: 'multipleOf', name, value, message: `${name} in ${IN} should be a multiple of ${goFloat(factor)}` }];
}

/** Errors in kube-openapi's order: multipleOf, minimum, maximum. */
export function numberErrors(s: JSONSchemaProps, value: number, name: string): OpenAPIError[] {
  const errs: OpenAPIError[] = [];
  if (s.multipleOf !== undefined) errs.push(...multipleOf(name, value, s.multipleOf));
  if (s.minimum !== undefined) errs.push(...minimum(name, value, s.minimum, s.exclusiveMinimum === true));
  if (s.maximum !== undefined) errs.push(...maximum(name, value, s.maximum, s.exclusiveMaximum === true));
  return errs;
}
