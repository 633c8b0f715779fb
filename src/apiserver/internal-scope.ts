// Request scopes for the API server's own writes (bootstrap objects, CRD status, namespace
// finalization): they take the same strategy/validation/storage path as client requests but have
// no HTTP exchange, like kube-apiserver's loopback writes as system:apiserver.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { ResourceInfo } from '../api/resource-info.js';
import type { RequestScope, ServerServices } from './handlers/scope.js';
import { strategyFor } from './strategy/index.js';

const APISERVER_USER = { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

export function internalScope(services: ServerServices, info: ResourceInfo, namespace: string, name: string, subresource = ''): RequestScope {
  const req = new IncomingMessage(new Socket());
  req.headers['user-agent'] = 'kube-apiserver';
  return {
    info, strategy: strategyFor(info), namespace, name, subresource,
    query: new URLSearchParams(), req, res: new ServerResponse(req), user: APISERVER_USER, services, warnings: [],
  };
}

export function builtin(services: ServerServices, group: string, resource: string): ResourceInfo {
  const info = services.registry.lookupAnyVersion(group, resource);
  if (!info) throw new Error(`resource ${resource}.${group} is not served`);
  return info;
}
