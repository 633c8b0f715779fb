import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import {
  configMapPrinter,
  endpointsPrinter,
  formatEndpoints,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core.js';
import type { Printer } from './printer.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const created = '2024-06-01T11:00:00Z'; // 60m before NOW

function obj(name: string, fields: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name, creationTimestamp: created, ...meta }, ...fields };
}

const row = (p: Printer, o: KubeObject): unknown[] => p.row(o, { now: NOW }).cells;
const header = (p: Printer): [string, string, number][] => p.columns.map((c) => [c.name, c.type, c.priority]);

test('namespaces, configmaps, secrets, serviceaccounts', () => {
  const cases: [string, Printer, KubeObject, unknown[]][] = [
    ['namespace', namespacePrinter, obj('default', { status: { phase: 'Active' } }), ['default', 'Active', '60m']],
    ['terminating namespace', namespacePrinter, obj('x', { status: { phase: 'Terminating' } }), ['x', 'Terminating', '60m']],
    ['configmap data+binaryData', configMapPrinter, obj('cm', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), ['cm', 3, '60m']],
    ['empty configmap', configMapPrinter, obj('cm'), ['cm', 0, '60m']],
    ['secret', secretPrinter, obj('s', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } }), ['s', 'kubernetes.io/tls', 2, '60m']],
    ['secret defaults to Opaque', secretPrinter, obj('s'), ['s', 'Opaque', 0, '60m']],
    ['serviceaccount', serviceAccountPrinter, obj('sa', { secrets: [{ name: 't' }] }), ['sa', 1, '60m']],
    ['serviceaccount without secrets', serviceAccountPrinter, obj('default'), ['default', 0, '60m']],
  ];
  for (const [name, printer, o, want] of cases) assert.deepEqual(row(printer, o), want, name);
  assert.deepEqual(header(namespacePrinter), [['Name', 'string', 0], ['Status', 'string', 0], ['Age', 'string', 0]]);
  assert.deepEqual(header(secretPrinter), [['Name', 'string', 0], ['Type', 'string', 0], ['Data', 'string', 0], ['Age', 'string', 0]]);
});

test('nodes: status, roles and wide columns', () => {
  assert.deepEqual(header(nodePrinter), [
    ['Name', 'string', 0], ['Status', 'string', 0], ['Roles', 'string', 0], ['Age', 'string', 0], ['Version', 'string', 0],
    ['Internal-IP', 'string', 1], ['External-IP', 'string', 1], ['OS-Image', 'string', 1],
    ['Kernel-Version', 'string', 1], ['Container-Runtime', 'string', 1],
  ]);
  const ready = { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }] };
  const info = { kubeletVersion: 'v1.32.0', osImage: 'Debian 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7' };
  const cases: [string, KubeObject, unknown[]][] = [
    [
      'ready control plane',
      obj('cp', {
        status: { ...ready, nodeInfo: info, addresses: [{ type: 'Hostname', address: 'cp' }, { type: 'InternalIP', address: '172.18.0.2' }] },
      }, { labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/os': 'linux' } }),
      ['cp', 'Ready', 'control-plane', '60m', 'v1.32.0', '172.18.0.2', '<none>', 'Debian 12', '6.1.0', 'containerd://1.7'],
    ],
    [
      'cordoned not-ready node with legacy and prefixed roles',
      obj('w', {
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'Unknown' }], addresses: [{ type: 'ExternalIP', address: '1.2.3.4' }] },
      }, { labels: { 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/infra': '', 'node-role.kubernetes.io/': '' } }),
      ['w', 'NotReady,SchedulingDisabled', 'infra,worker', '60m', '', '<none>', '1.2.3.4', '<unknown>', '<unknown>', '<unknown>'],
    ],
    ['node without conditions', obj('n'), ['n', 'Unknown', '<none>', '60m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']],
  ];
  for (const [name, o, want] of cases) assert.deepEqual(row(nodePrinter, o), want, name);
});

test('services by type', () => {
  assert.deepEqual(header(servicePrinter), [
    ['Name', 'string', 0], ['Type', 'string', 0], ['Cluster-IP', 'string', 0], ['External-IP', 'string', 0],
    ['Port(s)', 'string', 0], ['Age', 'string', 0], ['Selector', 'string', 1],
  ]);
  const cases: [string, Record<string, unknown>, Record<string, unknown> | undefined, unknown[]][] = [
    [
      'cluster ip',
      { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] },
      undefined,
      ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '60m', '<none>'],
    ],
    [
      'defaults type and protocol, selector sorted',
      { clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }], selector: { 'k8s-app': 'kube-dns', a: 'b' } },
      undefined,
      ['kubernetes', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '60m', 'a=b,k8s-app=kube-dns'],
    ],
    [
      'headless without ports',
      { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] },
      undefined,
      ['kubernetes', 'ClusterIP', 'None', '<none>', '<none>', '60m', '<none>'],
    ],
    [
      'node port with external ips',
      { type: 'NodePort', clusterIPs: ['10.96.1.1'], externalIPs: ['1.1.1.1', '2.2.2.2'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] },
      undefined,
      ['kubernetes', 'NodePort', '10.96.1.1', '1.1.1.1,2.2.2.2', '80:30080/TCP', '60m', '<none>'],
    ],
    ['pending load balancer', { type: 'LoadBalancer', clusterIPs: ['10.96.1.2'] }, undefined, ['kubernetes', 'LoadBalancer', '10.96.1.2', '<pending>', '<none>', '60m', '<none>']],
    [
      'load balancer ingress, sorted and deduplicated, never clipped',
      { type: 'LoadBalancer', clusterIPs: ['10.96.1.2'] },
      { loadBalancer: { ingress: [{ hostname: 'a-very-long-hostname.example.com' }, { ip: '9.9.9.9' }, { ip: '9.9.9.9' }] } },
      ['kubernetes', 'LoadBalancer', '10.96.1.2', '9.9.9.9,a-very-long-hostname.example.com', '<none>', '60m', '<none>'],
    ],
    [
      'load balancer plus external ips',
      { type: 'LoadBalancer', clusterIPs: ['10.96.1.2'], externalIPs: ['5.5.5.5'] },
      { loadBalancer: { ingress: [{ ip: '9.9.9.9' }] } },
      ['kubernetes', 'LoadBalancer', '10.96.1.2', '9.9.9.9,5.5.5.5', '<none>', '60m', '<none>'],
    ],
    ['external name', { type: 'ExternalName', externalName: 'db.example.com' }, undefined, ['kubernetes', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>']],
    ['unknown type', { type: 'Weird', clusterIPs: ['10.0.0.1'] }, undefined, ['kubernetes', 'Weird', '10.0.0.1', '<unknown>', '<none>', '60m', '<none>']],
  ];
  for (const [name, spec, status, want] of cases) {
    assert.deepEqual(row(servicePrinter, obj('kubernetes', { spec, ...(status ? { status } : {}) })), want, name);
  }
});

test('endpoints formatting and truncation', () => {
  const addr = (...ips: string[]) => ips.map((ip) => ({ ip }));
  const cases: [string, unknown, string][] = [
    ['no subsets', undefined, '<none>'],
    ['empty subsets', [], '<none>'],
    ['only not-ready addresses', [{ notReadyAddresses: addr('10.0.0.1'), ports: [{ port: 80 }] }], ''],
    ['one address one port', [{ addresses: addr('10.0.0.1'), ports: [{ port: 80 }] }], '10.0.0.1:80'],
    ['headless without ports', [{ addresses: addr('10.0.0.1', '10.0.0.2') }], '10.0.0.1,10.0.0.2'],
    ['ipv6', [{ addresses: addr('fd00::5'), ports: [{ port: 8080 }] }], '[fd00::5]:8080'],
    [
      'three exactly',
      [{ addresses: addr('10.0.0.1', '10.0.0.2', '10.0.0.3'), ports: [{ port: 80 }] }],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80',
    ],
    [
      'more than three across ports',
      [{ addresses: addr('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }, { port: 443 }] }],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
    ],
    [
      'more than three across subsets',
      [{ addresses: addr('10.0.0.1', '10.0.0.2', '10.0.0.3'), ports: [{ port: 80 }] }, { addresses: addr('10.0.1.1', '10.0.1.2') }],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...',
    ],
  ];
  for (const [name, subsets, want] of cases) {
    assert.equal(formatEndpoints(subsets as never), want, name);
  }
  assert.deepEqual(row(endpointsPrinter, obj('svc', { subsets: [{ addresses: addr('10.0.0.1'), ports: [{ port: 80 }] }] })), [
    'svc', '10.0.0.1:80', '60m',
  ]);
});
