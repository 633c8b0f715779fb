// Strict field validation of built-in kinds, as kube's strict JSON decoding (sigs.k8s.io/json
// UnmarshalStrict, case-sensitive) reports it while decoding into the Go types: unknown fields and
// duplicate fields, with their dotted paths (`spec.template.spec.containers[0].imagePullPolicyy`,
// map keys as `.key`), in document order, deduplicated and capped at 100. Types come from
// api/models.ts. The content of an unknown field is skipped (nothing is reported inside it), and
// `any` fields (RawExtension, JSON, FieldsV1: raw bytes in Go) accept anything. Type mismatches
// (a string where an object belongs) are a decoding error, not a strict error: not reported here.
import { modelAttributes, type TypeRef } from '../../api/models.js';
import { readJsonShape, shapeOf, type JsonShape } from './json-entries.js';

export interface StrictError {
  type: 'unknown' | 'duplicate';
  path: string;
}

/** sigs.k8s.io/json stops recording after this many. */
export const MAX_STRICT_ERRORS = 100;

class Collector {
  readonly errors: StrictError[] = [];
  private readonly seen = new Set<string>();

  add(type: StrictError['type'], path: string): void {
    if (this.errors.length >= MAX_STRICT_ERRORS) return;
    const id = `${type}\0${path}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.errors.push({ type, path });
  }
}

const join = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

function walk(shape: JsonShape, type: TypeRef | 'untyped', path: string, out: Collector): void {
  if (type !== 'untyped' && type.kind === 'primitive') {
    // `any` is raw JSON in Go; other primitives have no fields to check.
    return;
  }
  if (shape.t === 'array') {
    if (type !== 'untyped' && type.kind !== 'array') return;
    const items = type === 'untyped' ? 'untyped' : type.items;
    shape.items.forEach((item, i) => walk(item, items, `${path}[${i}]`, out));
    return;
  }
  if (shape.t !== 'object') return;
  if (type === 'untyped' || type.kind === 'map') {
    walkMap(shape.entries, type === 'untyped' ? 'untyped' : type.values, path, out);
  } else if (type.kind === 'model') {
    walkModel(shape.entries, type.name, path, out);
  }
}

function walkMap(entries: [string, JsonShape][], values: TypeRef | 'untyped', path: string, out: Collector): void {
  const seen = new Set<string>();
  for (const [k, v] of entries) {
    if (seen.has(k)) out.add('duplicate', join(path, k));
    seen.add(k);
    walk(v, values, join(path, k), out);
  }
}

function walkModel(entries: [string, JsonShape][], model: string, path: string, out: Collector): void {
  const attrs = modelAttributes(model);
  if (!attrs) return; // unknown model: nothing to check against
  const seen = new Set<string>();
  for (const [k, v] of entries) {
    const attr = attrs.find((a) => a.name === k);
    if (!attr) {
      out.add('unknown', join(path, k));
      continue;
    }
    if (seen.has(k)) out.add('duplicate', join(path, k));
    seen.add(k);
    walk(v, attr.type, join(path, k), out);
  }
}

/** Unknown fields of a decoded object of a generated model (e.g. 'V1Deployment'), as kube's paths. */
export function findUnknownFields(modelName: string, obj: unknown): string[] {
  const out = new Collector();
  walk(shapeOf(obj), { kind: 'model', name: modelName }, '', out);
  return out.errors.map((e) => e.path);
}

/**
 * Unknown and duplicate fields of a JSON request body, in the order kube's decoder meets them.
 * Without a model (custom resources, decoded as unstructured) only duplicates are found.
 * Returns [] for text that is not valid JSON.
 */
export function findStrictErrors(jsonText: string, modelName?: string): StrictError[] {
  const shape = readJsonShape(jsonText);
  if (!shape) return [];
  const out = new Collector();
  walk(shape, modelName ? { kind: 'model', name: modelName } : 'untyped', '', out);
  return out.errors;
}

/**
 * Removes the unknown fields of a decoded object in place, returning their paths under `prefix`.
 * This is what a round trip through the Go type does to, e.g., a custom resource's metadata.
 */
export function dropUnknownFields(modelName: string, obj: unknown, prefix = ''): string[] {
  const paths: string[] = [];
  const visit = (value: unknown, type: TypeRef, path: string): void => {
    if (Array.isArray(value)) {
      if (type.kind === 'array') value.forEach((item, i) => visit(item, type.items, `${path}[${i}]`));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const rec = value as Record<string, unknown>;
    if (type.kind === 'map') {
      for (const [k, v] of Object.entries(rec)) visit(v, type.values, join(path, k));
      return;
    }
    if (type.kind !== 'model') return;
    const attrs = modelAttributes(type.name);
    if (!attrs) return;
    for (const [k, v] of Object.entries(rec)) {
      const attr = attrs.find((a) => a.name === k);
      if (attr) visit(v, attr.type, join(path, k));
      else { paths.push(join(path, k)); delete rec[k]; }
    }
  };
  visit(obj, { kind: 'model', name: modelName }, prefix);
  return paths;
}

/** Duplicate keys anywhere in a JSON document (`metadata.labels.app`). */
export function findDuplicateFields(jsonText: string): string[] {
  return findStrictErrors(jsonText).map((e) => e.path);
}
