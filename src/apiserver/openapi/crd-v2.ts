// Reduces a CRD's structural schema to what Swagger 2.0 consumers (kubectl's legacy client-side
// validator) can cope with, after apiextensions-apiserver's ToStructuralOpenAPIV2 and the value
// validation stripping its v2 publisher asks for: no anyOf/allOf/oneOf/not, no nullable (such
// fields become untyped and optional), no properties or items under
// x-kubernetes-preserve-unknown-fields, no typed array without items, and no value validations.
// Embedded-resource metadata is not spelled out here (kube skips it too whenever unknown fields are
// preserved, which embedded resources nearly always do).
import type { Schema } from './well-known.js';

const DROPPED = [
  'allOf', 'anyOf', 'oneOf', 'not', 'nullable', 'format', 'maximum', 'exclusiveMaximum', 'minimum',
  'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf',
  'enum', 'maxProperties', 'minProperties', 'default', 'x-kubernetes-validations',
];

export function toSwaggerSchema(source: Schema): Schema {
  return reduce(source);
}

function reduce(source: Schema): Schema {
  const s: Schema = {};
  for (const [k, v] of Object.entries(source)) if (!DROPPED.includes(k)) s[k] = v;
  const preserve = source['x-kubernetes-preserve-unknown-fields'] === true;
  if (source.nullable === true || preserve) {
    delete s.properties;
    delete s.items;
  }
  if (source.nullable === true) delete s.type;
  const props = s.properties as Record<string, Schema> | undefined;
  if (props) {
    s.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, reduce(v)]));
    // A nullable field accepts null, which a v2 validator would report as missing.
    const nullable = Object.entries(props).filter(([, v]) => v.nullable === true).map(([k]) => k);
    const required = (s.required as string[] | undefined)?.filter((f) => !nullable.includes(f));
    if (required?.length) s.required = required;
    else delete s.required;
  }
  if (isSchema(s.items)) s.items = reduce(s.items);
  if (isSchema(s.additionalProperties)) s.additionalProperties = reduce(s.additionalProperties);
  if (s.type === 'array' && s.items === undefined) delete s.type;
  return s;
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
