// Shared by this folder's tests: a small custom resource, lookups that walk documents the way
// kubectl does (explain's GVR → GVK search, the query-param verifier's PATCH scan), and a $ref
// checker. Not used by production code.
import type { ResourceInfo } from '../../api/resource-info.js';
import type { Schema } from './well-known.js';

export function widget(overrides: Partial<ResourceInfo> = {}, schema?: Record<string, unknown>): ResourceInfo {
  return {
    group: 'example.com', version: 'v1', resource: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList',
    namespaced: true, shortNames: ['wd'], categories: [], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status', 'scale'],
    custom: {
      crdName: 'widgets.example.com', printerColumns: [], hasStatus: true, storage: true,
      scale: { specReplicasPath: '.spec.size', statusReplicasPath: '.status.size' },
      schema: schema ?? {
        type: 'object', description: 'A widget for tests.',
        properties: {
          spec: {
            type: 'object',
            properties: {
              size: { type: 'integer', description: 'How big the widget is.', default: 1 },
              port: { 'x-kubernetes-int-or-string': true },
              note: { type: 'string', nullable: true, maxLength: 10 },
              extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
            },
            required: ['size', 'note'],
          },
          status: { type: 'object', properties: { size: { type: 'integer' } } },
        },
      },
    },
    ...overrides,
  };
}

export const obj = (v: unknown): Schema => v as Schema;

/** Every PATCH operation tagged with this kind, as QueryParamVerifierV3 scans them. */
export function patchOperationsFor(doc: Schema, gvk: { group: string; version: string; kind: string }): Schema[] {
  const ops: Schema[] = [];
  for (const item of Object.values(obj(doc.paths))) {
    const patch = obj(item).patch as Schema | undefined;
    const tag = patch?.['x-kubernetes-group-version-kind'] as Record<string, string> | undefined;
    if (patch && tag?.group === gvk.group && tag.version === gvk.version && tag.kind === gvk.kind) ops.push(patch);
  }
  return ops;
}

export function queryParams(op: Schema): string[] {
  return ((op.parameters as Schema[] | undefined) ?? []).filter((p) => p.in === 'query').map((p) => p.name as string);
}

/** The schema explain would pick for a GVK: the component whose extension lists it. */
export function schemaForKind(doc: Schema, gvk: { group: string; version: string; kind: string }): Schema | undefined {
  const schemas = obj(obj(doc.components).schemas);
  return Object.values(schemas).map(obj).find((s) =>
    ((s['x-kubernetes-group-version-kind'] as Record<string, string>[] | undefined) ?? []).some((g) =>
      g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind && Object.keys(g).length === 3));
}

/** Follows a property through allOf/$ref like explain's templates do. */
export function resolve(doc: Schema, s: Schema): Schema {
  const target = (s.$ref ?? (s.allOf as Schema[] | undefined)?.[0]?.$ref) as string | undefined;
  if (!target) return s;
  const name = target.replace('#/components/schemas/', '').replace('#/definitions/', '');
  const pool = doc.components ? obj(obj(doc.components).schemas) : obj(doc.definitions);
  return obj(pool[name]);
}

/** Every $ref in the document, and the ones that do not resolve. */
export function danglingRefs(doc: Schema): string[] {
  const pool = doc.components ? obj(obj(doc.components).schemas) : obj(doc.definitions);
  const missing = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string') {
          const name = x.replace('#/components/schemas/', '').replace('#/definitions/', '');
          if (!pool[name]) missing.add(x);
        } else walk(x);
      }
    }
  };
  walk(doc);
  return [...missing];
}
