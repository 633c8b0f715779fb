// Pure builders of the pod status a kubelet posts at each point of a pod's life: waiting in
// ContainerCreating, running and ready, completed (Job pods), and a container restarted after a
// crash. The shapes follow kubelet 1.32's (conditions PodReadyToStartContainers, Initialized,
// Ready, ContainersReady, PodScheduled; containerd-style IDs), so kubectl's STATUS, READY and
// RESTARTS columns read them as on a real node.
import { createHash } from 'node:crypto';
import type { Condition, Container, ContainerStatus, Pod, PodStatus } from '../../api/core-v1.js';

export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function hex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex');
}

/** docker.io/library/nginx@sha256:..., as containerd reports a pulled image. */
export function forgeImageID(image: string): string {
  const repo = image.replace(/[:@].*$/, '');
  const full = repo.includes('/') ? (repo.split('/')[0]!.includes('.') ? repo : `docker.io/${repo}`) : `docker.io/library/${repo}`;
  return `${full}@sha256:${hex('image', image)}`;
}

export function condition(type: string, status: boolean, time: string, reason?: string, message?: string): Condition {
  return { type, status: status ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: time, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** Keeps a condition's lastTransitionTime when its status does not change. */
export function mergeConditions(old: Condition[] | undefined, next: Condition[]): Condition[] {
  const byType = new Map((old ?? []).map((c) => [c.type, c]));
  const merged = next.map((c) => {
    const prev = byType.get(c.type);
    byType.delete(c.type);
    return prev && prev.status === c.status && prev.reason === c.reason ? { ...c, lastTransitionTime: prev.lastTransitionTime } : c;
  });
  return [...merged, ...byType.values()];
}

function containers(pod: Pod): Container[] {
  return pod.spec.containers ?? [];
}

function notReady(pod: Pod, time: string, reason: string): Condition[] {
  const names = containers(pod).map((c) => c.name).join(' ');
  const msg = `containers with unready status: [${names}]`;
  return [condition('Ready', false, time, reason, msg), condition('ContainersReady', false, time, reason, msg)];
}

function base(pod: Pod, hostIP: string): PodStatus {
  return { ...pod.status, hostIP, hostIPs: [{ ip: hostIP }] };
}

export function forgeContainerCreating(pod: Pod, hostIP: string, now: Date): PodStatus {
  const t = rfc3339(now);
  return {
    ...base(pod, hostIP), phase: 'Pending', startTime: pod.status?.startTime ?? t,
    conditions: mergeConditions(pod.status?.conditions, [
      condition('PodReadyToStartContainers', false, t), condition('Initialized', true, t), ...notReady(pod, t, 'ContainersNotReady'),
    ]),
    containerStatuses: containers(pod).map((c) => ({
      name: c.name, image: c.image ?? '', imageID: '', ready: false, started: false, restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
    })),
    ...initStatuses(pod, t),
  };
}

function runningStatus(pod: Pod, c: Container, startedAt: string, restartCount: number, lastState?: ContainerStatus['lastState']): ContainerStatus {
  return {
    name: c.name, image: c.image ?? '', imageID: forgeImageID(c.image ?? ''),
    containerID: `containerd://${hex(pod.metadata.uid ?? '', c.name, String(restartCount))}`,
    ready: true, started: true, restartCount, state: { running: { startedAt } }, ...(lastState ? { lastState } : {}),
  };
}

function initStatuses(pod: Pod, t: string): Pick<PodStatus, 'initContainerStatuses'> {
  const init = pod.spec.initContainers ?? [];
  if (init.length === 0) return {};
  return {
    initContainerStatuses: init.map((c) => ({
      name: c.name, image: c.image ?? '', imageID: forgeImageID(c.image ?? ''), ready: true, started: false, restartCount: 0,
      containerID: `containerd://${hex(pod.metadata.uid ?? '', 'init', c.name)}`,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: t, finishedAt: t } },
    })),
  };
}

export function forgeRunning(pod: Pod, hostIP: string, podIP: string, now: Date): PodStatus {
  const t = rfc3339(now);
  return {
    ...base(pod, hostIP), phase: 'Running', podIP, podIPs: [{ ip: podIP }], startTime: pod.status?.startTime ?? t,
    conditions: mergeConditions(pod.status?.conditions, [
      condition('PodReadyToStartContainers', true, t), condition('Initialized', true, t),
      condition('Ready', true, t), condition('ContainersReady', true, t),
    ]),
    containerStatuses: containers(pod).map((c) => runningStatus(pod, c, t, 0)),
    ...initStatuses(pod, t),
  };
}

/** A Job's pod whose containers exited 0. */
export function forgeSucceeded(pod: Pod, now: Date): PodStatus {
  const t = rfc3339(now);
  return {
    ...pod.status, phase: 'Succeeded',
    conditions: mergeConditions(pod.status?.conditions, [condition('PodReadyToStartContainers', false, t), ...notReady(pod, t, 'PodCompleted')]),
    containerStatuses: (pod.status?.containerStatuses ?? []).map((s) => ({
      ...s, ready: false, started: false,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: s.state.running?.startedAt ?? t, finishedAt: t, containerID: s.containerID } },
    })),
  };
}

/** Every container crashed (exit 1) and was restarted at once: RESTARTS goes up by one. */
export function forgeRestarted(pod: Pod, now: Date): PodStatus {
  const t = rfc3339(now);
  const byName = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  return {
    ...pod.status,
    containerStatuses: containers(pod).map((c) => {
      const prev = byName.get(c.name);
      const count = (prev?.restartCount ?? 0) + 1;
      const lastState = { terminated: { exitCode: 1, reason: 'Error', startedAt: prev?.state.running?.startedAt ?? t, finishedAt: t, containerID: prev?.containerID } };
      return runningStatus(pod, c, t, count, lastState);
    }),
  };
}
