import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core-v1.js';
import { insufficientResources, isScalarResourceName, nodeResources, podRequests, type Resources } from './resources.js';
import { container, node, pod } from './testdata.js';

const Mi = 2 ** 20;
const res = (milliCPU: number, memory: number, scalar: Record<string, number> = {}, ephemeralStorage = 0): Resources => ({ milliCPU, memory, ephemeralStorage, scalar });

test('isScalarResourceName', () => {
  const cases: [string, boolean][] = [
    ['example.com/gpu', true], ['nvidia.com/gpu', true], ['hugepages-2Mi', true], ['attachable-volumes-aws-ebs', true],
    ['kubernetes.io/batch', true], ['cpu', false], ['pods', false], ['foo', false], ['requests.example.com/gpu', false],
  ];
  for (const [name, want] of cases) assert.equal(isScalarResourceName(name), want, name);
});

test('podRequests', () => {
  const withSpec = (spec: Partial<Pod['spec']>) => pod('p', { spec });
  const cases: [string, Pod, Resources, Resources][] = [
    ['no requests count zero; nonZero adds the defaults', pod('p'), res(0, 0), res(100, 200 * Mi)],
    ['containers add up', withSpec({ containers: [container('a', { cpu: '100m', memory: '64Mi' }), container('b', { cpu: '0.5', memory: '1Gi' })] }),
      res(600, 64 * Mi + 1024 * Mi), res(600, 64 * Mi + 1024 * Mi)],
    ['an explicit zero is not missing', withSpec({ containers: [container('a', { cpu: '0' })] }), res(0, 0), res(0, 200 * Mi)],
    ['limits default missing requests', withSpec({ containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '250m' } } }] }),
      res(250, 1024 * Mi), res(250, 1024 * Mi)],
    ['init containers: max with the sum', withSpec({
      initContainers: [container('i1', { cpu: '2', memory: '1G' }), container('i2', { cpu: '2', memory: '3G' })],
      containers: [container('c1', { cpu: '2', memory: '1G' }), container('c2', { cpu: '1', memory: '1G' })],
    }), res(3000, 3e9), res(3000, 3e9)],
    ['sidecars add to the sum and to later init containers', withSpec({
      initContainers: [container('side', { cpu: '500m' }, { restartPolicy: 'Always' }), container('init', { cpu: '2' })],
      containers: [container('c', { cpu: '1' })],
    }), res(2500, 0), res(2500, 2 * 200 * Mi)],
    ['overhead is added', withSpec({ containers: [container('c', { cpu: '1' })], overhead: { cpu: '250m', memory: '120Mi' } }),
      res(1250, 120 * Mi), res(1250, 320 * Mi)],
    ['extended resources; unknown names ignored', withSpec({ containers: [container('c', { 'example.com/gpu': '2', foo: '3', 'ephemeral-storage': '1Gi' })] }),
      res(0, 0, { 'example.com/gpu': 2 }, 1024 * Mi), res(100, 200 * Mi, { 'example.com/gpu': 2 }, 1024 * Mi)],
    ['sums are exact before rounding', withSpec({ containers: [container('a', { cpu: '0.4m' }), container('b', { cpu: '0.4m' })] }), res(1, 0), res(1, 400 * Mi)],
  ];
  for (const [name, p, want, wantNonZero] of cases) {
    assert.deepEqual(podRequests(p), want, name);
    assert.deepEqual(podRequests(p, { nonZero: true }), wantNonZero, `${name} (nonZero)`);
  }
  assert.throws(() => podRequests(pod('p', { requests: { cpu: 'lots' } })), /invalid quantity "lots"/);
});

test('nodeResources sums the pods on the node', () => {
  const n = node('n1', { allocatable: { cpu: '2', memory: '4Gi', pods: '3', 'example.com/gpu': '4' } });
  const pods = [pod('a', { requests: { cpu: '500m', memory: '1Gi' } }), pod('b')];
  const got = nodeResources(n, pods);
  assert.deepEqual(got.allocatable, res(2000, 4096 * Mi, { 'example.com/gpu': 4 }));
  assert.equal(got.allowedPodNumber, 3);
  assert.equal(got.podCount, 2);
  assert.deepEqual(got.requested, res(500, 1024 * Mi));
  assert.deepEqual(got.nonZeroRequested, res(600, 1224 * Mi));
  assert.equal(nodeResources(node('bare', { allocatable: {} }), []).allowedPodNumber, 0);
});

test('insufficientResources', () => {
  const n = node('n1', { allocatable: { cpu: '2', memory: '4Gi', pods: '2', 'example.com/gpu': '1', 'ephemeral-storage': '10Gi' } });
  const busy = nodeResources(n, [pod('a', { requests: { cpu: '1500m', memory: '3Gi', 'example.com/gpu': '1' } })]);
  const reasons = (req: Resources, info = busy) => insufficientResources(req, info).map((r) => r.reason);
  const cases: [string, Resources, string[]][] = [
    ['fits', res(500, 1024 * Mi), []],
    ['exactly the free amount fits', res(500, 1024 * Mi), []],
    ['cpu', res(501, 0), ['Insufficient cpu']],
    ['memory', res(0, 1024 * Mi + 1), ['Insufficient memory']],
    ['cpu and memory together, in kube order', res(1000, 2048 * Mi), ['Insufficient cpu', 'Insufficient memory']],
    ['extended resource', res(0, 0, { 'example.com/gpu': 1 }), ['Insufficient example.com/gpu']],
    ['extended resource the node lacks', res(0, 0, { 'vendor.io/fpga': 1 }), ['Insufficient vendor.io/fpga']],
    ['a zero extended request is skipped', res(0, 0, { 'vendor.io/fpga': 0 }), []],
    ['ephemeral storage', res(0, 0, {}, 11 * 1024 * Mi), ['Insufficient ephemeral-storage']],
  ];
  for (const [name, req, want] of cases) assert.deepEqual(reasons(req), want, name);
  const full = nodeResources(n, [pod('a'), pod('b')]);
  assert.deepEqual(reasons(res(0, 0), full), ['Too many pods']);
  assert.deepEqual(reasons(res(3000, 0), full), ['Too many pods', 'Insufficient cpu']);
  assert.deepEqual(insufficientResources(res(501, 0), busy)[0], { resourceName: 'cpu', reason: 'Insufficient cpu', requested: 501, used: 1500, capacity: 2000 });
});
