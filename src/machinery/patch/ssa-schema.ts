// The type information server-side apply walks objects with (structured-merge-diff's schema, as
// kube-openapi's schemaconv derives it): structs with declared fields, granular or atomic maps,
// atomic / set / map lists, scalars, and "deduced" untyped values (objects granular, lists atomic).
// Built-in kinds are typed from the generated models plus api/patch-meta.ts; custom resources from
// their CRD's openAPIV3Schema (x-kubernetes-list-type, -map-type, -preserve-unknown-fields); anything
// without a schema is deduced. It does not validate values against the types.
import { modelAttributes, type TypeRef } from '../../api/models.js';
import { fieldPatchMeta, isAtomicModel, keyFieldDefault, listSemantics } from '../../api/patch-meta.js';
import { isObject } from './json-value.js';

export type SsaType = ScalarType | MapType | ListType | DeducedType;

export interface ScalarType { kind: 'scalar' }
export interface DeducedType { kind: 'deduced'; atomic: boolean }

export interface MapType {
  kind: 'map';
  atomic: boolean;
  /** Declared (struct) fields; undefined for plain maps. */
  field(name: string): SsaType | undefined;
  /** Type of undeclared keys; undefined when a struct admits none. */
  elements: SsaType | undefined;
  /** Generated model name of a built-in struct, for Go zero-value shapes. */
  model?: string;
}

export interface ListType {
  kind: 'list';
  listType: 'atomic' | 'set' | 'map';
  keys: string[];
  /** Schema default of a key field, used when an item omits it. */
  keyDefault(key: string): unknown;
  items: SsaType;
}

export const SCALAR: ScalarType = { kind: 'scalar' };
export const DEDUCED: DeducedType = { kind: 'deduced', atomic: false };
const UNTYPED_ATOMIC: DeducedType = { kind: 'deduced', atomic: true };

/** What a value of type `t` is, for walking: deduced types are decided by the value's shape. */
export function resolve(t: SsaType, value: unknown): SsaType {
  if (t.kind !== 'deduced') return t;
  if (isObject(value)) return { kind: 'map', atomic: t.atomic, field: () => undefined, elements: t.atomic ? UNTYPED_ATOMIC : DEDUCED };
  if (Array.isArray(value)) return { kind: 'list', listType: 'atomic', keys: [], keyDefault: () => undefined, items: UNTYPED_ATOMIC };
  return SCALAR;
}

/** The type of member `name` of a map type (declared field, else element type). */
export function memberType(t: MapType, name: string): SsaType | undefined {
  return t.field(name) ?? t.elements;
}

// ---- built-in kinds -------------------------------------------------------------------------

const modelCache = new Map<string, SsaType>();

export function builtinType(modelName: string): SsaType {
  const cached = modelCache.get(modelName);
  if (cached) return cached;
  const attrs = modelAttributes(modelName);
  let t: SsaType;
  if (!attrs) {
    t = DEDUCED;
  } else {
    const fields = new Map<string, SsaType>();
    const fieldOf = (name: string): SsaType | undefined => {
      if (fields.has(name)) return fields.get(name);
      const attr = attrs.find((a) => a.name === name);
      const ft = attr ? refType(attr.type, modelName, name) : undefined;
      if (ft) fields.set(name, ft);
      return ft;
    };
    t = { kind: 'map', atomic: isAtomicModel(modelName), field: fieldOf, elements: undefined, model: modelName };
  }
  modelCache.set(modelName, t);
  return t;
}

function refType(ref: TypeRef, parent: string, fieldName: string): SsaType {
  const meta = fieldPatchMeta(parent, fieldName);
  switch (ref.kind) {
    case 'model': return builtinType(ref.name);
    case 'primitive': return ref.type === 'any' ? DEDUCED : SCALAR;
    case 'map': return { kind: 'map', atomic: meta?.mapType === 'atomic', field: () => undefined, elements: elementRef(ref.values) };
    case 'array': {
      const sem = listSemantics(meta);
      const itemModel = ref.items.kind === 'model' ? ref.items.name : undefined;
      return {
        kind: 'list',
        listType: sem.type,
        keys: sem.type === 'map' ? sem.keys : [],
        keyDefault: (key) => (itemModel ? keyFieldDefault(itemModel, key) : undefined),
        items: elementRef(ref.items),
      };
    }
  }
}

/** Types of map values and list items, which carry no field-level metadata. */
function elementRef(ref: TypeRef): SsaType {
  if (ref.kind === 'model') return builtinType(ref.name);
  if (ref.kind === 'primitive') return ref.type === 'any' ? DEDUCED : SCALAR;
  if (ref.kind === 'map') return { kind: 'map', atomic: false, field: () => undefined, elements: elementRef(ref.values) };
  return { kind: 'list', listType: 'atomic', keys: [], keyDefault: () => undefined, items: elementRef(ref.items) };
}

// ---- custom resources -----------------------------------------------------------------------

type Schema = Record<string, unknown>;

function schemaType(s: unknown, preserve: boolean): SsaType {
  if (!isObject(s)) return DEDUCED;
  const keepUnknown = preserve || s['x-kubernetes-preserve-unknown-fields'] === true;
  if (s['x-kubernetes-int-or-string'] === true) return SCALAR;
  if (s.type === 'array') return schemaList(s, keepUnknown);
  const props = isObject(s.properties) ? (s.properties as Record<string, Schema>) : undefined;
  if (s.type === 'object' || props) {
    const additional = s.additionalProperties;
    let elements: SsaType | undefined;
    if (isObject(additional)) elements = schemaType(additional, keepUnknown);
    else if (keepUnknown || !props) elements = DEDUCED;
    const cache = new Map<string, SsaType>();
    return {
      kind: 'map',
      atomic: s['x-kubernetes-map-type'] === 'atomic',
      field: (name) => {
        if (!props || !Object.prototype.hasOwnProperty.call(props, name)) return undefined;
        if (!cache.has(name)) cache.set(name, schemaType(props[name], keepUnknown));
        return cache.get(name);
      },
      elements,
    };
  }
  if (!s.type) return keepUnknown ? DEDUCED : SCALAR;
  return SCALAR;
}

function schemaList(s: Schema, preserve: boolean): ListType {
  const items = isObject(s.items) ? (s.items as Schema) : undefined;
  const listType = s['x-kubernetes-list-type'];
  const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? (s['x-kubernetes-list-map-keys'] as string[]) : [];
  const itemProps = items && isObject(items.properties) ? (items.properties as Record<string, Schema>) : {};
  return {
    kind: 'list',
    listType: listType === 'map' || listType === 'set' ? listType : 'atomic',
    keys: listType === 'map' ? keys : [],
    keyDefault: (key) => (isObject(itemProps[key]) ? itemProps[key]!.default : undefined),
    items: items ? schemaType(items, preserve) : DEDUCED,
  };
}

/** The type of a custom resource: its schema, with metadata typed as ObjectMeta as kube does. */
export function customResourceType(schema: Schema | undefined): SsaType {
  const root = schema ? schemaType(schema, false) : DEDUCED;
  const base = root.kind === 'map' ? root : resolve(DEDUCED, {}) as MapType;
  return {
    ...base,
    field: (name) => (name === 'metadata' ? builtinType('V1ObjectMeta') : name === 'apiVersion' || name === 'kind' ? SCALAR : base.field(name)),
  };
}
