// Serializes the Swagger 2.0 document as the gnostic `openapi.v2.Document` protobuf — the only
// encoding client-go's DiscoveryClient.OpenAPISchema accepts (Accept:
// application/com.github.proto-openapi.spec.v2@v1.0+protobuf). kubectl falls back to it for
// client-side validation (always for `kind: List` manifests), for the PATCH type of kinds whose v3
// document offers no strategic merge patch, and for `explain --output plaintext-openapiv2`.
// Field numbers follow gnostic-models' OpenAPIv2.proto; only what our documents use is mapped.
// Vendor extensions travel as YAML text (JSON is YAML), which is how kube-openapi reads them.
import { ProtoMessage } from './proto-writer.js';
import type { Schema } from './well-known.js';

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const asNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const entries = (v: unknown): [string, unknown][] => Object.entries(asObject(v) ?? {});

export function encodeV2Document(doc: Schema): Buffer {
  const info = asObject(doc.info) ?? {};
  const m = new ProtoMessage()
    .string(1, asString(doc.swagger))
    .message(2, new ProtoMessage().string(1, asString(info.title)).string(2, asString(info.version)))
    .message(8, new ProtoMessage().messages(2, entries(doc.paths).map(([name, item]) => named(name, pathItem(asObject(item) ?? {})))))
    .message(9, new ProtoMessage().messages(1, entries(doc.definitions).map(([name, s]) => named(name, schema(asObject(s) ?? {})))))
    .messages(12, (Array.isArray(doc.security) ? doc.security : []).map((req) => securityRequirement(asObject(req) ?? {})))
    .message(13, new ProtoMessage().messages(1, entries(doc.securityDefinitions).map(([name, d]) => named(name, securityDefinition(asObject(d) ?? {})))));
  return m.finish();
}

function named(name: string, value: ProtoMessage): ProtoMessage {
  return new ProtoMessage().string(1, name).message(2, value);
}

/** x-* keys as NamedAny entries whose Any carries YAML text. */
function vendorExtensions(obj: Json): ProtoMessage[] {
  return Object.entries(obj)
    .filter(([k]) => k.startsWith('x-'))
    .map(([k, v]) => named(k, anyValue(v)));
}

function anyValue(v: unknown): ProtoMessage {
  return new ProtoMessage().string(2, `${JSON.stringify(v)}\n`);
}

function securityRequirement(req: Json): ProtoMessage {
  return new ProtoMessage().messages(1, Object.entries(req).map(([name, scopes]) =>
    named(name, new ProtoMessage().strings(1, asStrings(scopes)))));
}

function securityDefinition(d: Json): ProtoMessage {
  const apiKey = new ProtoMessage()
    .string(1, asString(d.type)).string(2, asString(d.name)).string(3, asString(d.in)).string(4, asString(d.description));
  return new ProtoMessage().message(2, apiKey);
}

const METHODS: [string, number][] = [['get', 2], ['put', 3], ['post', 4], ['delete', 5], ['patch', 8]];

function pathItem(item: Json): ProtoMessage {
  const m = new ProtoMessage();
  for (const [method, field] of METHODS) {
    const op = asObject(item[method]);
    if (op) m.message(field, operation(op));
  }
  return m.messages(9, parameters(item.parameters)).messages(10, vendorExtensions(item));
}

function operation(op: Json): ProtoMessage {
  const responses = new ProtoMessage().messages(1, entries(op.responses).map(([code, r]) => named(code, response(asObject(r) ?? {}))));
  return new ProtoMessage()
    .strings(1, asStrings(op.tags))
    .string(3, asString(op.description))
    .string(5, asString(op.operationId))
    .strings(6, asStrings(op.produces))
    .strings(7, asStrings(op.consumes))
    .messages(8, parameters(op.parameters))
    .message(9, responses)
    .strings(10, asStrings(op.schemes))
    .messages(13, vendorExtensions(op));
}

function response(r: Json): ProtoMessage {
  const s = asObject(r.schema);
  const m = new ProtoMessage().string(1, asString(r.description));
  // ResponseValue{response=1}{description=1, schema=2: SchemaItem{schema=1}}
  const body = s ? m.message(2, new ProtoMessage().message(1, schema(s))) : m;
  return new ProtoMessage().message(1, body);
}

function parameters(v: unknown): ProtoMessage[] {
  return (Array.isArray(v) ? v : []).map((p) => new ProtoMessage().message(1, parameter(asObject(p) ?? {})));
}

function parameter(p: Json): ProtoMessage {
  if (p.in === 'body') {
    const body = new ProtoMessage()
      .string(1, asString(p.description)).string(2, asString(p.name)).string(3, 'body').bool(4, p.required === true)
      .message(5, schema(asObject(p.schema) ?? {}));
    return new ProtoMessage().message(1, body);
  }
  // Query and path sub-schemas share their first fields; `type` and `uniqueItems` sit at different numbers.
  const isPath = p.in === 'path';
  const sub = new ProtoMessage()
    .bool(1, p.required === true).string(2, asString(p.in)).string(3, asString(p.description)).string(4, asString(p.name))
    .string(isPath ? 5 : 6, asString(p.type))
    .bool(isPath ? 19 : 20, p.uniqueItems === true);
  return new ProtoMessage().message(2, new ProtoMessage().message(isPath ? 4 : 3, sub));
}

function schema(s: Json): ProtoMessage {
  const m = new ProtoMessage()
    .string(1, asString(s.$ref)).string(2, asString(s.format)).string(3, asString(s.title)).string(4, asString(s.description));
  if (s.default !== undefined) m.message(5, anyValue(s.default));
  m.double(6, asNumber(s.multipleOf)).double(7, asNumber(s.maximum)).bool(8, s.exclusiveMaximum === true)
    .double(9, asNumber(s.minimum)).bool(10, s.exclusiveMinimum === true)
    .int(11, asNumber(s.maxLength)).int(12, asNumber(s.minLength)).string(13, asString(s.pattern))
    .int(14, asNumber(s.maxItems)).int(15, asNumber(s.minItems)).bool(16, s.uniqueItems === true)
    .int(17, asNumber(s.maxProperties)).int(18, asNumber(s.minProperties))
    .strings(19, asStrings(s.required))
    .messages(20, (Array.isArray(s.enum) ? s.enum : []).map(anyValue));
  if (typeof s.additionalProperties === 'boolean') m.message(21, new ProtoMessage().bool(2, s.additionalProperties));
  else if (asObject(s.additionalProperties)) m.message(21, new ProtoMessage().message(1, schema(asObject(s.additionalProperties)!)));
  if (typeof s.type === 'string') m.message(22, new ProtoMessage().strings(1, [s.type]));
  if (asObject(s.items)) m.message(23, new ProtoMessage().messages(1, [schema(asObject(s.items)!)]));
  m.messages(24, (Array.isArray(s.allOf) ? s.allOf : []).map((x) => schema(asObject(x) ?? {})));
  if (asObject(s.properties)) {
    m.message(25, new ProtoMessage().messages(1, entries(s.properties).map(([k, v]) => named(k, schema(asObject(v) ?? {})))));
  }
  m.bool(27, s.readOnly === true);
  if (s.example !== undefined) m.message(30, anyValue(s.example));
  return m.messages(31, vendorExtensions(s));
}
