import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core-v1.js';
import { PROFILES } from './profiles.js';
import { nextStep, type StageContext } from './stages.js';

const NOW = new Date('2026-01-01T00:00:10Z');

function pod(extra: Partial<Pod> = {}, status: Pod['status'] = { phase: 'Pending' }): Pod {
  return {
    metadata: { name: 'web', namespace: 'ns', uid: 'u1', ...extra.metadata },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], nodeName: 'n1', ...extra.spec },
    status,
  };
}

function ctx(profile: keyof typeof PROFILES): StageContext {
  return { profile: PROFILES[profile]!, now: NOW, hostIP: '127.0.0.1', allocateIP: () => '10.244.0.7' };
}

test('instant: a bound pod goes straight to Running and Ready with an IP', () => {
  const step = nextStep(pod(), ctx('instant'))!;
  assert.equal(step.stage, 'create');
  assert.equal(step.at, NOW.getTime());
  const action = step.act();
  assert.equal(action.kind, 'status');
  if (action.kind !== 'status') return;
  assert.equal(action.status.phase, 'Running');
  assert.equal(action.status.podIP, '10.244.0.7');
  assert.equal(action.status.hostIP, '127.0.0.1');
  assert.deepEqual(action.status.conditions?.map((c) => `${c.type}=${c.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True']);
  assert.equal(action.status.containerStatuses?.[0]?.ready, true);
  assert.match(action.status.containerStatuses?.[0]?.imageID ?? '', /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.deepEqual(action.events, []);
});

test('realistic: ContainerCreating first, Running after a delay stable across restarts', () => {
  const first = nextStep(pod(), ctx('realistic'))!.act();
  assert.ok(first.kind === 'status');
  if (first.kind !== 'status') return;
  assert.equal(first.status.phase, 'Pending');
  assert.equal(first.status.containerStatuses?.[0]?.state.waiting?.reason, 'ContainerCreating');
  const creating = pod({}, first.status);
  const a = nextStep(creating, ctx('realistic'))!;
  const b = nextStep(creating, { ...ctx('realistic'), now: new Date(NOW.getTime() + 300) })!;
  assert.equal(a.stage, 'start');
  assert.equal(a.at, b.at, 'the due time comes from the pod, not from when the kubelet looks');
  assert.ok(a.at >= NOW.getTime() + 500 && a.at <= NOW.getTime() + 1500);
  const running = a.act();
  assert.ok(running.kind === 'status' && running.status.phase === 'Running');
  if (running.kind === 'status') assert.deepEqual(running.events.map((e) => e[1]), ['Pulled', 'Created', 'Started']);
});

test('a deletion is finished with a delete once the stop delay passes, never later than the grace period', () => {
  const deleting = pod({ metadata: { name: 'web', namespace: 'ns', uid: 'u1', deletionTimestamp: '2026-01-01T00:00:39Z', deletionGracePeriodSeconds: 30 } }, { phase: 'Running' });
  const step = nextStep(deleting, ctx('realistic'))!;
  assert.equal(step.stage, 'delete');
  assert.ok(step.at >= Date.parse('2026-01-01T00:00:09Z') + 200 && step.at <= Date.parse('2026-01-01T00:00:09Z') + 800);
  assert.deepEqual(step.act(), { kind: 'delete' });
  assert.equal(nextStep(deleting, ctx('instant'))!.at, Date.parse('2026-01-01T00:00:09Z'));
});

test('Job pods complete; terminal pods have no next step; chaos restarts containers', () => {
  const started = { phase: 'Running' as const, containerStatuses: [{ name: 'nginx', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:05Z' } } }] };
  const job = pod({ spec: { containers: [{ name: 'nginx' }], nodeName: 'n1', restartPolicy: 'Never' } }, started);
  const done = nextStep(job, ctx('instant'))!.act();
  assert.ok(done.kind === 'status' && done.status.phase === 'Succeeded');
  if (done.kind === 'status') assert.equal(done.status.containerStatuses?.[0]?.state.terminated?.reason, 'Completed');
  assert.equal(nextStep(pod({}, { phase: 'Succeeded' }), ctx('instant')), undefined);
  assert.equal(nextStep(pod({}, started), ctx('realistic')), undefined, 'a running service pod just runs');
  const crash = nextStep(pod({}, started), ctx('chaos'))!;
  assert.equal(crash.stage, 'crash');
  const restarted = crash.act();
  if (restarted.kind === 'status') {
    assert.equal(restarted.status.containerStatuses?.[0]?.restartCount, 1);
    assert.equal(restarted.status.containerStatuses?.[0]?.lastState?.terminated?.reason, 'Error');
  }
});
