import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from '../../api/builtin-resources.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import type { KubeObject } from '../../api/types.js';
import { createdAt } from './default.js';
import { toTable, type IncludeObject } from './index.js';

const NOW = new Date('2024-06-01T12:00:00Z');

function info(group: string, resource: string, extra: Partial<ResourceInfo> = {}): ResourceInfo {
  const found = BUILTIN_RESOURCES.find((r) => r.group === group && r.resource === resource);
  const base: ResourceInfo = found ?? {
    group, version: 'v1', resource, singular: resource.slice(0, -1), kind: 'Thing', listKind: 'ThingList',
    namespaced: true, shortNames: [], categories: [], verbs: ['get', 'list'], subresources: [],
  };
  return { ...base, ...extra };
}

const cm: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'default', uid: 'u1', resourceVersion: '7', creationTimestamp: '2024-06-01T11:59:00Z', labels: { a: 'b' } },
  data: { k: 'v' },
};

test('table envelope, list metadata and columns', () => {
  const table = toTable(info('', 'configmaps'), [cm], {
    includeObject: 'Metadata', listMeta: { resourceVersion: '42', continue: 'tok', remainingItemCount: 3 }, now: NOW,
  });
  assert.equal(table.kind, 'Table');
  assert.equal(table.apiVersion, 'meta.k8s.io/v1');
  assert.deepEqual(table.metadata, { resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
  assert.deepEqual(table.columnDefinitions.map((c) => c.name), ['Name', 'Data', 'Age']);
  assert.deepEqual(table.rows[0]!.cells, ['cfg', 1, '60s']);
  assert.equal('conditions' in table.rows[0]!, false);
  assert.deepEqual(toTable(info('', 'configmaps'), [], { includeObject: 'None', listMeta: {} }).rows, []);
});

test('includeObject decides the row object', () => {
  const cases: [IncludeObject, unknown][] = [
    ['None', null],
    ['Metadata', { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cm.metadata }],
    ['Object', cm],
  ];
  for (const [includeObject, want] of cases) {
    const row = toTable(info('', 'configmaps'), [cm], { includeObject, listMeta: {}, now: NOW }).rows[0]!;
    assert.deepEqual(row.object, want, includeObject);
    assert.ok('object' in row, includeObject);
  }
});

test('row objects fill in what stored objects lack', () => {
  const bare: KubeObject = { metadata: { name: 'd' }, spec: {} };
  const deployments = info('apps', 'deployments');
  const asObject = toTable(deployments, [bare], { includeObject: 'Object', listMeta: {}, now: NOW }).rows[0]!.object;
  assert.deepEqual(asObject, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: {} });
  const asMeta = toTable(deployments, [bare], { includeObject: 'Metadata', listMeta: {}, now: NOW }).rows[0]!.object;
  assert.deepEqual(asMeta, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'd', creationTimestamp: null } });
});

test('printer dispatch by group and resource', () => {
  const cases: [ResourceInfo, string[]][] = [
    [info('', 'pods'), ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']],
    [info('', 'events'), ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']],
    [info('events.k8s.io', 'events'), ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']],
    [info('apps', 'deployments'), ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']],
    [info('coordination.k8s.io', 'leases'), ['Name', 'Holder', 'Age']],
    [info('discovery.k8s.io', 'endpointslices'), ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']],
    [info('apiextensions.k8s.io', 'customresourcedefinitions'), ['Name', 'Created At']],
    [info('rbac.authorization.k8s.io', 'roles'), ['Name', 'Created At']],
    [info('rbac.authorization.k8s.io', 'clusterroles'), ['Name', 'Created At']],
    [info('rbac.authorization.k8s.io', 'rolebindings'), ['Name', 'Role', 'Age', 'Users', 'Groups', 'ServiceAccounts']],
    [info('admissionregistration.k8s.io', 'validatingwebhookconfigurations'), ['Name', 'Webhooks', 'Age']],
    [info('example.com', 'things'), ['Name', 'Created At']],
    [
      info('example.com', 'widgets', {
        custom: {
          crdName: 'widgets.example.com', hasStatus: false, storage: true,
          printerColumns: [{ name: 'Size', type: 'integer', jsonPath: '.spec.size' }],
        },
      }),
      ['Name', 'Size'],
    ],
    [
      info('example.com', 'gadgets', { custom: { crdName: 'gadgets.example.com', hasStatus: false, storage: true, printerColumns: [] } }),
      ['Name', 'Age'],
    ],
  ];
  for (const [resource, want] of cases) {
    const table = toTable(resource, [], { includeObject: 'None', listMeta: {} });
    assert.deepEqual(table.columnDefinitions.map((c) => c.name), want, `${resource.group}/${resource.resource}`);
  }
});

test('default convertor prints Created At in UTC RFC 3339', () => {
  const role: KubeObject = { metadata: { name: 'reader', creationTimestamp: '2024-06-01T13:59:07+02:00' }, rules: [] };
  const table = toTable(info('rbac.authorization.k8s.io', 'roles'), [role], { includeObject: 'None', listMeta: {}, now: NOW });
  assert.deepEqual(table.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority]), [
    ['Name', 'string', 'name', 0],
    ['Created At', 'date', '', 0],
  ]);
  assert.deepEqual(table.rows[0]!.cells, ['reader', '2024-06-01T11:59:07Z']);
  const cases: [unknown, string][] = [
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z'],
    ['2024-01-02T03:04:05.999Z', '2024-01-02T03:04:05Z'],
    [undefined, '0001-01-01T00:00:00Z'],
    [null, '0001-01-01T00:00:00Z'],
  ];
  for (const [ts, want] of cases) assert.equal(createdAt(ts), want, String(ts));
});

test('custom resource rows through toTable', () => {
  const widgets = info('example.com', 'widgets', {
    custom: {
      crdName: 'widgets.example.com', hasStatus: true, storage: true,
      printerColumns: [
        { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    },
  });
  const w: KubeObject = {
    apiVersion: 'example.com/v1', kind: 'Widget',
    metadata: { name: 'w', creationTimestamp: '2024-06-01T11:00:00Z' },
    spec: { size: 2 }, status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
  const empty: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'e', creationTimestamp: '2024-06-01T11:00:00Z' } };
  const table = toTable(widgets, [w, empty], { includeObject: 'Metadata', listMeta: { resourceVersion: '9' }, now: NOW });
  assert.deepEqual(table.rows.map((r) => r.cells), [
    ['w', 2, 'True', '60m'],
    ['e', null, null, '60m'],
  ]);
});

test('pod rows carry conditions through toTable', () => {
  const p: KubeObject = { metadata: { name: 'job-x', creationTimestamp: '2024-06-01T11:00:00Z' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Succeeded' } };
  const row = toTable(info('', 'pods'), [p], { includeObject: 'None', listMeta: {}, now: NOW }).rows[0]!;
  assert.deepEqual(row.conditions, [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  assert.deepEqual(Object.keys(row), ['cells', 'conditions', 'object']);
});
