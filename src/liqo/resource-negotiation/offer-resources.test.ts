import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod, PodPhase } from '../../api/core-v1.js';
import { formatBytes, formatMilli, freeAmounts, offerChanged, offeredResources, podRequests } from './offer-resources.js';

const VENICE = 'b07938e3-d241-460c-a77b-e286c0f733c7';
const FLORENCE = '2c1b8a0e-9d0f-4a8e-9d55-1d3a3c2f0b11';
const GI = 1024 ** 3;

function node(name: string, allocatable: Record<string, string>, opts: { ready?: boolean; virtual?: boolean } = {}): Node {
  return {
    metadata: { name, labels: opts.virtual ? { 'liqo.io/type': 'virtual-node' } : {} },
    status: { allocatable, conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

function pod(nodeName: string | undefined, requests: Record<string, string>, opts: { phase?: PodPhase; labels?: Record<string, string>; init?: Record<string, string> } = {}): Pod {
  return {
    metadata: { name: 'p', labels: opts.labels },
    spec: {
      nodeName, containers: [{ name: 'c', resources: { requests } }],
      initContainers: opts.init ? [{ name: 'i', resources: { requests: opts.init } }] : undefined,
    },
    status: { phase: opts.phase ?? 'Running' },
  };
}

const NODES = [
  node('cp', { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' }),
  node('worker', { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '100Gi' }),
  node('down', { cpu: '64', memory: '64Gi', pods: '110' }, { ready: false }),
  node('liqo-florence', { cpu: '100', memory: '100Gi', pods: '1000' }, { virtual: true }),
];

test('podRequests: containers summed, the larger init container wins, one pod', () => {
  const p = pod('cp', { cpu: '100m', memory: '64Mi' }, { init: { cpu: '500m', memory: '16Mi' } });
  p.spec.containers.push({ name: 'd', resources: { requests: { cpu: '50m', 'ephemeral-storage': '1Gi' } } });
  p.spec.overhead = { cpu: '10m' };
  assert.deepEqual(podRequests(p), { cpu: 510, memory: 64 * 1024 ** 2, 'ephemeral-storage': GI, pods: 1 });
});

test('freeAmounts: Ready real nodes only, minus what their live pods request; this consumer\'s offloaded pods are its own', () => {
  const offloaded = (origin: string) => ({ 'liqo.io/managed-by': 'shadowpod', 'virtualkubelet.liqo.io/origin': origin });
  const cases: [string, Pod[], Record<string, number>][] = [
    ['no pods', [], { cpu: 6000, memory: 12 * GI, pods: 220, 'ephemeral-storage': 200 * GI }],
    ['a pod on a real node', [pod('cp', { cpu: '500m', memory: '1Gi' })], { cpu: 5500, memory: 11 * GI, pods: 219, 'ephemeral-storage': 200 * GI }],
    ['pending, finished and elsewhere', [
      pod(undefined, { cpu: '1' }), pod('cp', { cpu: '1' }, { phase: 'Succeeded' }), pod('cp', { cpu: '1' }, { phase: 'Failed' }),
      pod('down', { cpu: '1' }), pod('liqo-florence', { cpu: '1' }),
    ], { cpu: 6000, memory: 12 * GI, pods: 220, 'ephemeral-storage': 200 * GI }],
    ['offloaded by this consumer / by another', [
      pod('worker', { cpu: '1' }, { labels: offloaded(VENICE) }), pod('worker', { cpu: '250m' }, { labels: offloaded(FLORENCE) }),
    ], { cpu: 5750, memory: 12 * GI, pods: 219, 'ephemeral-storage': 200 * GI }],
    ['never below zero', [pod('worker', { cpu: '100', memory: '1Ti' })], { cpu: 0, memory: 0, pods: 219, 'ephemeral-storage': 200 * GI }],
  ];
  for (const [name, pods, want] of cases) assert.deepEqual(freeAmounts(NODES, pods, VENICE), want, name);
});

test('offeredResources: the share of the free amounts, rounded down, as Kubernetes writes quantities', () => {
  assert.deepEqual(offeredResources(NODES, [], VENICE, 90), { cpu: '5400m', memory: `${Math.floor((12 * GI * 0.9) / 1024)}Ki`, pods: '198', 'ephemeral-storage': '180Gi' });
  assert.deepEqual(offeredResources(NODES, [], VENICE, 50), { cpu: '3', memory: '6Gi', pods: '110', 'ephemeral-storage': '100Gi' });
  assert.deepEqual(offeredResources([], [], VENICE, 90), { cpu: '0', memory: '0', pods: '0', 'ephemeral-storage': '0' });
});

test('formatMilli and formatBytes', () => {
  const milli: [number, string][] = [[0, '0'], [4000, '4'], [3600, '3600m'], [10, '10m']];
  for (const [n, want] of milli) assert.equal(formatMilli(n), want);
  const bytes: [number, string][] = [[0, '0'], [1000, '0'], [1024, '1Ki'], [1536 * 1024, '1536Ki'], [90 * GI, '90Gi'], [2 * 1024 ** 2 + 1023, '2Mi'], [1024 ** 4, '1Ti']];
  for (const [n, want] of bytes) assert.equal(formatBytes(n), want, String(n));
});

test('offerChanged: only a new or removed resource, or a move of more than 5%', () => {
  const base = { cpu: '4', memory: '8Gi', pods: '100' };
  const cases: [Record<string, string> | undefined, Record<string, string>, boolean][] = [
    [base, { cpu: '4000m', memory: '8192Mi', pods: '100' }, false],
    [base, { cpu: '4200m', memory: '8Gi', pods: '100' }, false],
    [base, { cpu: '4201m', memory: '8Gi', pods: '100' }, true],
    [base, { cpu: '4', memory: '7Gi', pods: '100' }, true],
    [base, { cpu: '4', memory: '8Gi', pods: '95' }, false],
    [base, { cpu: '4', memory: '8Gi', pods: '94' }, true],
    [base, { cpu: '4', memory: '8Gi' }, true],
    [base, { ...base, 'ephemeral-storage': '1Gi' }, true],
    [undefined, base, true],
    [{ cpu: '0' }, { cpu: '0' }, false],
    [{ cpu: '0' }, { cpu: '1m' }, true],
  ];
  for (const [was, will, want] of cases) assert.equal(offerChanged(was, will), want, `${JSON.stringify(was)} -> ${JSON.stringify(will)}`);
});
