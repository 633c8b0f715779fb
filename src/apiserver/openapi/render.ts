// Turns the neutral path and operation descriptions into OpenAPI 3.0 path items (requestBody and
// per-media-type content, as kube-openapi's builder3 emits) or Swagger 2.0 ones (body parameter,
// consumes/produces lists, as its v2 builder does). Paths are merged and sorted so a document's
// bytes — and therefore its hash — depend only on what is served, not on registration order.
import type { OperationSpec, PathSpec, ResponseSpec } from './operations.js';
import { renderParam } from './parameters.js';
import { refTo, type Flavor, type Schema } from './well-known.js';

export function renderPaths(paths: PathSpec[], flavor: Flavor): Record<string, Schema> {
  const merged = new Map<string, PathSpec>();
  for (const p of paths) {
    const existing = merged.get(p.path);
    if (existing) existing.ops.push(...p.ops.filter((o) => !existing.ops.some((e) => e.method === o.method)));
    else merged.set(p.path, { ...p, ops: [...p.ops] });
  }
  const out: Record<string, Schema> = {};
  for (const path of [...merged.keys()].sort()) {
    const spec = merged.get(path)!;
    const item: Schema = {};
    for (const op of [...spec.ops].sort((a, b) => (a.method < b.method ? -1 : 1))) {
      item[op.method] = flavor === 'v3' ? operationV3(op) : operationV2(op);
    }
    if (spec.params.length) item.parameters = spec.params.map((p) => renderParam(p, flavor));
    out[path] = item;
  }
  return out;
}

function schemaOf(s: string | Schema, flavor: Flavor): Schema {
  return typeof s === 'string' ? refTo(s, flavor) : s;
}

function common(op: OperationSpec): Schema {
  return {
    description: op.description,
    operationId: op.operationId,
    tags: [op.tag],
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version },
  };
}

function operationV3(op: OperationSpec): Schema {
  const out: Schema = common(op);
  if (op.params.length) out.parameters = op.params.map((p) => renderParam(p, 'v3'));
  if (op.body) {
    const schema = refTo(op.body.schema, 'v3');
    const content = Object.fromEntries(op.body.consumes.map((ct) => [ct, { schema }]));
    out.requestBody = op.body.required ? { content, required: true } : { content };
  }
  out.responses = Object.fromEntries(op.responses.map((r) => [r.code, responseV3(r, op.produces)]));
  return out;
}

function responseV3(r: ResponseSpec, produces: string[]): Schema {
  if (r.schema === undefined) return { description: r.description };
  const schema = schemaOf(r.schema, 'v3');
  return { content: Object.fromEntries(produces.map((ct) => [ct, { schema }])), description: r.description };
}

function operationV2(op: OperationSpec): Schema {
  const out: Schema = common(op);
  if (op.body) out.consumes = op.body.consumes;
  out.produces = op.produces;
  out.schemes = ['https'];
  const params = op.params.map((p) => renderParam(p, 'v2'));
  if (op.body) params.unshift({ in: 'body', name: 'body', required: op.body.required, schema: refTo(op.body.schema, 'v2') });
  if (params.length) out.parameters = params;
  out.responses = Object.fromEntries(op.responses.map((r) => [
    r.code,
    r.schema === undefined ? { description: r.description } : { description: r.description, schema: schemaOf(r.schema, 'v2') },
  ]));
  return out;
}
