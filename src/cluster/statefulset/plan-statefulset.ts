// One sync of a StatefulSet as a pure plan (pkg/controller/statefulset stateful_set_control.go
// updateStatefulSet and computeReplicaStatus): pods for ordinals [start, start+replicas) are
// created in order, failed or finished ones deleted for recreation, pods beyond the range
// deleted from the highest ordinal down; with OrderedReady each step waits for every
// predecessor to be Running and Ready (and available after minReadySeconds), with Parallel
// nothing waits. A RollingUpdate then deletes, from the highest ordinal down to the partition,
// one pod at a time not at the update revision, once the others are healthy. The
// MaxUnavailableStatefulSet alpha feature (several pods at once) is not modelled.
import type { Pod, PodTemplateSpec } from '../../api/core-v1.js';
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from '../../api/apps-batch-v1.js';
import { isPodAvailable, isPodTerminal, isRunningAndReady } from '../pod-state.js';
import { forgeStatefulPod, ordinalOf, podRevision } from './forge-stateful-pod.js';

export type Action = { type: 'create'; pod: Pod } | { type: 'delete'; pod: Pod; reason: string };

export interface Revisions { current: ControllerRevision; update: ControllerRevision }

const isTerminating = (p: Pod) => p.metadata.deletionTimestamp !== undefined;
const isHealthy = (p: Pod, minReady: number, now: Date) => isRunningAndReady(p) && !isTerminating(p) && isPodAvailable(p, minReady, now);

/** The template a revision snapshots (its data is `{spec: {template: {..., $patch}}}`). */
export function revisionTemplate(rev: ControllerRevision): PodTemplateSpec {
  const t = { ...((rev.data as { spec?: { template?: Record<string, unknown> } })?.spec?.template ?? {}) };
  delete t.$patch;
  return t as unknown as PodTemplateSpec;
}

/** newVersionedStatefulSetPod: ordinals below the partition stay at the current revision. */
function podFor(set: StatefulSet, ordinal: number, revs: Revisions): Pod {
  const strategy = set.spec.updateStrategy;
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  const atCurrent = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && ordinal < partition && revs.current.metadata.name !== revs.update.metadata.name;
  const rev = atCurrent ? revs.current : revs.update;
  const template = atCurrent ? revisionTemplate(rev) : set.spec.template;
  return forgeStatefulPod({ ...set, spec: { ...set.spec, template } }, ordinal, rev.metadata.name ?? '');
}

export function planStatefulSet(set: StatefulSet, pods: readonly Pod[], revs: Revisions, now: Date): Action[] {
  const start = set.spec.ordinals?.start ?? 0;
  const replicas = set.spec.replicas ?? 1;
  const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const minReady = set.spec.minReadySeconds ?? 0;
  const byOrdinal = new Map<number, Pod>();
  for (const p of pods) {
    const o = ordinalOf(set, p);
    if (o !== undefined) byOrdinal.set(o, p);
  }
  const inRange = (o: number) => o >= start && o < start + replicas;
  const condemned = [...byOrdinal.entries()].filter(([o]) => !inRange(o)).sort(([a], [b]) => b - a).map(([, p]) => p);
  const actions: Action[] = [];

  for (let o = start; o < start + replicas; o++) {
    const pod = byOrdinal.get(o);
    if (!pod) {
      actions.push({ type: 'create', pod: podFor(set, o, revs) });
      if (monotonic) return actions;
      continue;
    }
    if (isPodTerminal(pod) && !isTerminating(pod)) {
      actions.push({ type: 'delete', pod, reason: `pod ${pod.metadata.name} is ${pod.status?.phase === 'Failed' ? 'failed' : 'succeeded'}` });
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && !isHealthy(pod, minReady, now)) return actions;
  }
  if (!monotonic && actions.length > 0) return actions;

  const firstUnhealthy = [...[...byOrdinal.entries()].sort(([a], [b]) => a - b).map(([, p]) => p)].find((p) => !isHealthy(p, minReady, now));
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && !isHealthy(pod, minReady, now) && pod !== firstUnhealthy) return actions;
    actions.push({ type: 'delete', pod, reason: 'scale down' });
    if (monotonic) return actions;
  }
  if (actions.length > 0) return actions;

  if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return actions;
  const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let o = start + replicas - 1; o >= start + partition; o--) {
    const pod = byOrdinal.get(o);
    if (!pod) return actions;
    if (podRevision(pod) !== revs.update.metadata.name && !isTerminating(pod)) {
      actions.push({ type: 'delete', pod, reason: 'rolling update' });
      return actions;
    }
    if (!isHealthy(pod, minReady, now)) return actions;
  }
  return actions;
}

/** computeReplicaStatus plus completeRollingUpdate. */
export function computeStatefulSetStatus(set: StatefulSet, pods: readonly Pod[], revs: Revisions, now: Date): StatefulSetStatus {
  let replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
  const minReady = set.spec.minReadySeconds ?? 0;
  for (const pod of pods) {
    if (ordinalOf(set, pod) === undefined) continue;
    replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
    if (!isTerminating(pod)) {
      if (podRevision(pod) === revs.current.metadata.name) current++;
      if (podRevision(pod) === revs.update.metadata.name) updated++;
    }
  }
  let currentRevision = revs.current.metadata.name ?? '';
  if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && updated === replicas && ready === replicas) {
    current = updated;
    currentRevision = revs.update.metadata.name ?? '';
  }
  return {
    observedGeneration: set.metadata.generation, replicas,
    // omitempty fields, as kube-apiserver serializes them.
    ...(ready ? { readyReplicas: ready } : {}),
    ...(current ? { currentReplicas: current } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
    currentRevision, updateRevision: revs.update.metadata.name ?? '',
    collisionCount: set.status?.collisionCount ?? 0,
    availableReplicas: available,
  };
}
