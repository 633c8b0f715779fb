// Builds the API server's request handler (buildApiHandler) separately from listening (listen),
// like fastify's inject/listen split: tests can drive the handler over any transport. The handler
// authenticates, serves the non-resource endpoints (health, version, discovery, OpenAPI) and
// dispatches resource requests to the verb handlers. See docs/request-lifecycle.md.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotSupported, pathNotFound, StatusError, unauthorized } from '../machinery/errors.js';
import type { MVCCStore } from '../storage/mvcc.js';
import { podAddressPath } from '../machinery/pod-files.js';
import { Admission } from './admission/index.js';
import { ANONYMOUS, createAuthenticator, type Authenticator, type UserInfo } from './authn.js';
import { handleAuthenticationReview } from './authn-reviews.js';
import { DiscoveryService } from './discovery.js';
import { handleDelete, handleDeleteCollection } from './handlers/delete.js';
import { handlePatch } from './handlers/patch.js';
import { handleGet, handleList } from './handlers/read.js';
import type { RequestScope, ServerServices } from './handlers/scope.js';
import { handleSubresource } from './handlers/subresources.js';
import { handleWatch } from './handlers/watch.js';
import { handleCreate, handleUpdate } from './handlers/write.js';
import { sendError, sendJSON } from './http.js';
import { wantsAggregatedDiscovery } from './negotiation.js';
import { OpenAPIRoutes } from './openapi-routes.js';
import { parseRequestInfo, type RequestInfo } from './request-info.js';
import { ResourceRegistry } from './resource-registry.js';
import { strategyFor } from './strategy/index.js';
import { ServiceAccountTokens, type ServiceAccountKeys } from './serviceaccounts/tokens.js';
import { handleAccessReview } from './rbac/access-reviews.js';
import { authorizeRequest, impersonate } from './rbac/authorize-request.js';

export interface ApiServerOptions {
  store: MVCCStore;
  serviceSubnet: string;
  /** host:port clients use; published in /api's serverAddressByClientCIDRs. */
  advertiseAddress: string;
  gitVersion: string;
  adminToken?: string;
  bookmarkIntervalSeconds?: number;
  now?: () => Date;
  /** The service-account signing key pair; without it TokenRequest is unavailable. */
  serviceAccountKeys?: ServiceAccountKeys;
  /** Where the kubelet keeps process pods' logs and addresses (machinery/pod-files.ts, ADR 0009). */
  podsDir?: string;
}

export interface ApiServer {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  registry: ResourceRegistry;
  services: ServerServices;
  ready: () => boolean;
  setReady(ready: boolean): void;
}

/** A process pod's loopback address by its pod IP, as the kubelet publishes it. */
function podAddressReader(podsDir: string): (podIP: string) => string | undefined {
  return (ip) => {
    try {
      return readFileSync(podAddressPath(podsDir, ip), 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  };
}

const ANONYMOUS_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

export function buildApiHandler(opts: ApiServerOptions): ApiServer {
  const registry = new ResourceRegistry();
  const services: ServerServices = {
    store: opts.store,
    registry,
    admission: new Admission(opts.store, opts.podsDir ? podAddressReader(opts.podsDir) : undefined),
    serviceSubnet: opts.serviceSubnet,
    now: opts.now ?? (() => new Date()),
    bookmarkIntervalSeconds: opts.bookmarkIntervalSeconds ?? 60,
    ...(opts.serviceAccountKeys ? { serviceAccountTokens: new ServiceAccountTokens(opts.store, opts.serviceAccountKeys) } : {}),
    ...(opts.podsDir ? { podsDir: opts.podsDir } : {}),
  };
  const discovery = new DiscoveryService(registry, opts.advertiseAddress);
  const openapi = new OpenAPIRoutes(registry);
  const tokens = services.serviceAccountTokens;
  const authenticator = createAuthenticator(opts.adminToken, tokens && ((t) => tokens.authenticate(t, services.now())));
  let isReady = false;

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://apiserver');
    const user = authenticator.authenticate(req);
    if (!user && !ANONYMOUS_PATHS.has(url.pathname)) {
      sendError(res, unauthorized());
      return;
    }
    const route = (): Promise<void> | void => {
      const info = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
      let actor = user ?? ANONYMOUS;
      if (user) {
        actor = impersonate(opts.store, req, user);
        authorizeRequest(opts.store, actor, info, req.method ?? 'GET', url.pathname);
      }
      if (info.isResourceRequest) return serveResource(info, url, req, res, actor, services, authenticator);
      return serveNonResource(url, req, res, { discovery, openapi, gitVersion: opts.gitVersion, ready: () => isReady });
    };
    try {
      const result = route();
      if (result) result.catch((err: unknown) => sendError(res, err));
    } catch (err) {
      sendError(res, err);
    }
  };
  return { handler, registry, services, ready: () => isReady, setReady: (r) => { isReady = r; } };
}

function serveResource(
  info: RequestInfo, url: URL, req: IncomingMessage, res: ServerResponse, user: UserInfo, services: ServerServices, authenticator: Authenticator,
): Promise<void> | void {
  const resource = services.registry.lookup(info.group, info.version, info.resource);
  if (!resource) throw pathNotFound();
  if (resource.namespaced === false && info.namespace && info.resource !== 'namespaces') throw pathNotFound();
  // A namespaced object is only addressable inside its namespace; lists may span all of them.
  if (resource.namespaced && !info.namespace && info.verb !== 'list' && info.verb !== 'watch') throw pathNotFound();
  if (!info.subresource && !resource.verbs.includes(info.verb as never)) throw methodNotSupported(resource, info.verb);
  const scope: RequestScope = {
    info: resource, strategy: strategyFor(resource), namespace: info.namespace, name: info.name,
    subresource: info.subresource, query: url.searchParams, req, res, user, services, warnings: [],
  };
  if (resource.group === 'authorization.k8s.io' && info.verb === 'create') return handleAccessReview(scope);
  if (resource.group === 'authentication.k8s.io' && info.verb === 'create') return handleAuthenticationReview(scope, authenticator.authenticateToken);
  if (info.subresource) return handleSubresource(scope, info.verb);
  switch (info.verb) {
    case 'get': return handleGet(scope);
    case 'list': return handleList(scope);
    case 'watch': return handleWatch(scope);
    case 'create':
      if (info.name) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return handleCreate(scope);
    case 'update': return handleUpdate(scope);
    case 'patch': return handlePatch(scope);
    case 'delete': return handleDelete(scope);
    case 'deletecollection': return handleDeleteCollection(scope);
    default: throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
}

interface NonResourceDeps {
  discovery: DiscoveryService;
  openapi: OpenAPIRoutes;
  gitVersion: string;
  ready: () => boolean;
}

function serveNonResource(url: URL, req: IncomingMessage, res: ServerResponse, deps: NonResourceDeps): void {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    const ok = path !== '/readyz' || deps.ready();
    res.writeHead(ok ? 200 : 500, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end(ok ? 'ok' : '[-]poststarthook/lkind-bootstrap failed: not finished\nreadyz check failed');
    return;
  }
  if (path === '/version') return sendJSON(res, 200, versionInfo(deps.gitVersion));
  if (path.startsWith('/openapi')) return deps.openapi.serve(path, url, req, res);
  if (path === '/api' || path === '/apis' || path.startsWith('/api/') || path.startsWith('/apis/')) {
    return serveDiscovery(path, req, res, deps.discovery);
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('404 page not found\n');
}


function serveDiscovery(path: string, req: IncomingMessage, res: ServerResponse, discovery: DiscoveryService): void {
  const parts = path.split('/').filter(Boolean);
  const aggregated = wantsAggregatedDiscovery(req);
  let doc: { body: string; etag: string } | undefined;
  let contentType = 'application/json';
  if (parts.length === 1 && aggregated) {
    doc = discovery.aggregated(parts[0] === 'api', aggregated);
    contentType = `application/json;g=apidiscovery.k8s.io;v=${aggregated};as=APIGroupDiscoveryList`;
  } else if (path === '/api') doc = discovery.coreVersions();
  else if (path === '/apis') doc = discovery.groupList();
  else if (parts[0] === 'api' && parts.length === 2) doc = discovery.resourceList('', parts[1]!);
  else if (parts[0] === 'apis' && parts.length === 2) doc = discovery.group(parts[1]!);
  else if (parts[0] === 'apis' && parts.length === 3) doc = discovery.resourceList(parts[1]!, parts[2]!);
  if (!doc) throw pathNotFound();
  if (req.headers['if-none-match'] === doc.etag) {
    res.writeHead(304, { ETag: doc.etag });
    res.end();
    return;
  }
  res.setHeader('ETag', doc.etag);
  sendJSON(res, 200, doc.body, contentType);
}

function versionInfo(gitVersion: string) {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? '1', minor: m?.[2] ?? '32', gitVersion, gitCommit: 'lkind', gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z', goVersion: `node${process.versions.node}`, compiler: 'tsx',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

export interface TlsOptions {
  cert: string;
  key: string;
  ca: string;
}

/** Listens over HTTPS; client certificates are requested and verified against the cluster CA. */
export function listen(api: ApiServer, tls: TlsOptions, host: string, port: number): Promise<Server> {
  const server = createServer({
    cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: true, rejectUnauthorized: false,
    keepAliveTimeout: 65_000,
  }, api.handler);
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
