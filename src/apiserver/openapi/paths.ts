// The REST paths of one resource and the operations on them, as kube-apiserver's installer
// (apiserver/pkg/endpoints/installer.go) registers them for built-ins and the CRD OpenAPI builder
// does for custom resources: list/watch/create/deletecollection on the collection (plus the
// all-namespaces list), get/put/patch/delete on the item, the deprecated /watch/ paths for
// built-ins, and subresources. Every operation carries its x-kubernetes-action and
// x-kubernetes-group-version-kind, which kubectl uses to find a kind's PATCH operation and schema.
import type { ResourceInfo } from '../../api/resource-info.js';
import { PATCH } from './definition-names.js';
import type { DefinitionSet, GVK } from './definitions.js';
import {
  describe, gvTag, operationId, type Method, type OperationIdParts, type OperationSpec, type PathSpec, type ResponseSpec,
} from './operations.js';
import {
  CREATE_PARAMS, DELETE_COLLECTION_PARAMS, DELETE_PARAMS, LIST_PARAMS, LOG_PARAMS, PATCH_PARAMS, pathParam, PRETTY,
  UPDATE_PARAMS, type ParamSpec,
} from './parameters.js';
import type { Schema } from './well-known.js';

const JSON_ONLY = ['application/json'];
const WATCHABLE = ['application/json', 'application/json;stream=watch'];
const BUILTIN_PATCH = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
// Custom resources have no Go struct to carry patch strategies, so strategic merge patch is not offered;
// kubectl apply reads this to fall back to JSON merge patch.
const CUSTOM_PATCH = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

export interface KindDefinitions {
  kind: string; // definition name of the kind
  list: string; // definition name of the list kind
}

/** Everything one operation needs to know about the resource it belongs to. */
interface Ctx {
  info: ResourceInfo;
  defs: DefinitionSet;
  names: KindDefinitions;
  gvk: GVK;
  tag: string;
}

export function resourcePaths(info: ResourceInfo, names: KindDefinitions, defs: DefinitionSet): PathSpec[] {
  const ctx: Ctx = { info, defs, names, gvk: { group: info.group, version: info.version, kind: info.kind }, tag: gvTag(info) };
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const scope = info.namespaced ? `/namespaces/{namespace}/${info.resource}` : `/${info.resource}`;
  const scopeParams = info.namespaced ? [pathParam('namespace', info.kind)] : [];
  const itemParams = [pathParam('name', info.kind), ...scopeParams];
  const has = (v: string) => info.verbs.includes(v as ResourceInfo['verbs'][number]);
  const paths: PathSpec[] = [];
  const add = (path: string, params: ParamSpec[], ops: (OperationSpec | undefined)[]) => {
    const present = ops.filter((o): o is OperationSpec => o !== undefined);
    if (present.length) paths.push({ path, params: [...params, PRETTY], ops: present });
  };
  const ns = info.namespaced;

  add(`${base}${scope}`, scopeParams, [
    has('list') ? listOp(ctx, { verb: 'list', namespaced: ns }) : undefined,
    has('create') ? writeOp(ctx, 'post', { verb: 'create', namespaced: ns }) : undefined,
    has('deletecollection') ? deleteCollectionOp(ctx) : undefined,
  ]);
  add(`${base}${scope}/{name}`, itemParams, [
    has('get') ? op(ctx, 'get', 'get', { verb: 'read', namespaced: ns }, [], [ok(names.kind)]) : undefined,
    has('update') ? writeOp(ctx, 'put', { verb: 'replace', namespaced: ns }) : undefined,
    has('patch') ? writeOp(ctx, 'patch', { verb: 'patch', namespaced: ns }) : undefined,
    has('delete') ? deleteOp(ctx) : undefined,
  ]);
  if (ns && has('list')) add(`${base}/${info.resource}`, [], [listOp(ctx, { verb: 'list', namespaced: ns, allNamespaces: true })]);
  if (!info.custom && has('watch')) paths.push(...watchPaths(ctx, base, scope, scopeParams, itemParams));
  for (const sub of info.subresources) {
    const spec = subresourcePath(ctx, sub, `${base}${scope}/{name}/${sub}`, itemParams, has);
    if (spec) paths.push(spec);
  }
  return paths;
}

type IdParts = OperationIdParts;

function op(ctx: Ctx, method: Method, action: string, id: IdParts, params: ParamSpec[], responses: ResponseSpec[], extra: Partial<OperationSpec> = {}): OperationSpec {
  return {
    method,
    operationId: operationId(ctx.info, id),
    description: describe(action, ctx.info.kind, id.sub),
    tag: ctx.tag,
    action,
    gvk: ctx.gvk,
    params,
    responses: [...responses, { code: '401', description: 'Unauthorized' }],
    produces: JSON_ONLY,
    ...extra,
  };
}

const ok = (schema: string | Schema, code = '200', description = 'OK'): ResponseSpec => ({ code, description, schema });

function listOp(ctx: Ctx, id: IdParts): OperationSpec {
  return op(ctx, 'get', 'list', id, LIST_PARAMS, [ok(ctx.names.list)], { produces: WATCHABLE });
}

/** POST, PUT and PATCH of the object itself (or of a subresource carrying the same kind). */
function writeOp(ctx: Ctx, method: 'post' | 'put' | 'patch', id: IdParts, schema = ctx.names.kind): OperationSpec {
  const action = method;
  if (method === 'patch') {
    const consumes = ctx.info.custom ? CUSTOM_PATCH : BUILTIN_PATCH;
    return op(ctx, method, action, id, PATCH_PARAMS, [ok(schema), ok(schema, '201', 'Created')], {
      body: { schema: ctx.defs.addWellKnown(PATCH), consumes, required: true },
    });
  }
  const responses = [ok(schema), ok(schema, '201', 'Created')];
  if (method === 'post') responses.push(ok(schema, '202', 'Accepted'));
  return op(ctx, method, action, id, method === 'post' ? CREATE_PARAMS : UPDATE_PARAMS, responses, {
    body: { schema, consumes: ['*/*'], required: true },
  });
}

function metaDefinition(ctx: Ctx, model: 'V1Status' | 'V1DeleteOptions' | 'V1WatchEvent'): string {
  return ctx.defs.addModel(model, 'meta');
}

function deleteCollectionOp(ctx: Ctx): OperationSpec {
  const status = metaDefinition(ctx, 'V1Status');
  return op(ctx, 'delete', 'deletecollection', { verb: 'delete', collection: true, namespaced: ctx.info.namespaced }, DELETE_COLLECTION_PARAMS, [ok(status)], {
    body: { schema: metaDefinition(ctx, 'V1DeleteOptions'), consumes: ['*/*'], required: false },
  });
}

function deleteOp(ctx: Ctx): OperationSpec {
  const status = metaDefinition(ctx, 'V1Status');
  return op(ctx, 'delete', 'delete', { verb: 'delete', namespaced: ctx.info.namespaced }, DELETE_PARAMS, [ok(status), ok(status, '202', 'Accepted')], {
    body: { schema: metaDefinition(ctx, 'V1DeleteOptions'), consumes: ['*/*'], required: false },
  });
}

/** The deprecated /watch/ prefix paths kube-apiserver still documents for built-in resources. */
function watchPaths(ctx: Ctx, base: string, scope: string, scopeParams: ParamSpec[], itemParams: ParamSpec[]): PathSpec[] {
  const event = metaDefinition(ctx, 'V1WatchEvent');
  const ns = ctx.info.namespaced;
  const watchOp = (action: 'watch' | 'watchlist', id: IdParts) =>
    op(ctx, 'get', action, id, [], [ok(event)], { produces: WATCHABLE });
  const paths: PathSpec[] = [
    { path: `${base}/watch${scope}`, params: [...scopeParams, ...LIST_PARAMS, PRETTY], ops: [watchOp('watchlist', { verb: 'watch', namespaced: ns, list: true })] },
    { path: `${base}/watch${scope}/{name}`, params: [...itemParams, ...LIST_PARAMS, PRETTY], ops: [watchOp('watch', { verb: 'watch', namespaced: ns })] },
  ];
  if (ns) {
    paths.push({
      path: `${base}/watch/${ctx.info.resource}`, params: [...LIST_PARAMS, PRETTY],
      ops: [watchOp('watchlist', { verb: 'watch', namespaced: ns, list: true, allNamespaces: true })],
    });
  }
  return paths;
}

/** Kinds that some subresources read and write instead of the parent kind. */
const SUBRESOURCE_KINDS: Record<string, { model: string; pkg: string; gvk: GVK }> = {
  scale: { model: 'V1Scale', pkg: 'autoscaling', gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' } },
  binding: { model: 'V1Binding', pkg: 'core', gvk: { group: '', version: 'v1', kind: 'Binding' } },
  eviction: { model: 'V1Eviction', pkg: 'policy', gvk: { group: 'policy', version: 'v1', kind: 'Eviction' } },
};

function subresourcePath(ctx: Ctx, sub: string, path: string, params: ParamSpec[], has: (v: string) => boolean): PathSpec | undefined {
  const ns = ctx.info.namespaced;
  const id = (verb: string): IdParts => ({ verb, namespaced: ns, sub });
  const other = SUBRESOURCE_KINDS[sub];
  const subCtx: Ctx = other ? { ...ctx, gvk: other.gvk } : ctx;
  const schema = other ? ctx.defs.addModel(other.model, other.pkg) : ctx.names.kind;
  if (other) ctx.defs.tagKinds(schema, [other.gvk]);
  let ops: OperationSpec[];
  switch (sub) {
    case 'binding':
    case 'eviction':
      ops = [writeOp(subCtx, 'post', id('create'), schema)];
      break;
    case 'log':
      ops = [op(ctx, 'get', 'get', id('read'), LOG_PARAMS, [ok({ type: 'string' })], { produces: ['text/plain', 'application/json'] })];
      break;
    case 'finalize':
      ops = [writeOp(ctx, 'put', id('replace'))];
      break;
    default: // status, scale and anything shaped like them
      ops = [
        has('get') ? op(subCtx, 'get', 'get', id('read'), [], [ok(schema)]) : undefined,
        has('update') ? writeOp(subCtx, 'put', id('replace'), schema) : undefined,
        has('patch') ? writeOp(subCtx, 'patch', id('patch'), schema) : undefined,
      ].filter((o): o is OperationSpec => o !== undefined);
  }
  return ops.length ? { path, params: [...params, PRETTY], ops } : undefined;
}
