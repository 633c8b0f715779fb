// The openAPIV3Schema of a CRD version as it appears in JSON (apiextensions.k8s.io/v1
// JSONSchemaProps), with small accessors that smooth over its union fields (items may be an array,
// additionalProperties may be a boolean). Pure data: no behaviour beyond reading.

import { isObject } from '../../machinery/json.js';

export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  title?: string;
  default?: unknown;
  example?: unknown;
  nullable?: boolean;
  enum?: unknown[];
  maximum?: number;
  exclusiveMaximum?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  multipleOf?: number;
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  items?: JSONSchemaProps | JSONSchemaProps[];
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  allOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  id?: string;
  $ref?: string;
  $schema?: string;
  additionalItems?: unknown;
  patternProperties?: Record<string, JSONSchemaProps>;
  definitions?: Record<string, JSONSchemaProps>;
  dependencies?: Record<string, unknown>;
  externalDocs?: unknown;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: { rule?: string; message?: string; messageExpression?: string; reason?: string; fieldPath?: string; optionalOldSelf?: boolean }[];
}

export type Obj = Record<string, unknown>;

export const isObj: (v: unknown) => v is Obj = isObject;

/** The single items schema (an array of schemas is not structural and is treated as absent). */
export function itemsOf(s: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  const items = s?.items;
  return items && !Array.isArray(items) ? items : undefined;
}

export function propertiesOf(s: JSONSchemaProps | undefined): Record<string, JSONSchemaProps> {
  return s?.properties ?? {};
}

export function hasProperty(s: JSONSchemaProps | undefined, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(propertiesOf(s), key);
}

/**
 * additionalProperties as the structural schema sees it: absent; a schema; or `true`/`false`
 * without a schema (then values are unknown: pruned of all their fields).
 */
export type AdditionalProperties = { kind: 'none' } | { kind: 'schema'; schema: JSONSchemaProps } | { kind: 'bool'; allows: boolean };

export function additionalPropertiesOf(s: JSONSchemaProps | undefined): AdditionalProperties {
  const ap = s?.additionalProperties;
  if (ap === undefined || ap === null) return { kind: 'none' };
  if (typeof ap === 'boolean') return { kind: 'bool', allows: ap };
  return { kind: 'schema', schema: ap };
}

/** The schema of an object field: its property schema, else the additionalProperties schema. */
export function fieldSchema(s: JSONSchemaProps | undefined, key: string): JSONSchemaProps | undefined {
  if (hasProperty(s, key)) return propertiesOf(s)[key];
  const ap = additionalPropertiesOf(s);
  return ap.kind === 'schema' ? ap.schema : undefined;
}

export const preservesUnknown = (s: JSONSchemaProps | undefined): boolean => s?.['x-kubernetes-preserve-unknown-fields'] === true;
export const isEmbedded = (s: JSONSchemaProps | undefined): boolean => s?.['x-kubernetes-embedded-resource'] === true;
export const isIntOrString = (s: JSONSchemaProps | undefined): boolean => s?.['x-kubernetes-int-or-string'] === true;

/** A `default: null` decodes to no default at all in kube. */
export const hasDefault = (s: JSONSchemaProps | undefined): boolean => s?.default !== undefined && s?.default !== null;

/** Deep copy of decoded JSON. */
export function deepCopy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Deep equality of decoded JSON (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
