// One sync of a NonIndexed Job as a pure plan (pkg/controller/job job_controller.go syncJob):
// counts its pods, decides whether it has succeeded (completions reached, or for a work queue
// any pod succeeded and none is active), failed (more failed pods than backoffLimit, or
// activeDeadlineSeconds passed), and otherwise how many pods to create or delete to run
// min(parallelism, remaining completions) at once. Finished Jobs get kube 1.32's condition
// pairs (SuccessCriteriaMet then Complete, FailureTarget then Failed). Deliberately simpler than
// kube: succeeded/failed are counted from the pods still present (kept monotonic) instead of
// through the job-tracking finalizer, failed pods are replaced without the exponential pod
// backoff, and Indexed mode, podFailurePolicy, successPolicy and suspend's condition are absent.
import type { Condition, Pod } from '../../api/core-v1.js';
import type { Job, JobStatus } from '../../api/apps-batch-v1.js';
import { isPodActive, isPodReady, isPodTerminal } from '../pod-state.js';
import { JOB_BURST, MESSAGE, REASON } from './consts.js';

export interface JobPlan {
  create: number;
  delete: Pod[];
  status: JobStatus;
  /** Set when this sync finishes the Job: the event to record. */
  finished?: { type: 'Normal' | 'Warning'; reason: string; message: string };
  /** When to look again (an activeDeadlineSeconds to come). */
  requeueAfterMs?: number;
}

const ts = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const hasCondition = (job: Job, type: string) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
export const isFinished = (job: Job) => hasCondition(job, 'Complete') || hasCondition(job, 'Failed');

function condition(type: string, reason: string, message: string, now: Date): Condition {
  return { type, status: 'True', lastProbeTime: ts(now), lastTransitionTime: ts(now), reason, message };
}

function withConditions(existing: Condition[] | undefined, added: Condition[]): Condition[] {
  const out = [...(existing ?? [])];
  for (const c of added) if (!out.some((o) => o.type === c.type && o.status === 'True')) out.push(c);
  return out;
}

/** Newest first: the pods to delete when too many run (kube prefers not-ready, younger pods). */
const deletionOrder = (a: Pod, b: Pod) =>
  Number(isPodReady(a)) - Number(isPodReady(b)) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');

export function planJob(job: Job, pods: readonly Pod[], now: Date): JobPlan {
  const active = pods.filter(isPodActive);
  const terminating = pods.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length;
  const succeeded = Math.max(job.status?.succeeded ?? 0, pods.filter((p) => p.status?.phase === 'Succeeded').length);
  const failed = Math.max(job.status?.failed ?? 0, pods.filter((p) => p.status?.phase === 'Failed').length);
  const startTime = job.status?.startTime ?? (job.spec.suspend ? undefined : ts(now));
  const base: JobStatus = {
    ...(job.status?.conditions ? { conditions: job.status.conditions } : {}),
    ...(startTime ? { startTime } : {}),
    ...(job.status?.completionTime ? { completionTime: job.status.completionTime } : {}),
    ...(active.length ? { active: active.length } : {}),
    ...(succeeded ? { succeeded } : {}),
    ...(failed ? { failed } : {}),
    terminating, ready: active.filter(isPodReady).length, uncountedTerminatedPods: {},
  };
  if (isFinished(job)) return { create: 0, delete: active, status: base };

  const completions = job.spec.completions;
  const parallelism = job.spec.parallelism ?? 1;
  const done = typeof completions === 'number' ? succeeded >= completions : succeeded > 0 && active.length === 0;
  if (done) {
    const conds = [REASON.completionsReached, MESSAGE.completionsReached] as const;
    return {
      create: 0, delete: active,
      status: { ...base, conditions: withConditions(base.conditions, [condition('SuccessCriteriaMet', ...conds, now), condition('Complete', ...conds, now)]), completionTime: ts(now) },
      finished: { type: 'Normal', reason: 'Completed', message: 'Job completed' },
    };
  }
  const deadline = job.spec.activeDeadlineSeconds;
  const elapsed = startTime ? now.getTime() - Date.parse(startTime) : 0;
  const overDeadline = deadline !== undefined && startTime !== undefined && elapsed >= deadline * 1000;
  if (failed > (job.spec.backoffLimit ?? 6) || overDeadline) {
    const [reason, message] = overDeadline ? [REASON.deadlineExceeded, MESSAGE.deadlineExceeded] : [REASON.backoffLimitExceeded, MESSAGE.backoffLimitExceeded];
    return {
      create: 0, delete: active,
      status: { ...base, conditions: withConditions(base.conditions, [condition('FailureTarget', reason, message, now), condition('Failed', reason, message, now)]) },
      finished: { type: 'Warning', reason, message },
    };
  }
  if (job.spec.suspend) return { create: 0, delete: active, status: base };

  // A work queue that saw a success starts nothing new but leaves the running pods running.
  const want = typeof completions === 'number' ? Math.min(parallelism, completions - succeeded) : succeeded > 0 ? active.length : parallelism;
  const diff = want - active.length;
  return {
    create: Math.min(Math.max(0, diff), JOB_BURST),
    delete: diff < 0 ? [...active].sort(deletionOrder).slice(0, -diff) : [],
    status: base,
    ...(deadline !== undefined ? { requeueAfterMs: Math.max(0, deadline * 1000 - elapsed) + 10 } : {}),
  };
}

export function forgeJobPod(job: Job): Pod {
  const meta = job.spec.template.metadata ?? {};
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: `${job.metadata.name}-`, namespace: job.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name ?? '', uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...job.spec.template.spec },
  };
}
