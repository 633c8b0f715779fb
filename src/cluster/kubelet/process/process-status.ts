// The status a kubelet posts for a process pod, from what its containers are doing (the view of
// process-pod.ts): the phase by kubelet's getPhase (Pending until the sandbox is up and the init
// containers are done, Running while any container runs or will be restarted, Succeeded/Failed
// once none will), the conditions PodReadyToStartContainers, Initialized, ContainersReady and
// Ready with kube's reasons and messages, and containerStatuses/initContainerStatuses. Pure.
import type { ContainerStatus, Pod, PodPhase, PodStatus } from '../../../api/core-v1.js';
import { condition, forgeImageID, mergeConditions, rfc3339 } from '../pod-status.js';
import type { ContainerView, PodAddresses, PodView } from './container-run.js';

function toStatus(v: ContainerView): ContainerStatus {
  const ran = Boolean(v.state.running || v.state.terminated || v.lastState);
  return {
    name: v.name, image: v.image, imageID: ran ? forgeImageID(v.image) : '', ...(v.containerID ? { containerID: v.containerID } : {}),
    ready: v.ready, started: v.started, restartCount: v.restartCount, state: v.state, ...(v.lastState ? { lastState: v.lastState } : {}),
  };
}

function initDone(v: ContainerView): boolean {
  return v.state.terminated?.exitCode === 0;
}

/** kubelet's getPhase over the containers' states. */
export function podPhase(pod: Pod, view: PodView): PodPhase {
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (policy === 'Never' && view.initContainers.some((v) => v.state.terminated && v.state.terminated.exitCode !== 0)) return 'Failed';
  if (!view.sandboxReady || !view.initContainers.every(initDone)) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const v of view.containers) {
    if (v.state.running) running++;
    else if (v.state.terminated) {
      stopped++;
      if (v.state.terminated.exitCode === 0) succeeded++;
    } else if (v.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return 'Pending';
  if (policy === 'Always') return 'Running';
  if (stopped === succeeded) return 'Succeeded';
  return policy === 'OnFailure' ? 'Running' : 'Failed';
}

export function forgeProcessPodStatus(pod: Pod, view: PodView, addr: PodAddresses, now: Date): PodStatus {
  const t = rfc3339(now);
  const phase = podPhase(pod, view);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const incomplete = view.initContainers.filter((v) => !initDone(v)).map((v) => v.name);
  const unready = view.containers.filter((v) => !v.ready).map((v) => v.name);
  const readyConditions = terminal
    ? [condition('Ready', false, t, 'PodCompleted'), condition('ContainersReady', false, t, 'PodCompleted')]
    : unready.length > 0
      ? ['Ready', 'ContainersReady'].map((type) => condition(type, false, t, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`))
      : [condition('Ready', true, t), condition('ContainersReady', true, t)];
  const initialized = incomplete.length === 0
    ? condition('Initialized', true, t)
    : condition('Initialized', false, t, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`);
  const ip = view.sandboxReady || pod.status?.podIP ? { podIP: addr.podIP, podIPs: [{ ip: addr.podIP }] } : {};
  return {
    ...pod.status, phase, hostIP: addr.hostIP, hostIPs: [{ ip: addr.hostIP }], ...ip, startTime: pod.status?.startTime ?? t,
    conditions: mergeConditions(pod.status?.conditions, [
      condition('PodReadyToStartContainers', view.sandboxReady && !terminal, t), initialized, ...readyConditions,
    ]),
    containerStatuses: view.containers.map(toStatus),
    ...(view.initContainers.length > 0 ? { initContainerStatuses: view.initContainers.map(toStatus) } : {}),
  };
}
