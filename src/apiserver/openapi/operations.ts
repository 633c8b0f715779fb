// The version-neutral description of paths and operations that paths.ts produces and render.ts
// turns into OpenAPI v3 or Swagger 2.0, plus the naming kube-apiserver uses for them: operation ids
// (listAppsV1NamespacedDeployment), tags (apps_v1) and the one-line descriptions — what
// apiserver/pkg/endpoints/openapi's GetOperationIDAndTags and the installer's route docs produce.
import type { ResourceInfo } from '../../api/resource-info.js';
import type { GVK } from './definitions.js';
import type { ParamSpec } from './parameters.js';
import type { Schema } from './well-known.js';

export type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

export interface ResponseSpec {
  code: string;
  description: string;
  /** A definition name, or an inline schema (pod logs are a plain string); none for errors. */
  schema?: string | Schema;
}

export interface OperationSpec {
  method: Method;
  operationId: string;
  description: string;
  tag: string;
  /** x-kubernetes-action: get, list, watch, watchlist, post, put, patch, delete, deletecollection, connect. */
  action: string;
  gvk: GVK;
  params: ParamSpec[];
  body?: { schema: string; consumes: string[]; required: boolean };
  responses: ResponseSpec[];
  produces: string[];
}

export interface PathSpec {
  path: string;
  params: ParamSpec[];
  ops: OperationSpec[];
}

/** `example.com` → `ExampleCom`, `v1beta1` → `V1beta1`: kube's operation-id casing. */
function camel(s: string): string {
  return s
    .split(/[.\-/]/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

function groupToken(group: string): string {
  return group === '' ? 'core' : group.replace(/\.k8s\.io$/, '');
}

/** The GV part of operation ids: CoreV1, AppsV1, CoordinationV1, ExampleComV1. */
export function gvOperationToken(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return camel(groupToken(info.group)) + camel(info.version);
}

/** The tag kube puts on every operation of a group version: core_v1, apps_v1, example_com_v1. */
export function gvTag(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return `${groupToken(info.group).replace(/[.\-]/g, '_')}_${info.version}`;
}

export interface OperationIdParts {
  verb: string; // list, create, read, replace, patch, delete, watch
  collection?: boolean; // deleteAppsV1CollectionNamespacedDeployment
  namespaced: boolean;
  sub?: string; // status → ...DeploymentStatus
  list?: boolean; // watch...DeploymentList
  allNamespaces?: boolean; // ...ForAllNamespaces
}

export function operationId(info: ResourceInfo, p: OperationIdParts): string {
  return [
    p.verb,
    gvOperationToken(info),
    p.collection ? 'Collection' : '',
    p.namespaced && !p.allNamespaces ? 'Namespaced' : '',
    info.kind,
    p.sub ? camel(p.sub) : '',
    p.list ? 'List' : '',
    p.allNamespaces ? 'ForAllNamespaces' : '',
  ].join('');
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}

/** The installer's one-line operation descriptions. */
export function describe(action: string, kind: string, sub?: string): string {
  const of = sub ? ` ${sub} of` : '';
  switch (action) {
    case 'list': return `list or watch objects of kind ${kind}`;
    case 'watchlist': return `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`;
    case 'watch': return `watch changes to an object of kind ${kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`;
    case 'post': return sub ? `create${of} ${article(kind)} ${kind}` : `create ${article(kind)} ${kind}`;
    case 'deletecollection': return `delete collection of ${kind}`;
    case 'get': return `read${of} the specified ${kind}`;
    case 'put': return `replace${of} the specified ${kind}`;
    case 'patch': return `partially update${of} the specified ${kind}`;
    case 'delete': return `delete ${article(kind)} ${kind}`;
    default: return `${action}${of} ${kind}`;
  }
}
