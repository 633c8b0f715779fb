// How a process pod's containers start on the host: the environment the kubelet would give them
// (env.ts, with the ConfigMaps and Secrets it reads fetched first), the host command line for
// the image (process-image.ts), the sandbox description the shim reads (its mounts, loopback
// address, lifeline), the working directory, and exec probes run the same way. Also the pod's
// registry of listened ports, cleared of a process once it exited.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ConfigMap, Pod, Secret } from '../../../api/core-v1.js';
import type { Client } from '../../../client/rest-client.js';
import { CORE } from '../../../client/resource.js';
import { isStatusError } from '../../../machinery/errors.js';
import { containerLogPath, POD_FILES, podDir } from '../../../machinery/pod-files.js';
import { PROCESS_IMAGE_WORKDIR, SANDBOX_ENV } from '../constants.js';
import type { RunContainer } from './container-spec.js';
import { ContainerProcess } from './container-process.js';
import { envReferences, resolveEnv } from './env.js';
import { execCommand, type ProbeOutcome } from './probes.js';
import { containerArgv, hostCommand, hostPathOf } from './process-image.js';
import type { PodVolumes, SandboxMount } from './volumes.js';

export interface LauncherDeps {
  client: Client;
  now(): Date;
  podsDir: string;
  repoRoot: string;
  shim: string;
  apiServer: { host: string; port: number };
  podSubnet: string;
}

/** The fd the shim watches for the kubelet's end (stdio[3] of the spawned process). */
const LIFELINE_FD = 3;

export class ContainerLauncher {
  constructor(
    private readonly pod: Pod,
    private readonly addresses: { podIP: string; hostIP: string; sandbox: string },
    private readonly volumes: PodVolumes,
    private readonly deps: LauncherDeps,
  ) {}

  private get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  private get dir(): string {
    return podDir(this.deps.podsDir, this.uid);
  }

  /** A fresh sandbox: no ports listened on yet, a HOME. */
  prepare(): void {
    rmSync(join(this.dir, POD_FILES.ports), { recursive: true, force: true });
    mkdirSync(join(this.dir, POD_FILES.ports), { recursive: true });
    mkdirSync(join(this.dir, POD_FILES.home), { recursive: true });
  }

  /** The container's environment; throws ContainerConfigError (or the API's error) as the kubelet would fail. */
  async environment(c: RunContainer): Promise<Record<string, string>> {
    const refs = envReferences(c);
    const ns = this.pod.metadata.namespace ?? '';
    const get = async <T extends ConfigMap | Secret>(ref: typeof CORE.configmaps | typeof CORE.secrets, name: string): Promise<[string, T | undefined]> => {
      try {
        return [name, await this.deps.client.get<T>(ref, ns, name)];
      } catch (err) {
        if (isStatusError(err) && err.code === 404) return [name, undefined];
        throw err;
      }
    };
    const configMaps = new Map(await Promise.all([...refs.configMaps].map((n) => get<ConfigMap>(CORE.configmaps, n))));
    const secrets = new Map(await Promise.all([...refs.secrets].map((n) => get<Secret>(CORE.secrets, n))));
    const imageEnv = { PATH: `${dirname(process.execPath)}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, HOME: '/root' };
    return resolveEnv(this.pod, c, { configMaps, secrets }, {
      imageEnv, apiServer: this.deps.apiServer, podIP: this.addresses.podIP, hostIP: this.addresses.hostIP,
    });
  }

  /** Starts one attempt of a container. */
  start(c: RunContainer, env: Record<string, string>, restartCount: number): ContainerProcess {
    const cmd = hostCommand(containerArgv(c, env), { execPath: process.execPath, repoRoot: this.deps.repoRoot });
    const mounts = this.mountsOf(c);
    const sandbox: Record<string, string> = cmd.node ? { [SANDBOX_ENV]: JSON.stringify(this.sandbox(mounts, LIFELINE_FD)) } : {};
    return new ContainerProcess({
      file: cmd.file, args: cmd.node ? ['--import', this.deps.shim, ...cmd.args] : cmd.args, env: { ...env, ...sandbox },
      cwd: this.workingDir(c, mounts),
      logPath: containerLogPath(this.deps.podsDir, this.uid, c.name, restartCount), pidPath: join(this.dir, POD_FILES.pids, c.name),
    }, this.deps.now);
  }

  /** Runs an exec probe's command in the container's environment (and sandbox, for Node). */
  exec(c: RunContainer, env: Record<string, string>, command: string[], timeoutMs: number): Promise<ProbeOutcome> {
    const cmd = hostCommand(command, { execPath: process.execPath, repoRoot: this.deps.repoRoot });
    const mounts = this.mountsOf(c);
    const withSandbox = cmd.node ? { ...env, [SANDBOX_ENV]: JSON.stringify(this.sandbox(mounts)) } : env;
    const args = cmd.node ? ['--import', this.deps.shim, ...cmd.args] : cmd.args;
    return execCommand(cmd.file, args, withSandbox, this.workingDir(c, mounts), timeoutMs, command.join(' '));
  }

  /** Forgets the ports a process that exited listened on. */
  releasePorts(pid: number | undefined): void {
    const dir = join(this.dir, POD_FILES.ports);
    try {
      for (const f of readdirSync(dir)) {
        if (readFileSync(join(dir, f), 'utf8').trim() === String(pid)) rmSync(join(dir, f), { force: true });
      }
    } catch {
      // no registry
    }
  }

  private mountsOf(c: RunContainer): SandboxMount[] {
    return [
      { path: PROCESS_IMAGE_WORKDIR, host: this.deps.repoRoot },
      { path: '/root', host: join(this.dir, POD_FILES.home) },
      ...this.volumes.mounts(c),
    ];
  }

  private workingDir(c: RunContainer, mounts: SandboxMount[]): string {
    const wd = c.workingDir ?? PROCESS_IMAGE_WORKDIR;
    const m = [...mounts].sort((a, b) => b.path.length - a.path.length).find((x) => wd === x.path || wd.startsWith(`${x.path}/`));
    return m ? m.host + wd.slice(m.path.length) : hostPathOf(PROCESS_IMAGE_WORKDIR, this.deps.repoRoot);
  }

  /** What the shim needs to know (sandbox-shim.mjs). */
  private sandbox(mounts: SandboxMount[], lifeline?: number): Record<string, unknown> {
    return {
      address: this.addresses.sandbox, hostname: this.pod.spec.hostname ?? this.pod.metadata.name, mounts,
      ports: join(this.dir, POD_FILES.ports), byIP: join(this.deps.podsDir, POD_FILES.byIP), podSubnet: this.deps.podSubnet,
      passthrough: [`127.0.0.1:${this.deps.apiServer.port}`], ...(lifeline !== undefined ? { lifeline } : {}),
    };
  }
}
