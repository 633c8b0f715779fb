// Renders decoded JSON values as text the way kube-apiserver's Go code does when a custom resource
// column of type string prints a JSONPath result (client-go jsonpath PrintResults): scalars through
// fmt.Fprint, objects and arrays through encoding/json. Only JSON-shaped values are handled.
//
// JavaScript cannot tell 1 from 1.0 after JSON.parse; integral numbers are treated as Go's int64
// (which is what the unstructured decoder produces for them) and the rest as float64.

import { goNumber } from '../../machinery/validation/gofmt.js';

/** fmt.Fprint of a decoded JSON scalar; objects and arrays are JSON-encoded. */
export function goPrint(value: unknown): string {
  if (value === null || value === undefined) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return goFormatNumber(value);
  return goJsonMarshal(value);
}

/** %v of an int64 (integral values) or a float64 (strconv 'g' with shortest precision). */
export const goFormatNumber = goNumber;

/** encoding/json.Marshal of a decoded JSON value: map keys sorted, HTML characters escaped. */
export function goJsonMarshal(value: unknown): string {
  return encode(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Built by hand rather than with JSON.stringify on a key-sorted copy: JavaScript objects always
// iterate integer-like keys first, which would break Go's plain byte-order key sort.
function encode(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${encode(record[k])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
