// Definitions of a custom resource version, built the way apiextensions-apiserver's OpenAPI builder
// (controller/openapi/builder) does: the version's openAPIV3Schema with `metadata` replaced by a
// reference to ObjectMeta and apiVersion/kind added, tagged with its group-version-kind, plus a
// generated <Kind>List. Named like kube's REST-friendly names (example.com/v1 Widget →
// com.example.v1.Widget). For Swagger 2.0 the schema is reduced as kube reduces it for kubectl's old
// validator (crd-v2.ts). It does not validate the schema — the CRD strategy already did.
import { modelDoc } from '../../api/model-docs.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { toSwaggerSchema } from './crd-v2.js';
import type { DefinitionSet } from './definitions.js';
import type { KindDefinitions } from './paths.js';
import { refWith, type Flavor, type Schema } from './well-known.js';

const METADATA_DESCRIPTION = "Standard object metadata: name, namespace, labels, annotations and the other fields every object has.";
const LIST_METADATA_DESCRIPTION = 'Standard list metadata: resourceVersion and continue token of the list.';

/** `example.com`, `v1`, `Widget` → `com.example.v1.Widget` (kube-openapi's ToRESTFriendlyName). */
export function customDefinitionName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

export function addCustomKind(info: ResourceInfo, defs: DefinitionSet): KindDefinitions {
  const kind = customDefinitionName(info.group, info.version, info.kind);
  const list = customDefinitionName(info.group, info.version, info.listKind);
  const objectMeta = defs.addModel('V1ObjectMeta', 'meta');
  const listMeta = defs.addModel('V1ListMeta', 'meta');
  defs.addSchema(kind, kindSchema(info, objectMeta, defs.flavor));
  defs.addSchema(list, {
    description: `${info.listKind} is a list of ${info.kind}`,
    properties: {
      apiVersion: typeMetaProperty('apiVersion'),
      items: { description: `List of ${info.resource}.`, items: defs.ref(kind), type: 'array' },
      kind: typeMetaProperty('kind'),
      metadata: refWith(listMeta, { description: LIST_METADATA_DESCRIPTION }, defs.flavor),
    },
    required: ['items'],
  });
  defs.tagKinds(kind, [{ group: info.group, version: info.version, kind: info.kind }]);
  defs.tagKinds(list, [{ group: info.group, version: info.version, kind: info.listKind }]);
  return { kind, list };
}

function kindSchema(info: ResourceInfo, objectMeta: string, flavor: Flavor): Schema {
  const source = info.custom?.schema;
  // Without a schema (or, for Swagger 2.0, when unknown fields are kept at the root) the kind is a
  // bare object: listing apiVersion/kind/metadata would make old kubectl validators reject
  // every other field.
  if (!source || (flavor === 'v2' && source['x-kubernetes-preserve-unknown-fields'] === true)) return { type: 'object' };
  const schema = flavor === 'v3' ? unfold(structuredClone(source), objectMeta) : toSwaggerSchema(source);
  const properties = { ...((schema.properties as Record<string, Schema> | undefined) ?? {}) };
  properties.apiVersion = typeMetaProperty('apiVersion');
  properties.kind = typeMetaProperty('kind');
  properties.metadata = refWith(objectMeta, { description: METADATA_DESCRIPTION }, flavor);
  schema.properties = Object.fromEntries(Object.keys(properties).sort().map((k) => [k, properties[k]!]));
  return schema;
}

/** apiVersion and kind as TypeMeta documents them (the text is the same on every kind). */
function typeMetaProperty(field: 'apiVersion' | 'kind'): Schema {
  const description = modelDoc('V1Namespace')?.fields[field]?.description;
  return description ? { description, type: 'string' } : { type: 'string' };
}

/**
 * Spells out what the structural shorthand implies, as kube's Structural.Unfold does before
 * publishing: int-or-string becomes anyOf integer/string, and embedded resources get typed
 * apiVersion and kind and an ObjectMeta metadata (v3 only; Swagger 2.0 takes crd-v2.ts's path).
 */
function unfold(s: Schema, objectMeta: string): Schema {
  for (const key of ['properties', 'patternProperties'] as const) {
    const props = s[key] as Record<string, Schema> | undefined;
    if (props) for (const k of Object.keys(props)) props[k] = unfold(props[k]!, objectMeta);
  }
  if (isSchema(s.items)) s.items = unfold(s.items, objectMeta);
  if (isSchema(s.additionalProperties)) s.additionalProperties = unfold(s.additionalProperties, objectMeta);
  if (s['x-kubernetes-int-or-string'] === true && !s.anyOf && !s.allOf) {
    s.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (s['x-kubernetes-embedded-resource'] === true) {
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    props.apiVersion = { description: 'The API version of the embedded object.', type: 'string' };
    props.kind = { description: 'The kind of the embedded object.', type: 'string' };
    props.metadata = refWith(objectMeta, { description: METADATA_DESCRIPTION }, 'v3');
    s.properties = props;
    const required = new Set((s.required as string[] | undefined) ?? []);
    s.required = [...required, ...['kind', 'apiVersion'].filter((f) => !required.has(f))];
  }
  return s;
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
