import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from '../../api/builtin-resources.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { contentHash, OpenAPIService } from './index.js';
import { widget } from './test-support.js';

function service(initial: ResourceInfo[]): { svc: OpenAPIService; set(r: ResourceInfo[]): void } {
  let current = initial;
  const svc = new OpenAPIService(() => current);
  return { svc, set(r) { current = r; svc.invalidate(); } };
}

const hashOf = (url: string) => new URL(url, 'https://x').searchParams.get('hash');

test('the index lists every group version with a content-addressed URL', () => {
  const { svc } = service([...BUILTIN_RESOURCES]);
  const index = svc.v3Index();
  assert.deepEqual(Object.keys(index.paths), [
    'api/v1', 'apis/admissionregistration.k8s.io/v1', 'apis/apiextensions.k8s.io/v1', 'apis/apps/v1',
    'apis/authentication.k8s.io/v1', 'apis/authorization.k8s.io/v1', 'apis/batch/v1',
    'apis/certificates.k8s.io/v1', 'apis/coordination.k8s.io/v1', 'apis/discovery.k8s.io/v1', 'apis/events.k8s.io/v1',
    'apis/rbac.authorization.k8s.io/v1',
  ]);
  const apps = svc.v3Document('apis/apps/v1');
  assert.ok(apps);
  assert.equal(index.paths['apis/apps/v1']!.serverRelativeURL, `/openapi/v3/apis/apps/v1?hash=${apps.hash}`);
  assert.equal(apps.hash, contentHash(apps.body));
  assert.match(apps.hash, /^[0-9A-F]{128}$/);
  assert.equal(svc.v3Document('apis/nope/v1'), undefined);
  assert.equal(svc.v3IndexDocument().hash, contentHash(svc.v3IndexDocument().body));
});

test('hashes follow the documents across invalidations', () => {
  const { svc, set } = service([...BUILTIN_RESOURCES]);
  const before = svc.v3Index();
  const appsBefore = svc.v3Document('apis/apps/v1');
  const indexHash = svc.v3IndexDocument().hash;

  set([...BUILTIN_RESOURCES, widget()]);
  const after = svc.v3Index();
  assert.ok(after.paths['apis/example.com/v1'], 'the new CRD group version is listed');
  assert.notEqual(svc.v3IndexDocument().hash, indexHash);
  // Untouched group versions keep their document (and cached clients keep their copy).
  assert.equal(after.paths['apis/apps/v1']!.serverRelativeURL, before.paths['apis/apps/v1']!.serverRelativeURL);
  assert.equal(svc.v3Document('apis/apps/v1'), appsBefore);

  const first = hashOf(after.paths['apis/example.com/v1']!.serverRelativeURL);
  const changed = widget({}, { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'string' } } } } });
  set([...BUILTIN_RESOURCES, changed]);
  const third = hashOf(svc.v3Index().paths['apis/example.com/v1']!.serverRelativeURL);
  assert.notEqual(third, first, 'a schema change changes the hash');
  assert.match(svc.v3Document('apis/example.com/v1')!.body, /"size":\{"type":"string"\}/);

  set([...BUILTIN_RESOURCES]);
  assert.equal(svc.v3Index().paths['apis/example.com/v1'], undefined);
  assert.equal(svc.v3Document('apis/example.com/v1'), undefined);
});

test('a group version shared by several CRDs holds all of them', () => {
  const gadget = widget({ resource: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList', namespaced: false, subresources: [] });
  const { svc } = service([widget(), gadget]);
  const body = JSON.parse(svc.v3Document('apis/example.com/v1')!.body) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
  assert.ok(body.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}']);
  assert.ok(body.paths['/apis/example.com/v1/gadgets/{name}']);
  assert.ok(body.components.schemas['com.example.v1.Gadget']);
  assert.ok(body.components.schemas['com.example.v1.Widget']);
});

test('the v2 document is cached until invalidated', () => {
  const { svc, set } = service([...BUILTIN_RESOURCES]);
  const v2 = svc.v2Document();
  assert.equal(svc.v2Document(), v2);
  assert.equal(svc.v2Protobuf(), svc.v2Protobuf());
  set([...BUILTIN_RESOURCES, widget()]);
  assert.notEqual(svc.v2Document(), v2);
  assert.match(svc.v2Document(), /com\.example\.v1\.Widget/);
});
