import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import {
  clusterRoleBindingPrinter,
  csrCondition,
  csrPrinter,
  endpointSlicePrinter,
  leasePrinter,
  roleBindingPrinter,
  webhookConfigurationPrinter,
} from './cluster.js';
import type { Printer } from './printer.js';

const NOW = new Date('2024-06-01T12:00:00Z');

function obj(fields: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'x', creationTimestamp: '2024-05-29T12:00:00Z' }, ...fields };
}

test('cluster kinds: rows', () => {
  const cases: [string, Printer, KubeObject, unknown[]][] = [
    [
      'endpointslice',
      endpointSlicePrinter,
      obj({
        addressType: 'IPv4',
        ports: [{ port: 80, name: 'http' }, { name: 'metrics' }, {}, { port: 9090 }],
        endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2', '10.0.0.3'] }],
      }),
      ['x', 'IPv4', '80,metrics,* + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3', '3d'],
    ],
    ['empty endpointslice', endpointSlicePrinter, obj({ addressType: 'IPv6' }), ['x', 'IPv6', '<unset>', '<unset>', '3d']],
    ['lease', leasePrinter, obj({ spec: { holderIdentity: 'node-1' } }), ['x', 'node-1', '3d']],
    ['free lease', leasePrinter, obj({ spec: {} }), ['x', '', '3d']],
    [
      'csr',
      csrPrinter,
      obj({
        spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'alice', expirationSeconds: 86400 },
        status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' },
      }),
      ['x', '3d', 'kubernetes.io/kube-apiserver-client', 'alice', '24h', 'Approved,Issued'],
    ],
    ['bare csr', csrPrinter, obj({ spec: {} }), ['x', '3d', '<none>', '', '<none>', 'Pending']],
    [
      'rolebinding',
      roleBindingPrinter,
      obj({
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
        subjects: [
          { kind: 'User', name: 'alice' },
          { kind: 'Group', name: 'devs' },
          { kind: 'ServiceAccount', name: 'bot', namespace: 'ci' },
          { kind: 'User', name: 'bob' },
          { kind: 'Robot', name: 'r2' },
        ],
      }),
      ['x', 'Role/reader', '3d', 'alice, bob', 'devs', 'ci/bot'],
    ],
    [
      'clusterrolebinding without subjects',
      clusterRoleBindingPrinter,
      obj({ roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } }),
      ['x', 'ClusterRole/cluster-admin', '3d', '', '', ''],
    ],
    ['webhooks', webhookConfigurationPrinter, obj({ webhooks: [{ name: 'a' }, { name: 'b' }] }), ['x', 2, '3d']],
    ['no webhooks', webhookConfigurationPrinter, obj({}), ['x', 0, '3d']],
  ];
  for (const [name, printer, o, want] of cases) assert.deepEqual(printer.row(o, { now: NOW }).cells, want, name);
});

test('csr condition precedence', () => {
  const cond = (...types: string[]) => types.map((type) => ({ type, status: 'True' }));
  const cases: [Record<string, unknown>, string][] = [
    [{}, 'Pending'],
    [{ conditions: cond('Approved') }, 'Approved'],
    [{ conditions: cond('Approved', 'Denied') }, 'Denied'],
    [{ conditions: cond('Approved', 'Failed') }, 'Approved,Failed'],
    [{ conditions: cond('Failed'), certificate: 'abc' }, 'Pending,Failed,Issued'],
  ];
  for (const [status, want] of cases) assert.equal(csrCondition(status), want);
});

test('cluster kinds: columns', () => {
  const cases: [Printer, unknown[]][] = [
    [endpointSlicePrinter, [['Name', 0], ['AddressType', 0], ['Ports', 0], ['Endpoints', 0], ['Age', 0]]],
    [leasePrinter, [['Name', 0], ['Holder', 0], ['Age', 0]]],
    [csrPrinter, [['Name', 0], ['Age', 0], ['SignerName', 0], ['Requestor', 0], ['RequestedDuration', 0], ['Condition', 0]]],
    [roleBindingPrinter, [['Name', 0], ['Role', 0], ['Age', 0], ['Users', 1], ['Groups', 1], ['ServiceAccounts', 1]]],
    [webhookConfigurationPrinter, [['Name', 0], ['Webhooks', 0], ['Age', 0]]],
  ];
  for (const [printer, want] of cases) assert.deepEqual(printer.columns.map((c) => [c.name, c.priority]), want);
});
