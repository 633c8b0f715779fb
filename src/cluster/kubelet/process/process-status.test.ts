import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerState, Pod } from '../../../api/core-v1.js';
import type { ContainerView, PodView } from './container-run.js';
import { forgeProcessPodStatus, podPhase } from './process-status.js';

const NOW = new Date('2026-01-01T00:00:10Z');
const ADDR = { podIP: '10.244.0.9', hostIP: '127.0.0.1', sandbox: '127.25.43.1' };
const RUNNING: ContainerState = { running: { startedAt: '2026-01-01T00:00:05Z' } };
const done = (exitCode: number): ContainerState => ({ terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed' } });
const BACKOFF: ContainerState = { waiting: { reason: 'CrashLoopBackOff' } };
const CREATING: ContainerState = { waiting: { reason: 'ContainerCreating' } };

function pod(restartPolicy: 'Always' | 'OnFailure' | 'Never' = 'Always'): Pod {
  return { metadata: { name: 'p', uid: 'u' }, spec: { containers: [{ name: 'a' }, { name: 'b' }], restartPolicy } };
}

function view(states: ContainerState[], opts: { ready?: boolean[]; init?: ContainerState[]; sandbox?: boolean; last?: boolean } = {}): PodView {
  const v = (state: ContainerState, i: number, name: string): ContainerView => ({
    name, image: 'ghcr.io/liqo-ts/liqo:t', restartCount: opts.last ? 1 : 0, ready: opts.ready?.[i] ?? false, started: Boolean(state.running), state,
    ...(opts.last ? { lastState: done(1) } : {}),
  });
  return {
    sandboxReady: opts.sandbox ?? true, containers: states.map((s, i) => v(s, i, i === 0 ? 'a' : 'b')),
    initContainers: (opts.init ?? []).map((s, i) => v(s, i, `init${i}`)),
  };
}

test('the phase follows kubelet getPhase', () => {
  const cases: [string, Pod, PodView, string][] = [
    ['volumes not yet set up', pod(), view([CREATING, CREATING], { sandbox: false }), 'Pending'],
    ['init container running', pod(), view([CREATING, CREATING], { init: [RUNNING] }), 'Pending'],
    ['init container failed, Never', pod('Never'), view([CREATING, CREATING], { init: [done(1)] }), 'Failed'],
    ['a container still creating', pod(), view([RUNNING, CREATING]), 'Pending'],
    ['running', pod(), view([RUNNING, RUNNING]), 'Running'],
    ['crash looping after running', pod(), view([RUNNING, BACKOFF], { last: true }), 'Running'],
    ['OnFailure, one exited 0, one running', pod('OnFailure'), view([done(0), RUNNING]), 'Running'],
    ['OnFailure, all exited 0', pod('OnFailure'), view([done(0), done(0)]), 'Succeeded'],
    ['OnFailure, one failed (it restarts)', pod('OnFailure'), view([done(0), done(1)]), 'Running'],
    ['Never, one failed', pod('Never'), view([done(0), done(1)]), 'Failed'],
    ['Never, all exited 0', pod('Never'), view([done(0), done(0)]), 'Succeeded'],
  ];
  for (const [name, p, v, want] of cases) assert.equal(podPhase(p, v), want, name);
});

test('conditions and container statuses as a kubelet posts them', () => {
  const s = forgeProcessPodStatus(pod(), view([RUNNING, RUNNING], { ready: [true, false] }), ADDR, NOW);
  assert.equal(s.phase, 'Running');
  assert.equal(s.podIP, '10.244.0.9');
  assert.deepEqual(s.conditions?.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']), [
    ['PodReadyToStartContainers', 'True', '', ''], ['Initialized', 'True', '', ''],
    ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [b]'],
    ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [b]'],
  ]);
  assert.match(s.containerStatuses?.[0]?.imageID ?? '', /^ghcr\.io\/liqo-ts\/liqo@sha256:/);

  const ready = forgeProcessPodStatus({ ...pod(), status: s }, view([RUNNING, RUNNING], { ready: [true, true] }), ADDR, new Date('2026-01-01T00:00:20Z'));
  const byType = new Map(ready.conditions?.map((c) => [c.type, c]));
  assert.equal(byType.get('Ready')?.status, 'True');
  assert.equal(byType.get('Ready')?.lastTransitionTime, '2026-01-01T00:00:20Z');
  assert.equal(byType.get('Initialized')?.lastTransitionTime, '2026-01-01T00:00:10Z', 'unchanged conditions keep their time');

  const initializing = forgeProcessPodStatus(pod(), view([{ waiting: { reason: 'PodInitializing' } }, { waiting: { reason: 'PodInitializing' } }], { init: [RUNNING] }), ADDR, NOW);
  assert.equal(initializing.conditions?.find((c) => c.type === 'Initialized')?.message, 'containers with incomplete status: [init0]');
  assert.equal(initializing.initContainerStatuses?.length, 1);

  const completed = forgeProcessPodStatus(pod('Never'), view([done(0), done(0)]), ADDR, NOW);
  assert.equal(completed.phase, 'Succeeded');
  assert.equal(completed.conditions?.find((c) => c.type === 'Ready')?.reason, 'PodCompleted');
  assert.equal(completed.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status, 'False');
});
