// The on-disk contract between the kubelet of a local cluster, which runs process pods (ADR 0009),
// and the API server, which serves their logs and reaches them as webhook endpoints. Layout under
// a cluster's pods directory (<clusterDir>/pods):
//   <podUID>/volumes/<volume>/                      a volume's files (kubelet's pods/<uid>/volumes)
//   <podUID>/logs/<container>/<restartCount>.log     one file per container attempt, CRI format
//   <podUID>/pids/<container>                        pid of the running attempt (kill on restart)
//   <podUID>/ports/<port>                            ports the pod listens on (its localhost)
//   <podUID>/home/                                   the containers' HOME (/root)
//   by-ip/<podIP>                                    the sandbox loopback address of a process pod
// Log lines are in the CRI logging format containerd writes (`<RFC3339Nano> <stream> <P|F> <text>`,
// P marking a fragment of a longer line), so kubectl's --timestamps, --since and --tail are cheap,
// as on a real node. Pure: paths and text only; the readers and writers do the I/O.
import { join } from 'node:path';

export const POD_FILES = {
  byIP: 'by-ip',
  volumes: 'volumes',
  logs: 'logs',
  pids: 'pids',
  ports: 'ports',
  home: 'home',
} as const;

export function podDir(podsDir: string, uid: string): string {
  return join(podsDir, uid);
}

export function containerLogPath(podsDir: string, uid: string, container: string, restartCount: number): string {
  return join(podsDir, uid, POD_FILES.logs, container, `${restartCount}.log`);
}

export function podAddressPath(podsDir: string, podIP: string): string {
  return join(podsDir, POD_FILES.byIP, podIP);
}

export type LogStream = 'stdout' | 'stderr';

export interface LogRecord {
  /** RFC3339 with nanoseconds, as written. */
  time: string;
  stream: LogStream;
  /** False for a fragment (P) of a line continued by the next record. */
  full: boolean;
  text: string;
}

/** RFC3339Nano of a Date (millisecond precision, nine digits as containerd writes them). */
export function rfc3339Nano(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export function formatLogRecord(r: LogRecord): string {
  return `${r.time} ${r.stream} ${r.full ? 'F' : 'P'} ${r.text}\n`;
}

/**
 * The complete records of a log file's text and how many characters they span; a trailing line
 * without its newline is still being written and is left for the next read.
 */
export function parseLogRecords(text: string): { records: LogRecord[]; consumed: number } {
  const records: LogRecord[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    const line = text.slice(start, end);
    start = end + 1;
    const m = /^(\S+) (stdout|stderr) ([PF]) ?(.*)$/s.exec(line);
    if (m) records.push({ time: m[1]!, stream: m[2] as LogStream, full: m[3] === 'F', text: m[4]! });
  }
  return { records, consumed: start };
}

export interface LogRenderOptions {
  timestamps?: boolean;
  /** Only the last n lines (a line is the records up to one that is full). */
  tailLines?: number;
  /** Only records written at or after this time. */
  since?: Date;
  limitBytes?: number;
}

function rendered(r: LogRecord, timestamps: boolean): string {
  return `${timestamps ? `${r.time} ` : ''}${r.text}${r.full ? '\n' : ''}`;
}

/** What kubectl logs prints for these records, as the kubelet's log reader renders them. */
export function renderLog(records: LogRecord[], opts: LogRenderOptions = {}): string {
  let chosen = opts.since ? records.filter((r) => Date.parse(r.time) >= opts.since!.getTime()) : records;
  if (opts.tailLines !== undefined) chosen = lastLines(chosen, opts.tailLines);
  const out = chosen.map((r) => rendered(r, opts.timestamps ?? false)).join('');
  return opts.limitBytes !== undefined ? Buffer.from(out).subarray(0, opts.limitBytes).toString() : out;
}

function lastLines(records: LogRecord[], n: number): LogRecord[] {
  // A line is the records up to and including a full one; a trailing fragment is a line too.
  const lines: LogRecord[][] = [];
  let current: LogRecord[] = [];
  for (const r of records) {
    current.push(r);
    if (r.full) { lines.push(current); current = []; }
  }
  if (current.length > 0) lines.push(current);
  return n <= 0 ? [] : lines.slice(-n).flat();
}

/** Splits a chunk a process wrote into complete lines and the unfinished rest. */
export function splitLines(pending: string, chunk: string): { lines: string[]; rest: string } {
  const text = pending + chunk;
  const parts = text.split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts, rest };
}
