import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Affinity, PodAffinityTerm, Pod } from '../../api/core-v1.js';
import {
  AFFINITY_REASON, ANTI_AFFINITY_REASON, EXISTING_ANTI_AFFINITY_REASON, interPodAffinityFailure, interPodAffinityScores,
  prepareInterPodAffinity,
} from './inter-pod-affinity.js';
import { toNodeInfos } from './snapshot.js';
import { node, pod, snapshot } from './testdata.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const term = (app: string, topologyKey = HOST, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey, ...extra });
const withAffinity = (name: string, affinity: Affinity, labels: Record<string, string> = {}, namespace = 'default') => pod(name, { labels, namespace, spec: { affinity } });
const anti = (...t: PodAffinityTerm[]): Affinity => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });
const aff = (...t: PodAffinityTerm[]): Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });
const bound = (p: Pod, nodeName: string): Pod => ({ ...p, spec: { ...p.spec, nodeName } });

const nodes = [node('n1', { labels: { [ZONE]: 'a' } }), node('n2', { labels: { [ZONE]: 'a' } }), node('n3', { labels: { [ZONE]: 'b' } }), node('bare')];
const nsLabels = { other: { team: 'x' }, default: { 'kubernetes.io/metadata.name': 'default' } };

function verdicts(incoming: Pod, existing: Pod[]): Record<string, string> {
  const snap = snapshot(nodes, existing, nsLabels);
  const infos = toNodeInfos(snap);
  const state = prepareInterPodAffinity(incoming, infos, snap.namespaceLabels);
  return Object.fromEntries(infos.map((i) => [i.name, interPodAffinityFailure(state, i.node)?.reason ?? 'fits']));
}

test('InterPodAffinity filter', () => {
  const web = (n: string, ns = 'default') => bound(pod(`web-${n}`, { labels: { app: 'web' }, namespace: ns }), n);
  const cases: [string, Pod, Pod[], Record<string, string>][] = [
    ['no affinity, nothing to check', pod('p'), [web('n1')], { n1: 'fits', n2: 'fits', n3: 'fits', bare: 'fits' }],
    ['anti-affinity by hostname', withAffinity('p', anti(term('web'))), [web('n1')],
      { n1: ANTI_AFFINITY_REASON, n2: 'fits', n3: 'fits', bare: 'fits' }],
    ['anti-affinity by zone blocks the whole zone; nodes without the key pass', withAffinity('p', anti(term('web', ZONE))), [web('n1')],
      { n1: ANTI_AFFINITY_REASON, n2: ANTI_AFFINITY_REASON, n3: 'fits', bare: 'fits' }],
    ['affinity by zone', withAffinity('p', aff(term('web', ZONE))), [web('n1')],
      { n1: 'fits', n2: 'fits', n3: AFFINITY_REASON, bare: AFFINITY_REASON }],
    ['affinity to nothing that exists', withAffinity('p', aff(term('db'))), [web('n1')],
      { n1: AFFINITY_REASON, n2: AFFINITY_REASON, n3: AFFINITY_REASON, bare: AFFINITY_REASON }],
    ['the first pod of a self-affine group goes where the key exists', withAffinity('p', aff(term('db', ZONE)), { app: 'db' }), [],
      { n1: 'fits', n2: 'fits', n3: 'fits', bare: AFFINITY_REASON }],
    ['existing pods\u2019 anti-affinity repels the incoming pod', pod('p', { labels: { app: 'web' } }),
      [bound(withAffinity('guard', anti(term('web'))), 'n2')], { n1: 'fits', n2: EXISTING_ANTI_AFFINITY_REASON, n3: 'fits', bare: 'fits' }],
    ['terms default to the owner\u2019s namespace', withAffinity('p', anti(term('web'))), [web('n1', 'other')],
      { n1: 'fits', n2: 'fits', n3: 'fits', bare: 'fits' }],
    ['explicit namespaces', withAffinity('p', anti(term('web', HOST, { namespaces: ['other'] }))), [web('n1', 'other')],
      { n1: ANTI_AFFINITY_REASON, n2: 'fits', n3: 'fits', bare: 'fits' }],
    ['namespaceSelector by labels', withAffinity('p', anti(term('web', HOST, { namespaceSelector: { matchLabels: { team: 'x' } } }))), [web('n1', 'other')],
      { n1: ANTI_AFFINITY_REASON, n2: 'fits', n3: 'fits', bare: 'fits' }],
    ['namespaceSelector {} selects every namespace, even unknown ones', withAffinity('p', anti(term('web', HOST, { namespaceSelector: {} }))), [web('n1', 'ghost')],
      { n1: ANTI_AFFINITY_REASON, n2: 'fits', n3: 'fits', bare: 'fits' }],
    ['a non-empty namespaceSelector never selects an unknown namespace', withAffinity('p', anti(term('web', HOST, { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] } }))), [web('n1', 'ghost')],
      { n1: 'fits', n2: 'fits', n3: 'fits', bare: 'fits' }],
    ['a nil labelSelector matches no pod', withAffinity('p', anti({ topologyKey: HOST })), [web('n1')],
      { n1: 'fits', n2: 'fits', n3: 'fits', bare: 'fits' }],
    ['existing anti-affinity with a namespaceSelector sees the incoming pod\u2019s namespace labels', pod('p', { labels: { app: 'web' }, namespace: 'other' }),
      [bound(withAffinity('guard', anti(term('web', ZONE, { namespaceSelector: { matchLabels: { team: 'x' } } }))), 'n3')],
      { n1: 'fits', n2: 'fits', n3: EXISTING_ANTI_AFFINITY_REASON, bare: 'fits' }],
  ];
  for (const [name, incoming, existing, want] of cases) assert.deepEqual(verdicts(incoming, existing), want, name);
});

test('InterPodAffinity scores', () => {
  const web = bound(pod('web', { labels: { app: 'web' } }), 'n1');
  const prefer = (weight: number, t: PodAffinityTerm, kind: 'podAffinity' | 'podAntiAffinity' = 'podAffinity'): Affinity => ({ [kind]: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight, podAffinityTerm: t }] } });
  const scores = (incoming: Pod, existing: Pod[]) => {
    const snap = snapshot(nodes, existing, nsLabels);
    const infos = toNodeInfos(snap);
    const got = interPodAffinityScores(incoming, infos, infos, snap.namespaceLabels);
    return got && Object.fromEntries(got);
  };
  assert.equal(scores(pod('p'), [web]), undefined, 'nothing to score: the plugin skips');
  assert.deepEqual(scores(withAffinity('p', prefer(10, term('web', ZONE))), [web]), { n1: 10, n2: 10, n3: 0, bare: 0 });
  assert.deepEqual(scores(withAffinity('p', prefer(5, term('web'), 'podAntiAffinity')), [web]), { n1: -5, n2: 0, n3: 0, bare: 0 });
  const magnet = bound(withAffinity('magnet', { podAffinity: { ...aff(term('web', ZONE)).podAffinity, ...prefer(7, term('web')).podAffinity } }), 'n3');
  assert.deepEqual(scores(pod('p', { labels: { app: 'web' } }), [magnet]), { n1: 0, n2: 0, n3: 8, bare: 0 }, 'existing required (1) and preferred (7) terms');
});
