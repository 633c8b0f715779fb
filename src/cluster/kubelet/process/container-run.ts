// The state of one container of a process pod as the kubelet tracks it: its restart count, state
// and last state in the API's shape, readiness and started, the running attempt and its probes.
// A container that ran before the kubelet restarted starts from what the pod's status says, its
// last run gone as after a node reboot (exit code 255, reason Unknown).
import type { ContainerState, ContainerStatus } from '../../../api/core-v1.js';
import { rfc3339 } from '../pod-status.js';
import type { RunContainer } from './container-spec.js';
import type { ContainerProcess } from './container-process.js';
import type { ProbeWorker } from './probes.js';

export interface PodAddresses { podIP: string; hostIP: string; sandbox: string }

export interface ContainerView {
  name: string;
  image: string;
  restartCount: number;
  ready: boolean;
  started: boolean;
  containerID?: string;
  state: ContainerState;
  lastState?: ContainerState;
}

export interface PodView {
  /** Volumes are set up: the sandbox is ready to start containers. */
  sandboxReady: boolean;
  initContainers: ContainerView[];
  containers: ContainerView[];
}


export class Run {
  restartCount = 0;
  everRan = false;
  ready = false;
  started = false;
  containerID: string | undefined;
  state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  lastState: ContainerState | undefined;
  proc: ContainerProcess | undefined;
  probes: ProbeWorker[] = [];
  env: Record<string, string> = {};

  constructor(readonly spec: RunContainer, readonly init: boolean, readonly simulated: boolean, prev: ContainerStatus | undefined, now: Date) {
    if (init) this.state = { waiting: { reason: 'PodInitializing' } };
    if (!prev) return;
    const ran = prev.state.running ?? prev.state.terminated ?? prev.lastState?.terminated;
    if (!ran) return;
    // The kubelet restarted: what ran before is gone, as after a node reboot.
    this.everRan = true;
    this.restartCount = prev.restartCount;
    this.lastState = prev.state.running
      ? { terminated: { exitCode: 255, reason: 'Unknown', startedAt: prev.state.running.startedAt, finishedAt: rfc3339(now), containerID: prev.containerID } }
      : prev.state.terminated ? { terminated: prev.state.terminated } : prev.lastState;
  }

  view(): ContainerView {
    return {
      name: this.spec.name, image: this.spec.image ?? '', restartCount: this.restartCount, ready: this.ready, started: this.started,
      ...(this.containerID ? { containerID: this.containerID } : {}), state: this.state, ...(this.lastState ? { lastState: this.lastState } : {}),
    };
  }
}
