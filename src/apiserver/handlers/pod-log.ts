// GET pods/<name>/log, as kube-apiserver proxies it to the kubelet and the kubelet reads the
// container's log file: the current attempt of the container (or with previous=true the one
// before, with the kubelet's error when there is none), rendered from the CRI-format file the
// kubelet writes for process pods (ADR 0009) with timestamps, tailLines, sinceSeconds/sinceTime
// and limitBytes; follow=true streams until the attempt ends, the pod goes, or the client leaves.
// Simulated pods write no log: their logs are empty, as a container that prints nothing.
import { closeSync, existsSync, openSync, readSync, fstatSync } from 'node:fs';
import type { KubeObject } from '../../api/types.js';
import { badRequest } from '../../machinery/errors.js';
import { containerLogPath, parseLogRecords, podDir, renderLog, type LogRecord, type LogRenderOptions } from '../../machinery/pod-files.js';
import { getStored } from './read.js';
import type { RequestScope } from './scope.js';
import { storageKey } from '../resource-registry.js';

interface ContainerStatus { name: string; restartCount?: number; state?: { waiting?: { reason?: string }; running?: unknown; terminated?: unknown }; lastState?: { terminated?: unknown } }
interface PodShape {
  spec?: { containers?: { name: string }[]; initContainers?: { name: string }[]; nodeName?: string };
  status?: { phase?: string; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
}

const FOLLOW_POLL_MS = 200;

function statusOf(pod: PodShape, name: string): ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === name);
}

function chooseContainer(scope: RequestScope, pod: PodShape): string {
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  const requested = scope.query.get('container') ?? (containers.length === 1 ? containers[0]!.name : '');
  if (!requested) {
    const init = inits.length ? ` or one of the init containers: [${inits.map((c) => c.name).join(' ')}]` : '';
    throw badRequest(`a container name must be specified for pod ${scope.name}, choose one of: [${containers.map((c) => c.name).join(' ')}]${init}`);
  }
  if (![...containers, ...inits].some((c) => c.name === requested)) throw badRequest(`container ${requested} is not valid for pod ${scope.name}`);
  return requested;
}

function renderOptions(q: URLSearchParams, now: Date): LogRenderOptions {
  const num = (k: string) => (q.has(k) && /^\d+$/.test(q.get(k)!) ? Number(q.get(k)) : undefined);
  const sinceSeconds = num('sinceSeconds');
  const sinceTime = q.get('sinceTime');
  const since = sinceSeconds !== undefined ? new Date(now.getTime() - sinceSeconds * 1000) : sinceTime ? new Date(sinceTime) : undefined;
  return { timestamps: q.get('timestamps') === 'true', tailLines: num('tailLines'), limitBytes: num('limitBytes'), ...(since ? { since } : {}) };
}

/** Reads a file from offset; returns the text of its complete records and where the next read starts. */
function readFrom(path: string, offset: number): { records: LogRecord[]; next: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size <= offset) return { records: [], next: offset };
    const buf = Buffer.alloc(size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    const text = buf.toString('utf8');
    const { records, consumed } = parseLogRecords(text);
    return { records, next: offset + Buffer.byteLength(text.slice(0, consumed)) };
  } finally {
    closeSync(fd);
  }
}

export async function podLog(scope: RequestScope): Promise<void> {
  const stored = getStored(scope).object;
  const pod = stored as unknown as PodShape;
  const container = chooseContainer(scope, pod);
  const status = statusOf(pod, container);
  const previous = scope.query.get('previous') === 'true';
  const restarts = status?.restartCount ?? 0;
  if (previous && restarts === 0) throw badRequest(`previous terminated container "${container}" in pod "${scope.name}" not found`);
  const waiting = status?.state?.waiting;
  if (!pod.spec?.nodeName || (!status && pod.status?.phase === 'Pending') || (!previous && waiting && restarts === 0 && !status?.lastState?.terminated)) {
    throw badRequest(`container "${container}" in pod "${scope.name}" is waiting to start: ${waiting?.reason ?? 'ContainerCreating'}`);
  }
  const attempt = previous ? restarts - 1 : restarts;
  const podsDir = scope.services.podsDir;
  const path = podsDir ? containerLogPath(podsDir, stored.metadata.uid ?? '', container, attempt) : '';
  const opts = renderOptions(scope.query, scope.services.now());
  const res = scope.res;
  if (!path || !existsSync(path)) {
    // A process pod keeps every attempt's log; a simulated one has none (an empty log).
    if (previous && podsDir && existsSync(podDir(podsDir, stored.metadata.uid ?? ''))) {
      throw badRequest(`previous terminated container "${container}" in pod "${scope.name}" not found`);
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('');
    return;
  }
  const first = readFrom(path, 0);
  res.writeHead(200, { 'Content-Type': 'text/plain', ...(scope.query.get('follow') === 'true' ? { 'Transfer-Encoding': 'chunked' } : {}) });
  const head = renderLog(first.records, opts);
  if (scope.query.get('follow') !== 'true' || previous) {
    res.end(head);
    return;
  }
  res.write(head);
  await follow(scope, stored, container, attempt, path, first.next, { ...opts, tailLines: undefined }, Buffer.byteLength(head));
}

/** Streams what the attempt writes next until it ends, the pod goes or the client leaves. */
async function follow(scope: RequestScope, pod: KubeObject, container: string, attempt: number, path: string, offset: number, opts: LogRenderOptions, sent: number): Promise<void> {
  const res = scope.res;
  let gone = false;
  res.on('close', () => { gone = true; });
  const key = storageKey(scope.info, scope.namespace, scope.name);
  const still = () => {
    const now = scope.services.store.get(key)?.object;
    if (!now || now.metadata.uid !== pod.metadata.uid) return false;
    const s = statusOf(now as unknown as PodShape, container);
    return Boolean(s && (s.restartCount ?? 0) === attempt && !s.state?.terminated && !(s.state?.waiting && (s.restartCount ?? 0) > 0));
  };
  let next = offset;
  for (;;) {
    const running = still();
    const chunk = readFrom(path, next);
    next = chunk.next;
    let text = renderLog(chunk.records, opts);
    if (opts.limitBytes !== undefined) text = Buffer.from(text).subarray(0, Math.max(0, opts.limitBytes - sent)).toString();
    if (text) { res.write(text); sent += Buffer.byteLength(text); }
    if (gone || !running || (opts.limitBytes !== undefined && sent >= opts.limitBytes)) break;
    await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
  }
  if (!gone) res.end();
}
