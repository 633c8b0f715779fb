// The cluster process as the CLI sees it: spawned detached (`lkind __serve --dir <dir>`, output
// appended to daemon.log, pid in daemon.pid), probed for liveness (signal 0, plus /proc's command
// line where there is one, so a recycled pid is not mistaken for the daemon), stopped (SIGTERM,
// SIGKILL after a grace period) and awaited until /readyz answers 200. What the process does once
// running is cmd/cluster-daemon.ts's business.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLUSTER_FILES } from './cluster-config.js';
import { formatDuration } from '../machinery/duration.js';

/** The lkind launcher; the daemon runs through it so that tsx is registered the same way. */
export const LKIND_BIN = fileURLToPath(new URL('../../bin/lkind.mjs', import.meta.url));
export const STOP_GRACE_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SpawnedDaemon {
  pid: number;
  /** Resolves with the exit code (or signal name) if the process ends while this CLI still runs. */
  exited: Promise<string>;
}

export function spawnDaemon(dir: string, env: NodeJS.ProcessEnv = process.env): SpawnedDaemon {
  const log = openSync(join(dir, CLUSTER_FILES.log), 'a', 0o600);
  try {
    const child = spawn(process.execPath, [LKIND_BIN, '__serve', '--dir', dir], {
      cwd: dir, env, detached: true, stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error('failed to start the cluster process');
    writeFileSync(join(dir, CLUSTER_FILES.pid), `${child.pid}\n`);
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`));
      child.once('error', (err) => resolve(err.message));
    });
    child.unref();
    return { pid: child.pid, exited };
  } finally {
    closeSync(log);
  }
}

export function readPid(dir: string): number | undefined {
  const file = join(dir, CLUSTER_FILES.pid);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether pid is alive and, where /proc can tell, really the daemon of dir. */
export function isDaemonProcess(pid: number, dir: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const cmdlineFile = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true; // no /proc: signal 0 is all we have
  try {
    // A zombie or a recycled pid has an empty or different command line.
    const args = readFileSync(cmdlineFile, 'utf8').split('\0');
    return args.includes('__serve') && args.includes(dir);
  } catch {
    return false;
  }
}

/** The pid of the running daemon of dir; a stale daemon.pid (process gone) counts as not running. */
export function runningPid(dir: string): number | undefined {
  const pid = readPid(dir);
  return pid !== undefined && isDaemonProcess(pid, dir) ? pid : undefined;
}

export function removePidFile(dir: string): void {
  rmSync(join(dir, CLUSTER_FILES.pid), { force: true });
}

async function waitForExit(pid: number, dir: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isDaemonProcess(pid, dir)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Stops the daemon of dir (SIGTERM, then SIGKILL after graceMs); false if it was not running. */
export async function stopDaemon(dir: string, graceMs = STOP_GRACE_MS): Promise<boolean> {
  const pid = runningPid(dir);
  if (pid === undefined) {
    removePidFile(dir);
    return false;
  }
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, dir, graceMs))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // it ended between the check and the kill
    }
    await waitForExit(pid, dir, 5_000);
  }
  removePidFile(dir);
  return true;
}

/** One GET over HTTPS trusting only the cluster CA; resolves to the status code (0 on error). */
export function httpsGet(url: string, tls: { ca: string; cert?: string; key?: string }, timeoutMs = 2_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { ...tls, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end();
  });
}

/**
 * Polls `<server>/readyz` until it answers 200. Rejects when the deadline passes or, if given,
 * when the spawned process exits first (no point waiting for a dead server).
 */
export async function waitForReadyz(server: string, ca: string, deadline: number, exited?: Promise<string>): Promise<void> {
  let died: string | undefined;
  void exited?.then((how) => { died = how; });
  const budget = formatDuration(deadline - Date.now());
  for (;;) {
    const { status } = await httpsGet(`${server}/readyz`, { ca });
    if (status === 200) return;
    if (died !== undefined) throw new Error(`the cluster process exited (${died}) before the API server was ready`);
    if (Date.now() >= deadline) throw new Error(`the API server at ${server} did not become ready within ${budget}`);
    await sleep(100);
  }
}

/** The last lines of daemon.log, for error reports. */
export function logTail(dir: string, lines = 20): string {
  const file = join(dir, CLUSTER_FILES.log);
  if (!existsSync(file)) return '';
  const all = readFileSync(file, 'utf8').trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
