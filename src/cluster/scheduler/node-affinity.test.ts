import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm } from '../../api/core-v1.js';
import {
  matchesFieldRequirement, matchesLabelRequirement, matchesNodeSelectorTerm, matchesRequiredNodeAffinity,
  preferredNodeAffinityScore, requiredNodeNames,
} from './node-affinity.js';
import { node, pod } from './testdata.js';

const labels = { zone: 'a', cores: '8', disk: 'ssd', weird: '08x' };

test('matchesLabelRequirement covers every operator', () => {
  const cases: [NodeSelectorRequirement, boolean | undefined][] = [
    [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, true],
    [{ key: 'zone', operator: 'In', values: ['b'] }, false],
    [{ key: 'missing', operator: 'In', values: ['a'] }, false],
    [{ key: 'zone', operator: 'NotIn', values: ['a'] }, false],
    [{ key: 'zone', operator: 'NotIn', values: ['b'] }, true],
    [{ key: 'missing', operator: 'NotIn', values: ['a'] }, true],
    [{ key: 'disk', operator: 'Exists' }, true],
    [{ key: 'missing', operator: 'Exists' }, false],
    [{ key: 'disk', operator: 'DoesNotExist' }, false],
    [{ key: 'missing', operator: 'DoesNotExist' }, true],
    [{ key: 'cores', operator: 'Gt', values: ['4'] }, true],
    [{ key: 'cores', operator: 'Gt', values: ['8'] }, false],
    [{ key: 'cores', operator: 'Lt', values: ['16'] }, true],
    [{ key: 'cores', operator: 'Lt', values: ['-1'] }, false],
    [{ key: 'missing', operator: 'Gt', values: ['1'] }, false],
    [{ key: 'weird', operator: 'Gt', values: ['1'] }, false],
    // requirements labels.NewRequirement rejects: the whole term then matches nothing
    [{ key: 'zone', operator: 'In', values: [] }, undefined],
    [{ key: 'zone', operator: 'Exists', values: ['a'] }, undefined],
    [{ key: 'cores', operator: 'Gt', values: ['4', '5'] }, undefined],
    [{ key: 'cores', operator: 'Gt', values: ['four'] }, undefined],
    [{ key: 'zone', operator: 'Like' as 'In', values: ['a'] }, undefined],
  ];
  for (const [r, want] of cases) assert.equal(matchesLabelRequirement(r, labels), want, JSON.stringify(r));
});

test('matchesFieldRequirement supports only metadata.name', () => {
  const n = node('worker');
  const cases: [NodeSelectorRequirement, boolean | undefined][] = [
    [{ key: 'metadata.name', operator: 'In', values: ['worker'] }, true],
    [{ key: 'metadata.name', operator: 'In', values: ['other'] }, false],
    [{ key: 'metadata.name', operator: 'NotIn', values: ['other'] }, true],
    [{ key: 'metadata.name', operator: 'NotIn', values: ['worker'] }, false],
    [{ key: 'metadata.name', operator: 'In', values: ['worker', 'other'] }, undefined],
    [{ key: 'metadata.name', operator: 'Exists' }, undefined],
    [{ key: 'metadata.uid', operator: 'In', values: ['x'] }, undefined],
  ];
  for (const [r, want] of cases) assert.equal(matchesFieldRequirement(r, n), want, JSON.stringify(r));
});

test('matchesNodeSelectorTerm ANDs requirements', () => {
  const n = node('worker', { labels });
  const cases: [string, NodeSelectorTerm, boolean][] = [
    ['empty term matches nothing', {}, false],
    ['empty lists match nothing', { matchExpressions: [], matchFields: [] }, false],
    ['all hold', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'Exists' }] }, true],
    ['one fails', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'gpu', operator: 'Exists' }] }, false],
    ['labels and fields', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker'] }] }, true],
    ['an unparsable requirement spoils the term', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'x', operator: 'In', values: [] }] }, false],
  ];
  for (const [name, term, want] of cases) assert.equal(matchesNodeSelectorTerm(term, n), want, name);
});

test('matchesRequiredNodeAffinity: nodeSelector AND (terms ORed)', () => {
  const n = node('worker', { labels });
  const terms = (...t: NodeSelectorTerm[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: t } } } });
  const cases: [string, Parameters<typeof pod>[1], boolean][] = [
    ['no constraints', {}, true],
    ['nodeSelector matches', { spec: { nodeSelector: { zone: 'a' } } }, true],
    ['nodeSelector value differs', { spec: { nodeSelector: { zone: 'b' } } }, false],
    ['nodeSelector key missing', { spec: { nodeSelector: { gpu: '' } } }, false],
    ['terms are ORed', { spec: terms({ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }) }, true],
    ['no term matches', { spec: terms({ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }) }, false],
    ['zero terms match nothing', { spec: terms() }, false],
    ['selector and affinity both needed', { spec: { nodeSelector: { zone: 'b' }, ...terms({ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }) } }, false],
  ];
  for (const [name, opts, want] of cases) assert.equal(matchesRequiredNodeAffinity(pod('p', opts), n), want, name);
});

test('preferredNodeAffinityScore sums the weights of matching terms', () => {
  const pref = (...t: PreferredSchedulingTerm[]) => pod('p', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: t } } } });
  const n = node('worker', { labels });
  const zoneA = { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['a'] }] };
  const ssd = { matchExpressions: [{ key: 'disk', operator: 'In' as const, values: ['ssd'] }] };
  const gpu = { matchExpressions: [{ key: 'gpu', operator: 'Exists' as const }] };
  assert.equal(preferredNodeAffinityScore(pref(), n), 0);
  assert.equal(preferredNodeAffinityScore(pref({ weight: 10, preference: zoneA }, { weight: 5, preference: ssd }, { weight: 50, preference: gpu }), n), 15);
  assert.equal(preferredNodeAffinityScore(pref({ weight: 7, preference: {} }), n), 0);
});

test('requiredNodeNames (NodeAffinity PreFilter)', () => {
  const name = (...values: string[]) => ({ key: 'metadata.name', operator: 'In' as const, values });
  const withTerms = (...t: NodeSelectorTerm[]) => pod('p', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: t } } } } });
  const cases: [string, ReturnType<typeof pod>, Set<string> | 'conflict' | undefined][] = [
    ['no affinity', pod('p'), undefined],
    ['a daemonset-style pin', withTerms({ matchFields: [name('n1')] }), new Set(['n1'])],
    ['union over terms', withTerms({ matchFields: [name('n1')] }, { matchFields: [name('n2')] }), new Set(['n1', 'n2'])],
    ['a term without a name pin frees every node', withTerms({ matchFields: [name('n1')] }, { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }), undefined],
    ['intersection inside a term', withTerms({ matchFields: [name('n1', 'n2'), name('n2')] }), new Set(['n2'])],
    ['disjoint pins conflict', withTerms({ matchFields: [name('n1'), name('n2')] }), 'conflict'],
  ];
  for (const [label, p, want] of cases) assert.deepEqual(requiredNodeNames(p), want, label);
});
