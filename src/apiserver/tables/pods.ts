// The pods table: READY "n/m", the STATUS reason kubectl users know (Init:1/2, CrashLoopBackOff,
// Completed, Terminating...), RESTARTS with "(5m ago)", and the wide IP/node/readiness columns.
// Mirrors printPod in k8s.io/kubernetes/pkg/printers/internalversion, including its treatment of
// restartable init containers (sidecars). Reads v1 field names (lastState, podIPs); it does not
// compute phases itself, it only summarises what the kubelet reported.
import type { KubeObject } from '../../api/types.js';
import { humanDuration, parseTimestamp, since } from './duration.js';
import { AGE_COLUMN, column, NAME_COLUMN, nameOf, wide, type PrintContext, type Printer, type RowCondition } from './printer.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

interface Pod extends KubeObject {
  spec?: {
    containers?: unknown[];
    initContainers?: { name?: string; restartPolicy?: string }[];
    nodeName?: string;
    readinessGates?: { conditionType?: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: Condition[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
    podIP?: string;
    podIPs?: { ip?: string }[];
    nominatedNodeName?: string;
  };
}

const COMPLETED: RowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: RowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

export const podPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Ready containers out of all containers of the pod.'),
    column('Status', 'string', 'Summary of the pod phase and container states.'),
    column('Restarts', 'string', 'Container restarts, and how long ago the last one happened.'),
    AGE_COLUMN,
    wide('IP', 'string', 'First IP address allocated to the pod.'),
    wide('Node', 'string', 'Node the pod is bound to.'),
    wide('Nominated Node', 'string', 'Node the scheduler nominated for this pod after preemption.'),
    wide('Readiness Gates', 'string', 'Readiness gates whose condition is True, out of all gates.'),
  ],
  row: (obj, ctx) => printPod(obj as Pod, ctx),
};

/** Accumulates restart counts and the latest restart time, like the printer's local variables. */
class Restarts {
  count = 0;
  last = -Infinity;
  add(status: ContainerStatus): void {
    this.count += status.restartCount ?? 0;
    const finished = parseTimestamp(status.lastState?.terminated?.finishedAt);
    if (status.lastState?.terminated && finished !== undefined && finished > this.last) this.last = finished;
  }
  format(now: Date): string {
    if (this.count === 0 || this.last === -Infinity) return String(this.count);
    return `${this.count} (${humanDuration(now.getTime() - this.last)} ago)`;
  }
}

function printPod(pod: Pod, ctx: PrintContext): { cells: unknown[]; conditions?: RowCondition[] } {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const sidecarSpecs = (spec.initContainers ?? []).filter(isRestartable);
  const restartable = new Set(sidecarSpecs.map((c) => c.name ?? ''));
  const summary = { reason: initialReason(status), ready: 0 };
  const total = (spec.containers ?? []).length + sidecarSpecs.length;

  const all = new Restarts();
  const sidecars = new Restarts();
  const initializing = scanInitContainers(pod, restartable, summary, all, sidecars);
  let restarts = all;
  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecars;
    scanContainers(status, summary, restarts);
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') summary.reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !isTerminal(status.phase)) summary.reason = 'Terminating';

  const cells: unknown[] = [
    nameOf(pod),
    `${summary.ready}/${total}`,
    summary.reason,
    restarts.format(ctx.now),
    since(pod.metadata.creationTimestamp, ctx.now),
    podIP(status) || '<none>',
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates(spec.readinessGates, status.conditions),
  ];
  const conditions = status.phase === 'Succeeded' ? COMPLETED : status.phase === 'Failed' ? FAILED : undefined;
  return conditions ? { cells, conditions } : { cells };
}

function initialReason(status: NonNullable<Pod['status']>): string {
  let reason = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  return reason;
}

interface Summary {
  reason: string;
  ready: number;
}

/** Walks init containers until the first one still blocking; returns whether the pod is initializing. */
function scanInitContainers(pod: Pod, restartable: Set<string>, summary: Summary, all: Restarts, sidecars: Restarts): boolean {
  const statuses = pod.status?.initContainerStatuses ?? [];
  const declared = (pod.spec?.initContainers ?? []).length;
  for (const [i, c] of statuses.entries()) {
    const isSidecar = restartable.has(c.name ?? '');
    all.add(c);
    if (isSidecar) sidecars.add(c);
    const terminated = c.state?.terminated;
    const waitingReason = c.state?.waiting?.reason ?? '';
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar && c.started) {
      if (c.ready) summary.ready++;
      continue;
    }
    if (terminated) summary.reason = `Init:${terminatedReason(terminated)}`;
    else if (waitingReason !== '' && waitingReason !== 'PodInitializing') summary.reason = `Init:${waitingReason}`;
    else summary.reason = `Init:${i}/${declared}`;
    return true;
  }
  return false;
}

/** Regular containers, last to first so the first container's state wins the STATUS column. */
function scanContainers(status: NonNullable<Pod['status']>, summary: Summary, restarts: Restarts): void {
  const statuses = status.containerStatuses ?? [];
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!;
    restarts.add(c);
    const waiting = c.state?.waiting?.reason ?? '';
    const terminated = c.state?.terminated;
    if (waiting !== '') summary.reason = waiting;
    else if (terminated) summary.reason = terminatedReason(terminated);
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      summary.ready++;
    }
  }
  // A pod whose first container completed while another still runs is not "Completed".
  if (summary.reason === 'Completed' && hasRunning) {
    summary.reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
}

function terminatedReason(t: NonNullable<ContainerState['terminated']>): string {
  if (t.reason) return t.reason;
  if (t.signal) return `Signal:${t.signal}`;
  return `ExitCode:${t.exitCode ?? 0}`;
}

function isRestartable(c: { restartPolicy?: string }): boolean {
  return c.restartPolicy === 'Always';
}

function isTerminal(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

function conditionTrue(conditions: Condition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** podIPs[0] is authoritative; podIP covers objects written before podIPs was defaulted. */
function podIP(status: NonNullable<Pod['status']>): string {
  return status.podIPs?.[0]?.ip ?? status.podIP ?? '';
}

function readinessGates(gates: { conditionType?: string }[] | undefined, conditions: Condition[] | undefined): string {
  if (!gates || gates.length === 0) return '<none>';
  let trueCount = 0;
  for (const gate of gates) {
    const match = (conditions ?? []).find((c) => c.type === gate.conditionType);
    if (match?.status === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}
