import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregate, canonicalSubnet, defaultKindConfig, nameNodes, parseKindConfig, validateClusterName, validateKindConfig,
} from './kind-config.js';

const HEADER = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n';

test('defaults: one control-plane, kind subnets, loopback and a free port', () => {
  const expected = {
    ipFamily: 'ipv4', apiServerAddress: '127.0.0.1', apiServerPort: 0, podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16',
    nodes: [{ role: 'control-plane', labels: {} }],
  };
  assert.deepEqual(defaultKindConfig(), expected);
  assert.deepEqual(parseKindConfig(HEADER), expected);
  assert.deepEqual(parseKindConfig(`${HEADER}nodes: []\nnetworking: {}\n`), expected);
});

test('a full config is read, unused kind fields are accepted', () => {
  const spec = parseKindConfig(`${HEADER}name: venice
featureGates: { SomeGate: true }
networking:
  podSubnet: 10.200.0.0/16
  serviceSubnet: 10.80.0.0/12
  apiServerAddress: 127.0.0.2
  apiServerPort: 6443
  kubeProxyMode: ipvs
nodes:
  - role: control-plane
    image: kindest/node:v1.32.0
    extraPortMappings: [{ containerPort: 80, hostPort: 8080 }]
  - role: worker
    labels: { tier: db, size: 3 }
  - {}
`);
  assert.equal(spec.name, 'venice');
  assert.equal(spec.podSubnet, '10.200.0.0/16');
  assert.equal(spec.serviceSubnet, '10.80.0.0/12');
  assert.equal(spec.apiServerAddress, '127.0.0.2');
  assert.equal(spec.apiServerPort, 6443);
  assert.deepEqual(spec.nodes, [
    { role: 'control-plane', labels: {} },
    { role: 'worker', labels: { tier: 'db', size: '3' } },
    { role: 'control-plane', labels: {} }, // kind's default role
  ]);
  assert.deepEqual(validateKindConfig('venice', spec), []);
});

test('nodes are named like kind names its containers', () => {
  const roles = ['control-plane', 'worker', 'control-plane', 'worker', 'worker'];
  const nodes = nameNodes('ab1', roles.map((role) => ({ role, labels: {} })));
  assert.deepEqual(nodes.map((n) => n.name), ['ab1-control-plane', 'ab1-worker', 'ab1-control-plane2', 'ab1-worker2', 'ab1-worker3']);
  assert.deepEqual(nameNodes('kind', [{ role: 'control-plane', labels: { a: 'b' } }]), [
    { name: 'kind-control-plane', role: 'control-plane', labels: { a: 'b' } },
  ]);
});

test('unknown apiVersion or kind is rejected with kind\'s messages', () => {
  assert.throws(() => parseKindConfig('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n'), { message: 'unknown apiVersion: kind.x-k8s.io/v1alpha3' });
  assert.throws(() => parseKindConfig('apiVersion: kind.x-k8s.io/v1alpha4\nkind: Pod\n'), { message: 'unknown kind Pod for apiVersion: kind.x-k8s.io/v1alpha4' });
  assert.throws(() => parseKindConfig(''), { message: 'unknown apiVersion: ' });
  assert.throws(() => parseKindConfig('name: [a\n'), /^Error: could not determine kind \/ apiVersion for config: yaml: /);
});

test('unknown fields and mistyped values fail strict decoding, with line numbers', () => {
  assert.throws(() => parseKindConfig(`${HEADER}networking:\n  podSubnet: 10.0.0.0/16\n  foo: bar\nbar: 1\n`), {
    message: 'unable to decode config: yaml: unmarshal errors:\n'
      + '  line 5: field foo not found in type v1alpha4.Networking\n'
      + '  line 6: field bar not found in type v1alpha4.Cluster',
  });
  assert.throws(() => parseKindConfig(`${HEADER}nodes: foo\nnetworking:\n  apiServerPort: "6443"\n`), {
    message: 'unable to decode config: yaml: unmarshal errors:\n'
      + '  line 3: cannot unmarshal !!str `foo` into []v1alpha4.Node\n'
      + '  line 5: cannot unmarshal !!str `6443` into int32',
  });
  assert.throws(() => parseKindConfig(`${HEADER}nodes:\n- role: worker\n  labels: [a]\n  extra: 1\n`), {
    message: 'unable to decode config: yaml: unmarshal errors:\n'
      + '  line 5: cannot unmarshal !!seq into map[string]string\n'
      + '  line 6: field extra not found in type v1alpha4.Node',
  });
});

test('validation: roles, control-plane count, CIDRs, loopback address, port', () => {
  const spec = parseKindConfig(`${HEADER}networking:
  podSubnet: 10.0.0.0/33
  serviceSubnet: 10.0.0.0/8
  apiServerAddress: 0.0.0.0
  apiServerPort: 70000
nodes:
  - role: worker
  - role: master
`);
  assert.deepEqual(validateKindConfig('ok', spec), [
    'invalid apiServerAddress: "0.0.0.0" is not an IPv4 loopback address (127.0.0.0/8); lkind clusters listen on loopback only',
    'invalid apiServerPort: invalid port number: 70000',
    'invalid pod subnet: "10.0.0.0/33" is not an IPv4 CIDR (e.g. 10.0.0.0/16)',
    'invalid service subnet: 10.0.0.0/8 is too large, the prefix length must be at least /12',
    'invalid configuration for node 1: "master" is not a valid node role',
    'must have at least one control-plane node',
  ]);
  const v6 = parseKindConfig(`${HEADER}networking:\n  ipFamily: ipv6\n`);
  assert.deepEqual(validateKindConfig('ok', v6), ['ipFamily ipv6 is not supported by lkind: clusters are IPv4 only']);
  const weird = parseKindConfig(`${HEADER}networking:\n  ipFamily: ipv5\n  podSubnet: banana\n`);
  assert.deepEqual(validateKindConfig('ok', weird), ['invalid ipFamily: ipv5', 'invalid pod subnet: "banana" is not an IPv4 CIDR (e.g. 10.0.0.0/16)']);
});

test('node labels are validated as Kubernetes labels', () => {
  const spec = parseKindConfig(`${HEADER}nodes:\n- role: control-plane\n  labels:\n    "bad key!": x\n`);
  const [err, ...rest] = validateKindConfig('ok', spec);
  assert.equal(rest.length, 0);
  assert.match(err!, /^invalid configuration for node 0: labels: Invalid value: "bad key!": name part must consist of/);
});

test('cluster names are DNS labels', () => {
  for (const ok of ['kind', 'a', 'my-cluster-1', 'x'.repeat(63)]) assert.equal(validateClusterName(ok), undefined, ok);
  for (const bad of ['', 'Kind', 'my_cluster', '-a', 'a-', 'a.b', 'x'.repeat(64)]) {
    assert.match(validateClusterName(bad)!, /is not a valid cluster name, cluster names must match/, bad);
  }
  assert.deepEqual(validateKindConfig('Bad', defaultKindConfig()).length, 1);
});

test('aggregate joins like apimachinery, subnets are canonicalised', () => {
  assert.equal(aggregate(['a']), 'a');
  assert.equal(aggregate(['a', 'b']), '[a, b]');
  assert.equal(canonicalSubnet('10.244.3.7/16'), '10.244.0.0/16');
});
