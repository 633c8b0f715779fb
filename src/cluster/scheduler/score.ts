// The default profile's score plugins, each normalized to 0..100 and weighted as
// default_plugins.go weighs them: TaintToleration 3 (fewer intolerable PreferNoSchedule taints is
// better), NodeAffinity 2 (preferred terms), NodeResourcesFit 1 (LeastAllocated on cpu/memory,
// missing requests counted as 100m/200Mi), InterPodAffinity 2 (preferred terms, min-max
// normalized), NodeResourcesBalancedAllocation 1. The host is the highest total; ties go to the
// first node by name, or to a uniform pick when a random function is injected (kube samples).
// Deliberately not here: PodTopologySpread and ImageLocality scoring, score extenders.
import type { Pod } from '../../api/core-v1.js';
import { interPodAffinityScores } from './inter-pod-affinity.js';
import { hasPreferredNodeAffinity, preferredNodeAffinityScore } from './node-affinity.js';
import { podRequests } from './resources.js';
import type { NodeInfo, Snapshot } from './snapshot.js';
import { countIntolerablePreferNoSchedule } from './taints.js';

export const MAX_NODE_SCORE = 100;
export type ScorePluginName = 'TaintToleration' | 'NodeAffinity' | 'NodeResourcesFit' | 'InterPodAffinity' | 'NodeResourcesBalancedAllocation';
export const SCORE_WEIGHTS: Readonly<Record<ScorePluginName, number>> = {
  TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1,
};

/** raw: what the plugin's Score returned; score: after NormalizeScore; weighted: score × weight. */
export interface PluginScore { raw: number; score: number; weighted: number; skipped: boolean }
export interface NodeScore { nodeName: string; plugins: Record<ScorePluginName, PluginScore>; total: number }

/** helper.DefaultNormalizeScore: scale to 0..100 by the maximum; `reverse` flips it. */
export function defaultNormalize(raw: readonly number[], reverse: boolean): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map((s) => (reverse ? MAX_NODE_SCORE : s));
  return raw.map((s) => {
    const scaled = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - scaled : scaled;
  });
}

/** InterPodAffinity's NormalizeScore: min-max to 0..100. */
export function minMaxNormalize(raw: readonly number[]): number[] {
  const min = Math.min(...raw);
  const diff = Math.max(...raw) - min;
  return raw.map((s) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s - min) / diff)) : 0));
}

/** leastResourceScorer with weight 1 per resource; resources with no allocatable are skipped. */
export function leastAllocatedScore(requested: readonly number[], allocatable: readonly number[]): number {
  let total = 0;
  let weights = 0;
  allocatable.forEach((cap, i) => {
    if (cap === 0) return;
    const req = requested[i]!;
    total += req > cap ? 0 : Math.trunc(((cap - req) * MAX_NODE_SCORE) / cap);
    weights += 1;
  });
  return weights === 0 ? 0 : Math.trunc(total / weights);
}

/** balancedResourceScorer: 100 × (1 − standard deviation of the requested fractions). */
export function balancedAllocationScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions = allocatable.flatMap((cap, i) => (cap === 0 ? [] : [Math.min(requested[i]! / cap, 1)]));
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

interface PluginRun { raw: number[]; score: number[]; skipped: boolean }

function runPlugins(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[], namespaceLabels: Snapshot['namespaceLabels']): Record<ScorePluginName, PluginRun> {
  const nonZero = podRequests(pod, { nonZero: true });
  const real = podRequests(pod);
  const taints = feasible.map((i) => countIntolerablePreferNoSchedule(i.node.spec?.taints, pod.spec.tolerations));
  const preferred = hasPreferredNodeAffinity(pod);
  const affinity = preferred ? feasible.map((i) => preferredNodeAffinityScore(pod, i.node)) : feasible.map(() => 0);
  const fit = feasible.map(({ resources: r }) => leastAllocatedScore(
    [r.nonZeroRequested.milliCPU + nonZero.milliCPU, r.nonZeroRequested.memory + nonZero.memory], [r.allocatable.milliCPU, r.allocatable.memory]));
  const balanced = feasible.map(({ resources: r }) => balancedAllocationScore(
    [r.requested.milliCPU + real.milliCPU, r.requested.memory + real.memory], [r.allocatable.milliCPU, r.allocatable.memory]));
  const ipa = interPodAffinityScores(pod, all, feasible, namespaceLabels);
  const ipaRaw = feasible.map((i) => ipa?.get(i.name) ?? 0);
  return {
    TaintToleration: { raw: taints, score: defaultNormalize(taints, true), skipped: false },
    NodeAffinity: { raw: affinity, score: preferred ? defaultNormalize(affinity, false) : affinity, skipped: !preferred },
    NodeResourcesFit: { raw: fit, score: fit, skipped: false },
    InterPodAffinity: { raw: ipaRaw, score: ipa ? minMaxNormalize(ipaRaw) : ipaRaw, skipped: ipa === undefined },
    NodeResourcesBalancedAllocation: { raw: balanced, score: balanced, skipped: false },
  };
}

/** RunScorePlugins + the weighted sum, for every feasible node (in the given order). */
export function scoreNodes(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[], namespaceLabels: Snapshot['namespaceLabels']): NodeScore[] {
  const runs = runPlugins(pod, feasible, all, namespaceLabels);
  return feasible.map((info, i) => {
    const plugins = {} as Record<ScorePluginName, PluginScore>;
    let total = 0;
    for (const name of Object.keys(SCORE_WEIGHTS) as ScorePluginName[]) {
      const run = runs[name];
      const weighted = run.score[i]! * SCORE_WEIGHTS[name];
      plugins[name] = { raw: run.raw[i]!, score: run.score[i]!, weighted, skipped: run.skipped };
      total += weighted;
    }
    return { nodeName: info.name, plugins, total };
  });
}

/** selectHost: the highest total; among ties the first by name, or `random`'s uniform pick. */
export function selectHost(scores: readonly NodeScore[], random?: () => number): string {
  if (scores.length === 0) throw new Error('selectHost: no feasible node to choose from');
  const best = Math.max(...scores.map((s) => s.total));
  const ties = scores.filter((s) => s.total === best).map((s) => s.nodeName).sort();
  const index = random ? Math.min(Math.floor(random() * ties.length), ties.length - 1) : 0;
  return ties[index]!;
}
