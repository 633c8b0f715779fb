// Describes one served resource (a REST endpoint): the unit discovery, OpenAPI, tables, storage keys
// and handlers all agree on. Built-in kinds are listed in builtin-resources.ts; CRDs add entries at
// run time through the resource registry.

export type Verb =
  | 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface ResourceInfo {
  group: string; // '' for core
  version: string;
  resource: string; // plural, lower case: 'deployments'
  singular: string; // 'deployment'
  kind: string; // 'Deployment'
  listKind: string; // 'DeploymentList'
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: Verb[];
  /** Subresources served under /<name>/<sub>, e.g. status, scale, binding, log, finalize. */
  subresources: string[];
  /** Present for custom resources: where their schema and printer columns come from. */
  custom?: CustomResourceVersion;
}

export interface CustomResourceVersion {
  crdName: string;
  /** openAPIV3Schema of this version (structural). */
  schema?: Record<string, unknown>;
  printerColumns: PrinterColumn[];
  scale?: ScaleSubresource;
  hasStatus: boolean;
  /** True when this version is the storage version. */
  storage: boolean;
}

export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** The qualified name kube-apiserver uses in messages: `deployments.apps`, `pods`. */
export function qualifiedResource(info: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}
