// Parses a request path into what it addresses, like k8s.io/apiserver's RequestInfoFactory:
// /api/v1/namespaces/ns/pods/name/status → group '', version v1, namespace ns, resource pods,
// name name, subresource status, verb from the method (get/list/watch/create/update/patch/delete/
// deletecollection). Non-resource paths (/version, /openapi/v3, /apis) are left to their routes.

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string;
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const METHOD_VERBS: Record<string, string> = {
  POST: 'create', GET: 'get', HEAD: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete',
};

export function parseRequestInfo(method: string, pathname: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false, path: pathname, verb: (method || 'GET').toLowerCase(),
    group: '', version: '', namespace: '', resource: '', subresource: '', name: '',
  };
  const parts = pathname.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length < 3) return info;
    info.version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length < 4) return info;
    info.group = parts[1]!;
    info.version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return info;
  }
  info.isResourceRequest = true;
  info.verb = METHOD_VERBS[method] ?? method.toLowerCase();
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  // /namespaces/<ns>/<resource>... addresses a namespaced resource, except the namespace's own
  // subresources (status, finalize), which address the namespace object.
  if (rest[0] === 'namespaces' && rest.length > 1) {
    info.namespace = rest[1]!;
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  info.resource = rest[0] ?? '';
  info.name = rest[1] ?? '';
  info.subresource = rest[2] ?? '';
  if (info.resource === 'namespaces') info.namespace = '';
  if (rest.length > 3) info.subresource = rest.slice(2).join('/');
  const watchParam = query.get('watch');
  if (info.verb === 'get' && !info.name) {
    info.verb = legacyWatch || watchParam === 'true' || watchParam === '1' ? 'watch' : 'list';
  } else if (legacyWatch && info.verb === 'get') {
    info.verb = 'watch';
  }
  if (info.verb === 'delete' && !info.name) info.verb = 'deletecollection';
  return info;
}
