import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestInfo } from './request-info.js';

test('parses resource paths like kube-apiserver', () => {
  const q = new URLSearchParams();
  const cases: [string, string, Partial<ReturnType<typeof parseRequestInfo>>][] = [
    ['GET', '/api/v1/namespaces', { verb: 'list', resource: 'namespaces', name: '', namespace: '' }],
    ['GET', '/api/v1/namespaces/default', { verb: 'get', resource: 'namespaces', name: 'default', namespace: '' }],
    ['PUT', '/api/v1/namespaces/x/finalize', { verb: 'update', resource: 'namespaces', name: 'x', subresource: 'finalize', namespace: '' }],
    ['GET', '/api/v1/namespaces/ns/pods', { verb: 'list', resource: 'pods', namespace: 'ns' }],
    ['GET', '/api/v1/namespaces/ns/pods/p/log', { verb: 'get', name: 'p', subresource: 'log' }],
    ['GET', '/apis/apps/v1/deployments', { verb: 'list', group: 'apps', version: 'v1', resource: 'deployments' }],
    ['DELETE', '/apis/apps/v1/namespaces/ns/deployments', { verb: 'deletecollection', namespace: 'ns' }],
    ['GET', '/api/v1/watch/namespaces/ns/pods', { verb: 'watch', namespace: 'ns', resource: 'pods' }],
    ['PATCH', '/apis/apps/v1/namespaces/ns/deployments/d/scale', { verb: 'patch', subresource: 'scale' }],
  ];
  for (const [method, path, want] of cases) {
    const got = parseRequestInfo(method, path, q);
    for (const [k, v] of Object.entries(want)) assert.equal((got as unknown as Record<string, unknown>)[k], v, `${method} ${path} ${k}`);
  }
  assert.equal(parseRequestInfo('GET', '/api/v1/pods', new URLSearchParams('watch=true')).verb, 'watch');
  assert.equal(parseRequestInfo('GET', '/apis', q).isResourceRequest, false);
  assert.equal(parseRequestInfo('GET', '/api/v1', q).isResourceRequest, false);
});
