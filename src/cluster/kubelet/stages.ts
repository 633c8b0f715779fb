// The pod lifecycle of the simulated kubelet as kwok-style stages: each stage matches pods in some
// state, waits a delay from a reference time that is stored in the pod itself (so a restarted
// kubelet resumes where it was), and yields the next status or the final delete. Pure: the engine
// (pod-engine.ts) does the I/O. Stages, in order of precedence:
//   delete   deletionTimestamp set           -> delete with grace 0 after the stop delay
//   create   bound, Pending, no containers   -> ContainerCreating (realistic) or Running (instant)
//   start    ContainerCreating               -> Running and Ready, with a pod IP
//   complete Running, restartPolicy != Always -> Succeeded (Job pods)
//   crash    Running, chaos profile          -> containers restarted, RESTARTS + 1
import type { Pod, PodStatus } from '../../api/core-v1.js';
import { isPodTerminal } from '../pod-state.js';
import type { KubeletProfile } from './profiles.js';
import { stableDelay } from './profiles.js';
import { forgeContainerCreating, forgeRestarted, forgeRunning, forgeSucceeded } from './pod-status.js';

export interface StageContext {
  profile: KubeletProfile;
  now: Date;
  hostIP: string;
  /** A free pod IP on the pod's node (called only by stages that start containers). */
  allocateIP(): string;
}

export type StepAction =
  | { kind: 'status'; status: PodStatus; events: [type: 'Normal' | 'Warning', reason: string, message: string][] }
  | { kind: 'delete' };

export interface Step {
  stage: 'delete' | 'create' | 'start' | 'complete' | 'crash';
  /** Epoch ms when the step is due; the engine waits until then. */
  at: number;
  /** Builds the action; called only once the step is due. */
  act(): StepAction;
}

const time = (s: string | null | undefined, fallback: number) => (s ? Date.parse(s) : fallback);

function isContainerCreating(pod: Pod): boolean {
  return (pod.status?.containerStatuses ?? []).some((s) => s.state.waiting?.reason === 'ContainerCreating');
}

function startEvents(pod: Pod): [type: 'Normal', reason: string, message: string][] {
  return pod.spec.containers.flatMap((c) => [
    ['Normal', 'Pulled', `Container image "${c.image ?? ''}" already present on machine`],
    ['Normal', 'Created', `Created container: ${c.name}`],
    ['Normal', 'Started', `Started container ${c.name}`],
  ] as [type: 'Normal', reason: string, message: string][]);
}

/** The next step of a pod on a node this kubelet runs, or undefined when nothing is due ever. */
export function nextStep(pod: Pod, ctx: StageContext): Step | undefined {
  const { profile, now } = ctx;
  const uid = pod.metadata.uid ?? '';
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp) {
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
    const requested = Date.parse(pod.metadata.deletionTimestamp) - grace;
    return { stage: 'delete', at: requested + Math.min(stableDelay(profile.stopMs, `${uid}/stop`), grace), act: () => ({ kind: 'delete' }) };
  }
  if (isPodTerminal(pod)) return undefined;
  if (phase === 'Pending' && !isContainerCreating(pod)) {
    if (profile.showContainerCreating) {
      return { stage: 'create', at: now.getTime(), act: () => ({ kind: 'status', status: forgeContainerCreating(pod, ctx.hostIP, now), events: [] }) };
    }
    return { stage: 'create', at: now.getTime(), act: () => running(pod, ctx) };
  }
  if (phase === 'Pending') {
    const at = time(pod.status?.startTime, now.getTime()) + stableDelay(profile.startMs, `${uid}/start`);
    return { stage: 'start', at, act: () => running(pod, ctx) };
  }
  if (phase !== 'Running') return undefined;
  const started = time(pod.status?.containerStatuses?.[0]?.state.running?.startedAt, now.getTime());
  if ((pod.spec.restartPolicy ?? 'Always') !== 'Always') {
    const at = started + stableDelay(profile.completeMs, `${uid}/complete`);
    return { stage: 'complete', at, act: () => ({ kind: 'status', status: forgeSucceeded(pod, ctx.now), events: [] }) };
  }
  if (profile.crashAfterMs) {
    const restarts = pod.status?.containerStatuses?.[0]?.restartCount ?? 0;
    const at = started + stableDelay(profile.crashAfterMs, `${uid}/crash/${restarts}`);
    return {
      stage: 'crash', at,
      act: () => ({ kind: 'status', status: forgeRestarted(pod, ctx.now), events: [['Warning', 'BackOff', 'Back-off restarting failed container']] }),
    };
  }
  return undefined;
}

function running(pod: Pod, ctx: StageContext): StepAction {
  const ip = pod.status?.podIP ?? ctx.allocateIP();
  return { kind: 'status', status: forgeRunning(pod, ctx.hostIP, ip, ctx.now), events: ctx.profile.events ? startEvents(pod) : [] };
}
