// What every resource handler receives: the resolved resource, the addressed object, the query,
// the raw request/response, and the server's shared services. Handlers are plain functions of a
// RequestScope (like k8s.io/apiserver's handlers.RequestScope), so tests can call them directly.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceInfo } from '../../api/resource-info.js';
import type { KubeObject } from '../../api/types.js';
import type { MVCCStore } from '../../storage/mvcc.js';
import type { ResourceRegistry } from '../resource-registry.js';
import type { Strategy } from '../strategy/index.js';
import type { UserInfo } from '../authn.js';
import type { Admission } from '../admission/index.js';
import type { ServiceAccountTokens } from '../serviceaccounts/tokens.js';

export interface ServerServices {
  store: MVCCStore;
  registry: ResourceRegistry;
  admission: Admission;
  serviceSubnet: string;
  now(): Date;
  /** Seconds between watch bookmarks. */
  bookmarkIntervalSeconds: number;
  /** Issues and checks ServiceAccount tokens; absent when no signing key is configured. */
  serviceAccountTokens?: ServiceAccountTokens;
  /** The kubelet's process pod files (logs), when the cluster runs process pods (ADR 0009). */
  podsDir?: string;
}

export interface RequestScope {
  info: ResourceInfo;
  strategy: Strategy;
  namespace: string;
  name: string;
  subresource: string;
  query: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
  user: UserInfo;
  services: ServerServices;
  /** Warning headers to send (kube's `Warning: 299 - "..."`). */
  warnings: string[];
  /** Set by server-side apply, which records managedFields itself. */
  serverSideApply?: boolean;
}

export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The object as the requested version presents it (custom resources share storage across versions). */
export function presented(scope: Pick<RequestScope, 'info'>, obj: KubeObject): KubeObject {
  const apiVersion = scope.info.group ? `${scope.info.group}/${scope.info.version}` : scope.info.version;
  if (obj.apiVersion === apiVersion) return obj;
  return { ...obj, apiVersion };
}

export function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}
