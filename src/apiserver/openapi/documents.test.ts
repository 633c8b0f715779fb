import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from '../../api/builtin-resources.js';
import { buildV2Document, buildV3Document } from './documents.js';
import { danglingRefs, obj, patchOperationsFor, queryParams, resolve, schemaForKind, widget } from './test-support.js';

const only = (group: string) => BUILTIN_RESOURCES.filter((r) => r.group === group && r.version === 'v1');
const apps = buildV3Document(only('apps'));
const core = buildV3Document(only(''));
const schemas = (doc: Record<string, unknown>) => obj(obj(doc.components).schemas);

test('Deployment.spec.replicas is an int32 with its description', () => {
  const deployment = schemaForKind(apps, { group: 'apps', version: 'v1', kind: 'Deployment' });
  assert.ok(deployment, 'Deployment schema tagged with its GVK');
  assert.equal(schemas(apps)['io.k8s.api.apps.v1.Deployment'], deployment);
  const spec = resolve(apps, obj(obj(deployment.properties).spec));
  const replicas = obj(obj(spec.properties).replicas);
  assert.equal(replicas.type, 'integer');
  assert.equal(replicas.format, 'int32');
  assert.match(replicas.description as string, /^Number of desired pods\./);
  assert.deepEqual(spec.required, ['selector', 'template']);
});

test('containers carry their strategic merge patch metadata', () => {
  const podSpec = obj(schemas(apps)['io.k8s.api.core.v1.PodSpec']);
  const containers = obj(obj(podSpec.properties).containers);
  assert.equal(containers.type, 'array');
  assert.equal(containers['x-kubernetes-patch-merge-key'], 'name');
  assert.equal(containers['x-kubernetes-patch-strategy'], 'merge');
  assert.deepEqual(containers.items, { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' });
});

test('references with siblings are wrapped in allOf; scalar kube types are shared definitions', () => {
  const strategy = obj(schemas(apps)['io.k8s.api.apps.v1.RollingUpdateDeployment']);
  const maxSurge = obj(obj(strategy.properties).maxSurge);
  assert.deepEqual(maxSurge, { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' });
  const intOrString = obj(schemas(apps)['io.k8s.apimachinery.pkg.util.intstr.IntOrString']);
  assert.equal(intOrString.format, 'int-or-string');
  assert.deepEqual(intOrString.oneOf, [{ type: 'integer' }, { type: 'string' }]);
  const meta = obj(schemas(apps)['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
  const created = obj(obj(meta.properties).creationTimestamp);
  assert.deepEqual(created.allOf, [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time' }]);
  assert.equal(obj(schemas(apps)['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).format, 'date-time');
  const limits = obj(obj(obj(schemas(core)['io.k8s.api.core.v1.ResourceRequirements']).properties).limits);
  assert.deepEqual(limits.additionalProperties, { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' });
});

test('every PATCH of a kind declares fieldValidation (kubectl then validates server-side)', () => {
  for (const [doc, gvk] of [
    [apps, { group: 'apps', version: 'v1', kind: 'Deployment' }],
    [core, { group: '', version: 'v1', kind: 'Namespace' }],
    [core, { group: '', version: 'v1', kind: 'Pod' }],
  ] as const) {
    const ops = patchOperationsFor(doc, gvk);
    assert.ok(ops.length >= 1, `${gvk.kind} has PATCH operations`);
    for (const op of ops) {
      assert.deepEqual(queryParams(op).sort(), ['dryRun', 'fieldManager', 'fieldValidation', 'force']);
      assert.ok(obj(obj(op.requestBody).content)['application/strategic-merge-patch+json']);
    }
  }
  const scale = patchOperationsFor(apps, { group: 'autoscaling', version: 'v1', kind: 'Scale' });
  assert.equal(scale.length, 3); // deployments, replicasets and statefulsets /scale
});

test('paths cover verbs and subresources with actions', () => {
  const paths = obj(apps.paths);
  const item = obj(paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']);
  assert.deepEqual(Object.keys(item).sort(), ['delete', 'get', 'parameters', 'patch', 'put']);
  assert.equal(obj(item.get)['x-kubernetes-action'], 'get');
  assert.equal(obj(item.get).operationId, 'readAppsV1NamespacedDeployment');
  const list = obj(obj(paths['/apis/apps/v1/namespaces/{namespace}/deployments']).get);
  assert.equal(list['x-kubernetes-action'], 'list');
  assert.deepEqual(list['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' });
  assert.ok(paths['/apis/apps/v1/deployments']);
  assert.ok(paths['/apis/apps/v1/watch/namespaces/{namespace}/deployments']);
  assert.ok(obj(paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status']).patch);
  const corePaths = obj(core.paths);
  assert.equal(obj(obj(corePaths['/api/v1/namespaces/{namespace}/pods/{name}/binding']).post)['x-kubernetes-action'], 'post');
  assert.ok(obj(corePaths['/api/v1/namespaces/{namespace}/pods/{name}/log']).get);
  assert.ok(obj(corePaths['/api/v1/namespaces/{name}/finalize']).put);
  assert.equal(corePaths['/api/v1/namespaces/{namespace}/namespaces'], undefined);
});

test('documents are self-contained', () => {
  assert.deepEqual(danglingRefs(apps), []);
  assert.deepEqual(danglingRefs(core), []);
  const all = buildV3Document([...BUILTIN_RESOURCES]);
  assert.deepEqual(danglingRefs(all), []);
  assert.equal(all.openapi, '3.0.0');
});

test('custom resources: schema from the CRD, no strategic merge patch, fieldValidation present', () => {
  const doc = buildV3Document([widget()]);
  const kind = schemaForKind(doc, { group: 'example.com', version: 'v1', kind: 'Widget' });
  assert.ok(kind);
  assert.equal(schemas(doc)['com.example.v1.Widget'], kind);
  assert.equal(kind.description, 'A widget for tests.');
  const props = obj(kind.properties);
  assert.deepEqual(Object.keys(props), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  assert.deepEqual(obj(props.metadata).allOf, [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }]);
  const size = obj(obj(obj(props.spec).properties).size);
  assert.equal(size.description, 'How big the widget is.');
  const ops = patchOperationsFor(doc, { group: 'example.com', version: 'v1', kind: 'Widget' });
  assert.equal(ops.length, 2); // the object and its status
  for (const op of ops) {
    assert.ok(queryParams(op).includes('fieldValidation'));
    assert.equal(obj(obj(op.requestBody).content)['application/strategic-merge-patch+json'], undefined);
  }
  assert.ok(schemaForKind(doc, { group: 'example.com', version: 'v1', kind: 'WidgetList' }));
  assert.ok(obj(doc.paths)['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale']);
  assert.equal(obj(doc.paths)['/apis/example.com/v1/watch/widgets'], undefined);
  assert.deepEqual(danglingRefs(doc), []);
});

test('Swagger 2.0: definitions, plain $ref siblings, body parameter', () => {
  const doc = buildV2Document([...BUILTIN_RESOURCES, widget()]);
  assert.equal(doc.swagger, '2.0');
  assert.deepEqual(danglingRefs(doc), []);
  const defs = obj(doc.definitions);
  const meta = obj(defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
  const created = obj(obj(meta.properties).creationTimestamp);
  assert.equal(created.$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time');
  assert.ok(created.description);
  assert.equal(obj(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).type, 'string');
  const patch = obj(obj(obj(doc.paths)['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']).patch);
  assert.ok(queryParams(patch).includes('fieldValidation'));
  assert.ok((patch.consumes as string[]).includes('application/strategic-merge-patch+json'));
  assert.equal(((patch.parameters as Record<string, unknown>[])[0]!).in, 'body');
  // Swagger 2.0 has no nullable: the nullable field loses its type and its required-ness.
  const spec = obj(obj(obj(defs['com.example.v1.Widget']).properties).spec);
  assert.deepEqual(spec.required, ['size']);
  assert.deepEqual(obj(obj(spec.properties).note), {});
  assert.deepEqual(obj(obj(spec.properties).extra), { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
});
