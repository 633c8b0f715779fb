// Collects the definitions (components.schemas in v3, definitions in v2) one document needs: a
// generated model and everything it references, turned into the schema kube-apiserver publishes
// for the Go type — description, properties with formats, required fields, and the
// x-kubernetes-patch-*/list-* extensions strategic merge patch and server-side apply read. This is
// the part of kube-openapi's builder that walks OpenAPIDefinitions. It does not build paths.
import { modelDoc } from '../../api/model-docs.js';
import { modelAttributes, type ModelAttribute, type TypeRef } from '../../api/models.js';
import { fieldPatchMeta, isAtomicModel, keyFieldDefault } from '../../api/patch-meta.js';
import { definitionNameOf, INT_OR_STRING, MICRO_TIME, parseModelName, QUANTITY, TIME } from './definition-names.js';
import { isQuantityField, refTo, refWith, wellKnownSchema, type Flavor, type Schema } from './well-known.js';

export interface GVK {
  group: string;
  version: string;
  kind: string;
}

export class DefinitionSet {
  readonly schemas: Record<string, Schema> = {};

  constructor(readonly flavor: Flavor) {}

  /** Adds a generated model and its closure; returns the definition name. */
  addModel(model: string, contextPackage: string): string {
    const special = specialDefinition(model);
    if (special) return this.addWellKnown(special);
    const name = definitionNameOf(model, contextPackage);
    if (this.schemas[name]) return name;
    const attrs = modelAttributes(model);
    if (!attrs) throw new Error(`openapi: no generated model ${model}`);
    const schema: Schema = {};
    this.schemas[name] = schema; // placed first so recursive types (JSONSchemaProps) terminate
    Object.assign(schema, this.modelSchema(model, attrs, contextPackage));
    return name;
  }

  /** Adds Time, IntOrString, Quantity, Patch, ... by definition name. */
  addWellKnown(name: string): string {
    if (!this.schemas[name]) {
      const schema = wellKnownSchema(name, this.flavor);
      if (!schema) throw new Error(`openapi: unknown well-known type ${name}`);
      this.schemas[name] = schema;
    }
    return name;
  }

  /** Adds a schema built elsewhere (custom resources). */
  addSchema(name: string, schema: Schema): string {
    this.schemas[name] = schema;
    return name;
  }

  /** Marks a definition as the schema of kinds; clients find kinds by this extension. */
  tagKinds(name: string, gvks: GVK[]): void {
    const schema = this.schemas[name];
    if (!schema) return;
    const existing = (schema['x-kubernetes-group-version-kind'] as GVK[] | undefined) ?? [];
    const merged = [...existing];
    for (const g of gvks) {
      if (!merged.some((e) => e.group === g.group && e.version === g.version && e.kind === g.kind)) {
        merged.push({ group: g.group, kind: g.kind, version: g.version });
      }
    }
    merged.sort((a, b) => (a.group + a.version + a.kind < b.group + b.version + b.kind ? -1 : 1));
    schema['x-kubernetes-group-version-kind'] = merged;
  }

  ref(name: string): Schema {
    return refTo(name, this.flavor);
  }

  private modelSchema(model: string, attrs: ModelAttribute[], pkg: string): Schema {
    const doc = modelDoc(model);
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const attr of attrs) {
      const fieldDoc = doc?.fields[attr.name];
      if (fieldDoc?.required) required.push(attr.name);
      const siblings: Schema = {};
      const description = fieldDescription(model, attr, fieldDoc?.description);
      if (description) siblings.description = description;
      const defaultValue = keyFieldDefault(model, attr.name);
      if (defaultValue !== undefined) siblings.default = defaultValue;
      Object.assign(siblings, patchExtensions(model, attr.name));
      const quantity = isQuantityField(model, attr.name);
      properties[attr.name] = this.propertySchema(attr.type, attr.format, siblings, pkg, quantity);
    }
    const schema: Schema = {};
    if (doc?.description) schema.description = doc.description;
    schema.type = 'object';
    if (attrs.length) schema.properties = properties;
    if (required.length) schema.required = required;
    if (isAtomicModel(model)) schema['x-kubernetes-map-type'] = 'atomic';
    return schema;
  }

  /** A field's schema; `siblings` (description, extensions) go on the outermost level. */
  private propertySchema(type: TypeRef, format: string, siblings: Schema, pkg: string, quantity: boolean): Schema {
    const named = quantity && type.kind === 'primitive' ? this.addWellKnown(QUANTITY) : this.namedType(type, format, pkg);
    if (named) return refWith(named, siblings, this.flavor);
    if (type.kind === 'array') {
      return { ...siblings, type: 'array', items: this.propertySchema(type.items, format, {}, pkg, quantity) };
    }
    if (type.kind === 'map') {
      return { ...siblings, type: 'object', additionalProperties: this.propertySchema(type.values, format, {}, pkg, quantity) };
    }
    if (type.kind === 'model') throw new Error(`openapi: unresolved model ${type.name}`); // namedType adds every model
    return { ...siblings, ...primitiveSchema(type, format) };
  }

  /** The definition a type refers to (adding it), or undefined for inline types. */
  private namedType(type: TypeRef, format: string, pkg: string): string | undefined {
    if (type.kind === 'model') return this.addModel(type.name, pkg);
    if (type.kind !== 'primitive') return undefined;
    if (type.type === 'int-or-string') return this.addWellKnown(INT_OR_STRING);
    if (type.type === 'date') return this.addWellKnown(format === 'date-time-micro' ? MICRO_TIME : TIME);
    return undefined;
  }
}

/** Generated "models" that stand for apimachinery scalar types. */
function specialDefinition(model: string): string | undefined {
  if (model === 'V1MicroTime') return MICRO_TIME;
  if (model === 'V1Time') return TIME;
  return undefined;
}

function primitiveSchema(type: Extract<TypeRef, { kind: 'primitive' }>, format: string): Schema {
  switch (type.type) {
    case 'string': return format ? { type: 'string', format } : { type: 'string' };
    case 'boolean': return { type: 'boolean' };
    case 'number':
      if (format === 'int32' || format === 'int64') return { type: 'integer', format };
      return format ? { type: 'number', format } : { type: 'number' };
    default: return {}; // free-form (RawExtension, FieldsV1, JSON): any value
  }
}

/**
 * A field's description. The generator drops the descriptions of fields whose type is another
 * model and writes IntOrString's type description on IntOrString fields; metadata, spec and status
 * get a generic line instead, and the IntOrString text is left to the referenced type.
 */
function fieldDescription(model: string, attr: ModelAttribute, documented: string | undefined): string | undefined {
  if (attr.type.kind === 'primitive' && attr.type.type === 'int-or-string' && documented?.startsWith('IntOrString is a type')) {
    return undefined;
  }
  if (documented || attr.type.kind !== 'model') return documented;
  const owner = parseModelName(model)?.short ?? model;
  switch (attr.name) {
    case 'metadata':
      return attr.type.name === 'V1ListMeta' ? 'Standard list metadata.' : "Standard object's metadata.";
    case 'spec': return `The desired state of this ${owner}.`;
    case 'status': return `The state of this ${owner} as last observed by the system. Read-only.`;
    default: return undefined;
  }
}

function patchExtensions(model: string, field: string): Schema {
  const meta = fieldPatchMeta(model, field);
  if (!meta) return {};
  const ext: Schema = {};
  if (meta.listMapKeys?.length) ext['x-kubernetes-list-map-keys'] = meta.listMapKeys;
  if (meta.listType) ext['x-kubernetes-list-type'] = meta.listType;
  if (meta.mapType) ext['x-kubernetes-map-type'] = meta.mapType;
  if (meta.mergeKey) ext['x-kubernetes-patch-merge-key'] = meta.mergeKey;
  if (meta.strategy) ext['x-kubernetes-patch-strategy'] = meta.strategy;
  return ext;
}
