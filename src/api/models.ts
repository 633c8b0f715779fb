// Structural knowledge of built-in kinds, read from @kubernetes/client-node's generated models
// (each class carries an attributeTypeMap: wire name, TypeScript type, OpenAPI format). OpenAPI
// documents, strict field validation and strategic merge patch all walk types through this one
// module, so they agree on what a field is. It does not know descriptions or patch strategies:
// those live in model-docs.ts and patch-meta.ts.
// The models' own entry point: the package root also loads every API class and its HTTP stack,
// which took a second of each cluster's start-up; the models alone load in a fifth of that.
import * as k8s from '@kubernetes/client-node/dist/gen/models/all.js';
import type { ResourceInfo } from './resource-info.js';

export interface ModelAttribute {
  name: string; // wire name (baseName)
  type: TypeRef;
  format: string;
}

export type TypeRef =
  | { kind: 'primitive'; type: 'string' | 'number' | 'boolean' | 'date' | 'any' | 'int-or-string' }
  | { kind: 'array'; items: TypeRef }
  | { kind: 'map'; values: TypeRef }
  | { kind: 'model'; name: string };

interface GeneratedModel {
  attributeTypeMap?: { name: string; baseName: string; type: string; format: string }[];
}

const registry = k8s as unknown as Record<string, GeneratedModel | undefined>;

/** Parses the TypeScript type strings the generator writes (`Array<V1Container>`, `{ [key: string]: string; }`). */
export function parseTypeRef(type: string): TypeRef {
  const t = type.trim();
  if (t.startsWith('Array<') && t.endsWith('>')) return { kind: 'array', items: parseTypeRef(t.slice(6, -1)) };
  const map = /^\{ \[key: string\]: (.*); \}$/.exec(t);
  if (map) return { kind: 'map', values: parseTypeRef(map[1]!) };
  switch (t) {
    case 'string': return { kind: 'primitive', type: 'string' };
    case 'number': return { kind: 'primitive', type: 'number' };
    case 'boolean': return { kind: 'primitive', type: 'boolean' };
    case 'Date': return { kind: 'primitive', type: 'date' };
    case 'IntOrString': return { kind: 'primitive', type: 'int-or-string' };
    case 'any': case 'object': return { kind: 'primitive', type: 'any' };
    default: return { kind: 'model', name: t };
  }
}

const attributeCache = new Map<string, ModelAttribute[] | undefined>();

/** The fields of a generated model, or undefined when no such model exists. */
export function modelAttributes(name: string): ModelAttribute[] | undefined {
  if (attributeCache.has(name)) return attributeCache.get(name);
  const model = registry[name];
  const attrs = model?.attributeTypeMap?.map((a) => ({ name: a.baseName, type: parseTypeRef(a.type), format: a.format }));
  attributeCache.set(name, attrs);
  return attrs;
}

const KIND_MODEL_OVERRIDES: Record<string, string> = {
  '/Event': 'CoreV1Event',
  'events.k8s.io/Event': 'EventsV1Event',
};

/** Name of the generated model for a built-in resource's kind, e.g. apps/v1 Deployment → V1Deployment. */
export function modelNameFor(info: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): string | undefined {
  const override = KIND_MODEL_OVERRIDES[`${info.group}/${info.kind}`];
  if (override) return override;
  const version = info.version.charAt(0).toUpperCase() + info.version.slice(1);
  const name = `${version}${info.kind}`;
  return registry[name]?.attributeTypeMap ? name : undefined;
}

/** The OpenAPI definition name kube-apiserver uses for a model: io.k8s.api.apps.v1.Deployment. */
export function definitionNameFor(info: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): string {
  if (info.group === 'apiextensions.k8s.io') {
    return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${info.version}.${info.kind}`;
  }
  const pkg = info.group === '' ? 'core' : info.group.split('.')[0];
  return `io.k8s.api.${pkg}.${info.version}.${info.kind}`;
}

/** Resolves a dotted field path (`spec.template.spec`) to its type, starting at a model. */
export function resolvePath(root: string, path: string[]): TypeRef | undefined {
  let current: TypeRef = { kind: 'model', name: root };
  for (const segment of path) {
    while (current.kind === 'array') current = current.items;
    if (current.kind === 'map') { current = current.values; continue; }
    if (current.kind !== 'model') return undefined;
    const attr: ModelAttribute | undefined = modelAttributes(current.name)?.find((a) => a.name === segment);
    if (!attr) return undefined;
    current = attr.type;
  }
  return current;
}
