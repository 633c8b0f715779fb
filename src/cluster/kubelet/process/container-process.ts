// One attempt of a container as a host process: spawned in its own process group (so a stop
// reaches whatever it started), stdout and stderr written to its log file in the CRI format as
// containerd's shim writes them, its pid recorded beside the pod (so a restarted kubelet can stop
// an attempt it no longer knows), fd 3 a lifeline the sandbox shim watches. Exit codes are
// reported as a container runtime does: 128 + the signal's number for a killed process.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { formatLogRecord, rfc3339Nano, splitLines, type LogStream } from '../../../machinery/pod-files.js';

/** A line longer than this is written in fragments (containerd's 16 KiB). */
const MAX_LINE = 16 * 1024;

export interface SpawnSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  logPath: string;
  pidPath: string;
}

export interface Exit {
  exitCode: number;
  /** Set when the process never started (exec failed). */
  startError?: string;
  finishedAt: Date;
}

/** Appends a process's output to a CRI-format log file. */
export class ContainerLog {
  private readonly fd: number;
  private readonly pending: Record<LogStream, string> = { stdout: '', stderr: '' };

  constructor(path: string, private readonly now: () => Date) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a', 0o640);
  }

  write(stream: LogStream, chunk: string): void {
    const { lines, rest } = splitLines(this.pending[stream], chunk);
    const time = rfc3339Nano(this.now());
    let out = lines.map((text) => formatLogRecord({ time, stream, full: true, text })).join('');
    let tail = rest;
    while (tail.length > MAX_LINE) {
      out += formatLogRecord({ time, stream, full: false, text: tail.slice(0, MAX_LINE) });
      tail = tail.slice(MAX_LINE);
    }
    this.pending[stream] = tail;
    if (out) writeSync(this.fd, out);
  }

  /** Writes what is left of unfinished lines (as fragments: no newline was printed) and closes. */
  close(): void {
    const time = rfc3339Nano(this.now());
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.pending[stream]) writeSync(this.fd, formatLogRecord({ time, stream, full: false, text: this.pending[stream] }));
      this.pending[stream] = '';
    }
    closeSync(this.fd);
  }
}

function ended(stream: Readable | null): Promise<void> {
  if (!stream || stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => { stream.once('end', resolve); stream.once('close', resolve); stream.once('error', () => resolve()); });
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 9) : 9);
}

export class ContainerProcess {
  readonly startedAt: Date;
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private killTimer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(spec: SpawnSpec, now: () => Date) {
    const log = new ContainerLog(spec.logPath, now);
    this.startedAt = now();
    this.child = spawn(spec.file, spec.args, {
      cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], detached: true,
    });
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => log.write('stdout', d));
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => log.write('stderr', d));
    const pid = this.child.pid;
    if (pid !== undefined) {
      mkdirSync(dirname(spec.pidPath), { recursive: true });
      writeFileSync(spec.pidPath, `${pid}\n`);
    }
    this.exited = new Promise<Exit>((resolve) => {
      const finish = (exit: Exit) => {
        if (this.done) return;
        this.done = true;
        clearTimeout(this.killTimer);
        rmSync(spec.pidPath, { force: true });
        this.child.stdio[3]?.destroy();
        void Promise.race([Promise.all([ended(this.child.stdout), ended(this.child.stderr)]), new Promise((r) => setTimeout(r, 1000))]).then(() => {
          log.close();
          resolve(exit);
        });
      };
      this.child.once('error', (err) => finish({ exitCode: 128, startError: err.message, finishedAt: now() }));
      this.child.once('exit', (code, signal) => finish({ exitCode: exitCodeOf(code, signal), finishedAt: now() }));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM to the process group, SIGKILL once graceMs have passed; resolves when it exited. */
  async stop(graceMs: number): Promise<Exit> {
    if (!this.done) {
      this.signal(graceMs <= 0 ? 'SIGKILL' : 'SIGTERM');
      if (graceMs > 0) this.killTimer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    }
    return this.exited;
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, sig);
    } catch {
      try { process.kill(pid, sig); } catch { /* already gone */ }
    }
  }
}
