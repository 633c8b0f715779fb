// Container probes as the kubelet's prober runs them: httpGet (HTTP or HTTPS without verifying
// the certificate, 200-399 is success, User-Agent kube-probe), tcpSocket (a connection opens) and
// exec (the command exits 0, run with the container's environment), each bounded by
// timeoutSeconds, every periodSeconds once initialDelaySeconds have passed since the container
// started. A result flips only after failureThreshold failures or successThreshold successes in a
// row (ProbeState, pure). The host dialled is the pod's sandbox address; messages name the pod IP,
// as the kubelet's do. gRPC probes are not supported and always succeed.
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { ContainerPort } from '../../../api/core-v1.js';
import type { Probe } from './container-spec.js';

export type ProbeKind = 'Readiness' | 'Liveness' | 'Startup';

export interface ProbeOutcome { ok: boolean; message: string }

export interface ProbeTarget {
  /** Where the pod listens (its sandbox loopback address). */
  address: string;
  /** The pod's IP, as messages show it. */
  podIP: string;
  ports: ContainerPort[];
  /** Runs an exec probe's command (with the container's environment). */
  exec(command: string[], timeoutMs: number): Promise<ProbeOutcome>;
}

export const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };

/** A probe's result over time: flips after enough consecutive outcomes the other way. */
export class ProbeState {
  private last: boolean | undefined;
  private run = 0;

  constructor(public result: boolean | undefined, private readonly probe: Probe) {}

  /** Records one outcome; returns the new result when it changed. */
  observe(ok: boolean): boolean | undefined {
    if (this.last === ok) this.run++;
    else { this.last = ok; this.run = 1; }
    const threshold = ok ? (this.probe.successThreshold ?? PROBE_DEFAULTS.successThreshold) : (this.probe.failureThreshold ?? PROBE_DEFAULTS.failureThreshold);
    if (this.run < threshold || this.result === ok) return undefined;
    this.result = ok;
    return ok;
  }

  reset(result: boolean | undefined): void {
    this.result = result;
    this.last = undefined;
    this.run = 0;
  }
}

export function resolvePort(port: number | string, ports: ContainerPort[]): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return ports.find((p) => p.name === port)?.containerPort;
}

function dialError(err: NodeJS.ErrnoException, hostPort: string): string {
  if (err.code === 'ECONNREFUSED') return `dial tcp ${hostPort}: connect: connection refused`;
  if (err.code === 'ETIMEDOUT') return `dial tcp ${hostPort}: i/o timeout`;
  return err.message;
}

function httpProbe(p: NonNullable<Probe['httpGet']>, target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const port = resolvePort(p.port, target.ports);
  const scheme = (p.scheme ?? 'HTTP').toLowerCase();
  const shownHost = p.host ?? target.podIP;
  const path = p.path ? (p.path.startsWith('/') ? p.path : `/${p.path}`) : '/';
  const url = `${scheme}://${shownHost}:${port ?? p.port}${path}`;
  if (port === undefined) return Promise.resolve({ ok: false, message: `unable to resolve port ${String(p.port)}` });
  const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
  for (const h of p.httpHeaders ?? []) headers[h.name] = h.value;
  const request = scheme === 'https' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request({ host: p.host ?? target.address, port, path, method: 'GET', headers, rejectUnauthorized: false, agent: false }, (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      resolve(code >= 200 && code < 400 ? { ok: true, message: '' } : { ok: false, message: `HTTP probe failed with statuscode: ${code}` });
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ ok: false, message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, message: `Get "${url}": ${dialError(err, `${shownHost}:${port}`)}` }));
    req.end();
  });
}

function tcpProbe(p: NonNullable<Probe['tcpSocket']>, target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const port = resolvePort(p.port, target.ports);
  const shown = `${p.host ?? target.podIP}:${port ?? p.port}`;
  if (port === undefined) return Promise.resolve({ ok: false, message: `unable to resolve port ${String(p.port)}` });
  return new Promise((resolve) => {
    const socket = connect({ host: p.host ?? target.address, port });
    const done = (o: ProbeOutcome) => { socket.destroy(); resolve(o); };
    socket.setTimeout(timeoutMs, () => done({ ok: false, message: `dial tcp ${shown}: i/o timeout` }));
    socket.once('connect', () => done({ ok: true, message: '' }));
    socket.once('error', (err: NodeJS.ErrnoException) => done({ ok: false, message: dialError(err, shown) }));
  });
}

/** Runs one probe once. */
export function runProbe(probe: Probe, target: ProbeTarget): Promise<ProbeOutcome> {
  const timeoutMs = (probe.timeoutSeconds ?? PROBE_DEFAULTS.timeoutSeconds) * 1000;
  if (probe.httpGet) return httpProbe(probe.httpGet, target, timeoutMs);
  if (probe.tcpSocket) return tcpProbe(probe.tcpSocket, target, timeoutMs);
  if (probe.exec) return target.exec(probe.exec.command ?? [], timeoutMs);
  return Promise.resolve({ ok: true, message: '' });
}

/** An exec probe's command as a host process; output is what a failure reports. */
export function execCommand(file: string, args: string[], env: Record<string, string>, cwd: string, timeoutMs: number, shown: string): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(file, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ ok: false, message: `command "${shown}" timed out` });
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.once('error', (err) => { clearTimeout(timer); resolve({ ok: false, message: err.message }); });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true, message: output } : { ok: false, message: output || `command "${shown}" exited with ${code}` });
    });
  });
}

/**
 * Runs one probe of a container on its schedule and reports result changes. Results start as the
 * kubelet's do: readiness failing, liveness succeeding, startup unknown.
 */
export class ProbeWorker {
  readonly state: ProbeState;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    readonly kind: ProbeKind,
    private readonly probe: Probe,
    private readonly target: ProbeTarget,
    private readonly startedAt: number,
    private readonly hooks: { onFailure(message: string): void; onResult(ok: boolean): void; mayRun(): boolean },
    private readonly now: () => number = Date.now,
  ) {
    this.state = new ProbeState(kind === 'Readiness' ? false : kind === 'Liveness' ? true : undefined, probe);
  }

  start(): void {
    const delay = Math.max(0, this.startedAt + (this.probe.initialDelaySeconds ?? PROBE_DEFAULTS.initialDelaySeconds) * 1000 - this.now());
    this.schedule(delay);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    const period = (this.probe.periodSeconds ?? PROBE_DEFAULTS.periodSeconds) * 1000;
    if (this.hooks.mayRun()) {
      const outcome = await runProbe(this.probe, this.target);
      if (this.stopped) return;
      if (!outcome.ok) this.hooks.onFailure(outcome.message);
      const changed = this.state.observe(outcome.ok);
      if (changed !== undefined) this.hooks.onResult(changed);
    }
    this.schedule(period);
  }
}
