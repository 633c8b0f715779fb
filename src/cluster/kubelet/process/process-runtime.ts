// The kubelet's container runtime for process pods (ADR 0009): one ProcessPod per pod of a process
// image bound to a node this kubelet runs, started when the kubelet first sees it, its status
// posted through pods/status as it changes, stopped on graceful deletion (SIGTERM, SIGKILL after
// the grace period, then the final delete) or when the pod is gone. Pods are keyed by uid, so a
// pod recreated under the same name is a new sandbox. On start it stops what an earlier kubelet
// left running (pid files) and removes the directories of pods that no longer exist; a pod still
// bound is started again, its restartCount going up as after a node reboot. It also keeps the pod
// IP -> sandbox address table the node ports (kube-proxy.ts), the API server's webhook calls and
// other pods' shims use.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pod } from '../../../api/core-v1.js';
import type { Client } from '../../../client/rest-client.js';
import { CORE } from '../../../client/resource.js';
import { deepEqual } from '../../../machinery/deep.js';
import { isStatusError } from '../../../machinery/errors.js';
import { podAddressPath, podDir, POD_FILES } from '../../../machinery/pod-files.js';
import type { Logger, Result } from '../../../runtime/controller.js';
import type { EventSink } from '../../../runtime/events.js';
import { objectKey } from '../../../runtime/informer.js';
import { isPodTerminal } from '../../pod-state.js';
import { CrashLoopBackoff, type BackoffOptions } from './backoff.js';
import { isProcessPod } from './process-image.js';
import { ProcessPod } from './process-pod.js';
import { forgeProcessPodStatus } from './process-status.js';
import { SandboxAddresses, sandboxPrefix } from './sandbox-addresses.js';

export const SHIM = fileURLToPath(new URL('./sandbox-shim.mjs', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');

export interface ProcessRuntimeOptions {
  client: Client;
  events: EventSink;
  log: Logger;
  now(): Date;
  /** <clusterDir>/pods */
  podsDir: string;
  /** <clusterDir>/nodes: each node's simulated root filesystem is <nodesDir>/<node>/rootfs. */
  nodesDir: string;
  podSubnet: string;
  apiServer: { host: string; port: number };
  processImages: string[];
  backoff: BackoffOptions;
}

export interface RuntimeNode { name: string; hostIP: string; allocateIP(): string }

export class ProcessRuntime {
  private readonly pods = new Map<string, ProcessPod>();
  private readonly byIP = new Map<string, string>();
  private readonly addresses: SandboxAddresses;
  private readonly backoff: CrashLoopBackoff;

  constructor(private readonly opts: ProcessRuntimeOptions, private readonly enqueue: (key: string) => void) {
    this.addresses = new SandboxAddresses(sandboxPrefix(opts.apiServer.port));
    this.backoff = new CrashLoopBackoff(opts.backoff);
  }

  owns(pod: Pod): boolean {
    return isProcessPod(pod, this.opts.processImages);
  }

  /** The sandbox address behind a pod IP of a running process pod. */
  sandboxFor(podIP: string): string | undefined {
    return this.byIP.get(podIP);
  }

  /** Stops what an earlier kubelet of this cluster left running and removes what belongs to no pod. */
  async cleanUp(live: Pod[]): Promise<void> {
    const { podsDir } = this.opts;
    mkdirSync(podsDir, { recursive: true });
    rmSync(join(podsDir, POD_FILES.byIP), { recursive: true, force: true });
    const uids = new Set(live.map((p) => p.metadata.uid ?? ''));
    const killed: number[] = [];
    for (const uid of readdirSync(podsDir)) {
      if (uid === POD_FILES.byIP) continue;
      killed.push(...killLeftovers(join(podDir(podsDir, uid), POD_FILES.pids)));
      if (!uids.has(uid)) rmSync(podDir(podsDir, uid), { recursive: true, force: true });
    }
    for (let i = 0; i < 50 && killed.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
  }

  async reconcile(pod: Pod, node: RuntimeNode): Promise<Result | void> {
    const uid = pod.metadata.uid ?? '';
    let pp = this.pods.get(uid);
    if (pod.metadata.deletionTimestamp) return this.ensureDeleted(pod, pp);
    if (!pp) {
      if (isPodTerminal(pod)) return;
      pp = this.start(pod, node);
    }
    if (pp.finished) this.release(uid, pp.addresses.podIP);
    const status = forgeProcessPodStatus(pod, pp.view(), pp.addresses, this.opts.now());
    if (deepEqual(status, pod.status)) return;
    try {
      await this.opts.client.update(CORE.pods, { ...pod, status }, 'status');
    } catch (err) {
      if (isStatusError(err) && err.code === 404) return;
      throw err;
    }
  }

  private start(pod: Pod, node: RuntimeNode): ProcessPod {
    const uid = pod.metadata.uid ?? '';
    const podIP = pod.status?.podIP ?? node.allocateIP();
    const sandbox = this.addresses.allocate(uid);
    const key = objectKey(pod);
    const pp = new ProcessPod(pod, { podIP, hostIP: node.hostIP, sandbox }, {
      client: this.opts.client, events: this.opts.events, log: this.opts.log, now: this.opts.now,
      podsDir: this.opts.podsDir, nodeRoot: join(this.opts.nodesDir, node.name, 'rootfs'), repoRoot: REPO_ROOT, shim: SHIM,
      apiServer: this.opts.apiServer, podSubnet: this.opts.podSubnet, processImages: this.opts.processImages, backoff: this.backoff,
      onChange: () => this.enqueue(key),
    });
    this.pods.set(uid, pp);
    this.byIP.set(podIP, sandbox);
    const file = podAddressPath(this.opts.podsDir, podIP);
    mkdirSync(join(this.opts.podsDir, POD_FILES.byIP), { recursive: true });
    writeFileSync(file, sandbox);
    pp.run().catch((err: unknown) => this.opts.log(`kubelet: pod ${key}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
    return pp;
  }

  /** Frees a pod's sandbox address and IP table entry (its processes are done). */
  private release(uid: string, podIP: string): void {
    if (this.byIP.get(podIP) === undefined) return;
    this.byIP.delete(podIP);
    rmSync(podAddressPath(this.opts.podsDir, podIP), { force: true });
    this.addresses.release(uid);
  }

  private async ensureDeleted(pod: Pod, pp: ProcessPod | undefined): Promise<Result | void> {
    const uid = pod.metadata.uid ?? '';
    if (pp && !pp.terminated) {
      // As the kubelet: the pod's deletion grace period, counted from when the kill starts
      // (deletionTimestamp has whole seconds only, so it cannot time the kill).
      const graceSeconds = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      const graceMs = Math.max(0, graceSeconds * 1000);
      void pp.terminate(graceMs);
      if (!pp.terminated) return { requeueAfter: graceMs + 5_000 };
    }
    this.remove(uid, pp);
    const { namespace = '', name = '' } = pod.metadata;
    try {
      await this.opts.client.delete(CORE.pods, namespace, name, { gracePeriodSeconds: 0, preconditions: { uid } });
    } catch (err) {
      if (!(isStatusError(err) && (err.code === 404 || err.code === 409))) throw err;
    }
  }

  private remove(uid: string, pp: ProcessPod | undefined): void {
    if (pp) this.release(uid, pp.addresses.podIP);
    this.pods.delete(uid);
    this.backoff.forget(`${uid}/`);
    rmSync(podDir(this.opts.podsDir, uid), { recursive: true, force: true });
  }

  /** The pod is gone from the API (deleted with grace 0, or its namespace went). */
  forget(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const pp = this.pods.get(uid);
    if (!pp) return;
    void pp.terminate(2_000).then(() => this.remove(uid, pp));
  }

  /** The kubelet stops: its containers stop with it. */
  stopAll(graceMs: number): Promise<void> {
    return Promise.all([...this.pods.values()].map((pp) => pp.terminate(graceMs))).then(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs the process groups named in a pod's pid files that are still our shim's processes. */
function killLeftovers(pidsDir: string): number[] {
  if (!existsSync(pidsDir)) return [];
  const killed: number[] = [];
  for (const f of readdirSync(pidsDir)) {
    const pid = Number(readFileSync(join(pidsDir, f), 'utf8').trim());
    rmSync(join(pidsDir, f), { force: true });
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isOurs(pid)) continue;
    try { process.kill(-pid, 'SIGKILL'); } catch { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    killed.push(pid);
  }
  return killed;
}

/** Whether pid runs the sandbox shim (where /proc can tell; without /proc, trust the pid file). */
function isOurs(pid: number): boolean {
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(SHIM);
  } catch {
    return false;
  }
}
