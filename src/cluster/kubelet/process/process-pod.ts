// One process pod on its node, as the kubelet's pod worker runs a pod: volumes set up (retried
// with FailedMount events until they can be), init containers run to completion in order, then
// every container started and kept running per restartPolicy, with the kubelet's crash-loop
// back-off, its probes, and its events (Pulled, Created, Started, BackOff, Unhealthy, Killing,
// Failed). Containers of other images in a process pod are simulated (running, ready, no process).
// It knows nothing of the API beyond fetching what the environment and volumes need: the runtime
// turns view() into the pod's status (process-status.ts).
import { createHash } from 'node:crypto';
import type { ContainerStatus, Pod } from '../../../api/core-v1.js';
import type { Client } from '../../../client/rest-client.js';
import { isStatusError } from '../../../machinery/errors.js';
import type { Logger } from '../../../runtime/controller.js';
import type { EventSink } from '../../../runtime/events.js';
import { rfc3339 } from '../pod-status.js';
import { formatBackoff, type CrashLoopBackoff } from './backoff.js';
import { containersOf, initContainersOf, type RunContainer } from './container-spec.js';
import { ContainerLauncher } from './container-launcher.js';
import { Run, type PodAddresses, type PodView } from './container-run.js';
import type { ContainerProcess, Exit } from './container-process.js';
import { ContainerConfigError } from './env.js';
import { ProbeWorker, type ProbeKind } from './probes.js';
import { isProcessImage } from './process-image.js';
import { PodVolumes } from './volumes.js';
import { VolumeError } from './volume-files.js';

export interface ProcessPodDeps {
  client: Client;
  events: EventSink;
  log: Logger;
  now(): Date;
  podsDir: string;
  nodeRoot: string;
  repoRoot: string;
  shim: string;
  apiServer: { host: string; port: number };
  podSubnet: string;
  processImages: string[];
  backoff: CrashLoopBackoff;
  /** The pod's status may have changed. */
  onChange(): void;
}

const RETRY_MS = [1000, 2000, 4000, 8000, 16_000, 30_000];

export class ProcessPod {
  private readonly inits: Run[];
  private readonly mains: Run[];
  private readonly volumes: PodVolumes;
  private readonly launcher: ContainerLauncher;
  private readonly wakers = new Set<() => void>();
  private sandboxReady = false;
  private terminating = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  /** Every container has stopped for good (restartPolicy) or after terminate(). */
  finished = false;

  constructor(private readonly pod: Pod, readonly addresses: PodAddresses, private readonly deps: ProcessPodDeps) {
    const now = deps.now();
    const prev = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
    const sim = (c: RunContainer) => !isProcessImage(c.image, deps.processImages);
    this.inits = initContainersOf(pod).map((c) => new Run(c, true, sim(c), prev(pod.status?.initContainerStatuses, c.name), now));
    this.mains = containersOf(pod).map((c) => new Run(c, false, sim(c), prev(pod.status?.containerStatuses, c.name), now));
    this.volumes = new PodVolumes(pod, addresses, { client: deps.client, podsDir: deps.podsDir, nodeRoot: deps.nodeRoot, now: deps.now });
    this.launcher = new ContainerLauncher(pod, addresses, this.volumes, deps);
  }

  private get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  private get ref(): string {
    return `${this.pod.metadata.name ?? ''}_${this.pod.metadata.namespace ?? ''}(${this.uid})`;
  }

  view(): PodView {
    return { sandboxReady: this.sandboxReady, initContainers: this.inits.map((r) => r.view()), containers: this.mains.map((r) => r.view()) };
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.deps.events.event({ ...this.pod, apiVersion: 'v1', kind: 'Pod' }, type, reason, message);
  }

  private changed(): void {
    this.deps.onChange();
  }

  /** Runs the pod until its containers are done for good or terminate() is called. */
  async run(): Promise<void> {
    this.launcher.prepare();
    if (!(await this.prepare())) return;
    this.sandboxReady = true;
    this.changed();
    this.scheduleRefresh();
    for (const r of this.inits) {
      if (!(await this.runInit(r))) {
        this.finish();
        return;
      }
    }
    await Promise.all(this.mains.map((r) => this.loop(r)));
    this.finish();
  }

  private finish(): void {
    this.finished = true;
    clearTimeout(this.refreshTimer);
    this.changed();
  }

  private async prepare(): Promise<boolean> {
    for (let i = 0; !this.terminating; i++) {
      try {
        await this.volumes.setUp();
        return true;
      } catch (err) {
        this.event('Warning', 'FailedMount', err instanceof VolumeError ? err.message : String(err));
        await this.sleep(RETRY_MS[Math.min(i, RETRY_MS.length - 1)]!);
      }
    }
    return false;
  }

  private scheduleRefresh(): void {
    if (this.terminating) return;
    const delay = Math.max(1000, this.volumes.nextRefresh() - this.deps.now().getTime());
    this.refreshTimer = setTimeout(() => {
      this.volumes.refresh().catch((err: unknown) => this.deps.log(`kubelet: pod ${this.ref}: refreshing volumes: ${String(err)}`))
        .finally(() => this.scheduleRefresh());
    }, delay);
  }

  /** Runs an init container until it succeeds; false when the pod failed (restartPolicy Never). */
  private async runInit(r: Run): Promise<boolean> {
    if (r.simulated) {
      const t = rfc3339(this.deps.now());
      r.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: t, finishedAt: t } };
      return true;
    }
    for (;;) {
      const exit = await this.attempt(r);
      if (this.terminating) return false;
      if (exit?.exitCode === 0) return true;
      if (exit && this.pod.spec.restartPolicy === 'Never') return false;
      if (!(await this.backOff(r, exit))) return false;
    }
  }

  /** Keeps a container running as its restartPolicy says, until it is done or the pod terminates. */
  private async loop(r: Run): Promise<void> {
    if (r.simulated) {
      r.state = { running: { startedAt: rfc3339(this.deps.now()) } };
      r.ready = true;
      r.started = true;
      this.changed();
      while (!this.terminating) await this.sleep(3_600_000);
      return;
    }
    for (;;) {
      const exit = await this.attempt(r);
      if (this.terminating) return;
      if (exit && !this.shouldRestart(exit)) return;
      if (!(await this.backOff(r, exit))) return;
    }
  }

  private shouldRestart(exit: Exit): boolean {
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    return policy === 'Always' || (policy === 'OnFailure' && exit.exitCode !== 0);
  }

  /** Waits out the crash-loop back-off (or a config error's retry); false if the pod terminates meanwhile. */
  private async backOff(r: Run, exit: Exit | undefined): Promise<boolean> {
    if (!exit) {
      await this.sleep(RETRY_MS[1]!);
      return !this.terminating;
    }
    const key = `${this.uid}/${r.spec.name}`;
    for (;;) {
      const delay = this.deps.backoff.restartDelay(key, exit.finishedAt.getTime(), this.deps.now().getTime());
      if (delay <= 0) return !this.terminating;
      if (r.state.terminated) r.lastState = { terminated: r.state.terminated };
      r.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${formatBackoff(this.deps.backoff.current(key))} restarting failed container=${r.spec.name} pod=${this.ref}` } };
      this.event('Warning', 'BackOff', `Back-off restarting failed container ${r.spec.name} in pod ${this.ref}`);
      this.changed();
      await this.sleep(delay);
      if (this.terminating) return false;
    }
  }

  /** One start of a container: resolves once it exited (undefined: it could not be created). */
  private async attempt(r: Run): Promise<Exit | undefined> {
    let env: Record<string, string>;
    try {
      env = await this.launcher.environment(r.spec);
    } catch (err) {
      if (!(err instanceof ContainerConfigError) && !isStatusError(err)) throw err;
      r.state = { waiting: { reason: 'CreateContainerConfigError', message: err.message } };
      this.event('Warning', 'Failed', `Error: ${err.message}`);
      this.changed();
      return undefined;
    }
    if (this.terminating) return undefined;
    if (r.everRan) r.restartCount++;
    r.everRan = true;
    if (r.state.terminated) r.lastState = { terminated: r.state.terminated };
    r.env = env;
    const name = r.spec.name;
    this.event('Normal', 'Pulled', `Container image "${r.spec.image ?? ''}" already present on machine`);
    this.event('Normal', 'Created', `Created container: ${name}`);
    const proc = this.launcher.start(r.spec, env, r.restartCount);
    r.proc = proc;
    r.containerID = `containerd://${createHash('sha256').update(`${this.uid}/${name}/${r.restartCount}/${proc.pid ?? ''}`).digest('hex')}`;
    const startedAt = rfc3339(proc.startedAt);
    r.state = { running: { startedAt } };
    this.event('Normal', 'Started', `Started container ${name}`);
    this.startProbes(r, proc);
    r.started = !r.spec.startupProbe;
    r.ready = r.started && !r.spec.readinessProbe;
    this.changed();
    const exit = await proc.exited;
    for (const p of r.probes) p.stop();
    r.probes = [];
    r.proc = undefined;
    r.ready = false;
    r.started = false;
    this.launcher.releasePorts(proc.pid);
    r.state = exit.startError
      ? { terminated: { exitCode: 128, reason: 'StartError', message: exit.startError, startedAt: rfc3339(new Date(0)), finishedAt: rfc3339(exit.finishedAt), containerID: r.containerID } }
      : { terminated: { exitCode: exit.exitCode, reason: exit.exitCode === 0 ? 'Completed' : 'Error', startedAt, finishedAt: rfc3339(exit.finishedAt), containerID: r.containerID } };
    if (exit.startError) this.event('Warning', 'Failed', `Error: failed to start container "${name}": ${exit.startError}`);
    this.changed();
    return exit;
  }

  private startProbes(r: Run, proc: ContainerProcess): void {
    const probes: [ProbeKind, NonNullable<RunContainer['readinessProbe']>][] = [];
    if (r.spec.startupProbe) probes.push(['Startup', r.spec.startupProbe]);
    if (r.spec.livenessProbe) probes.push(['Liveness', r.spec.livenessProbe]);
    if (r.spec.readinessProbe) probes.push(['Readiness', r.spec.readinessProbe]);
    const target = {
      address: this.addresses.sandbox, podIP: this.addresses.podIP, ports: r.spec.ports ?? [],
      exec: (command: string[], timeoutMs: number) => this.launcher.exec(r.spec, r.env, command, timeoutMs),
    };
    r.probes = probes.map(([kind, probe]) => new ProbeWorker(kind, probe, target, proc.startedAt.getTime(), {
      mayRun: () => kind === 'Startup' ? !r.started : r.started,
      onFailure: (message) => this.event('Warning', 'Unhealthy', `${kind} probe failed: ${message}`),
      onResult: (ok) => this.probeResult(r, proc, kind, ok, probe.terminationGracePeriodSeconds),
    }));
    for (const p of r.probes) p.start();
  }

  private probeResult(r: Run, proc: ContainerProcess, kind: ProbeKind, ok: boolean, probeGrace: number | undefined): void {
    if (r.proc !== proc || this.terminating) return;
    if (kind === 'Readiness') r.ready = ok && r.started;
    else if (kind === 'Startup' && ok) {
      r.started = true;
      r.ready = !r.spec.readinessProbe;
    } else if (!ok) {
      this.event('Normal', 'Killing', `Container ${r.spec.name} failed ${kind.toLowerCase()} probe, will be restarted`);
      void proc.stop((probeGrace ?? this.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000);
    }
    this.changed();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => { clearTimeout(timer); this.wakers.delete(wake); resolve(); };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  /** Stops every container (SIGTERM, SIGKILL after graceMs); resolves once all have exited. */
  terminate(graceMs: number): Promise<void> {
    if (this.stopping) return this.stopping;
    this.terminating = true;
    clearTimeout(this.refreshTimer);
    for (const wake of [...this.wakers]) wake();
    const running = [...this.inits, ...this.mains].filter((r) => r.proc);
    for (const r of running) {
      for (const p of r.probes) p.stop();
      this.event('Normal', 'Killing', `Stopping container ${r.spec.name}`);
    }
    this.stopping = Promise.all(running.map((r) => r.proc!.stop(graceMs))).then(() => {
      this.finished = true;
      this.changed();
    });
    return this.stopping;
  }

  get terminated(): boolean {
    return this.terminating && this.finished;
  }
}

