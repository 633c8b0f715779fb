// Test support: a real lkind cluster (its own process, its own LKIND_HOME) and the real kubectl
// pointed at it with an isolated HOME, so discovery/OpenAPI caches never leak between tests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LKIND = join(ROOT, 'bin', 'lkind.mjs');
export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface RunResult { code: number; stdout: string; stderr: string }

export interface TestCluster {
  name: string;
  home: string;
  kubeconfig: string;
  env: NodeJS.ProcessEnv;
  kubectl(args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<RunResult>;
  /** kubectl that must succeed: asserts exit code 0 (the message names the command) and returns stdout. */
  ok(args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<string>;
  lkind(args: string[]): Promise<RunResult>;
  write(file: string, content: string): string;
  destroy(): Promise<void>;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, opts: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface TestClusterOptions {
  /** A kind Cluster config (YAML): written into the cluster's home and passed as `--config`. */
  config?: string;
}

export async function createTestCluster(name: string, extraArgs: string[] = [], extraEnv: NodeJS.ProcessEnv = {}, opts: TestClusterOptions = {}): Promise<TestCluster> {
  const home = mkdtempSync(join(tmpdir(), `lkind-e2e-${name}-`));
  const configArgs: string[] = [];
  if (opts.config !== undefined) {
    const path = join(home, 'kind-config.yaml');
    writeFileSync(path, opts.config);
    configArgs.push('--config', path);
  }
  const kubeconfig = join(home, 'kubeconfig');
  const env: NodeJS.ProcessEnv = {
    ...process.env, HOME: home, LKIND_HOME: join(home, 'lkind'), KUBECONFIG: kubeconfig,
    KUBECACHEDIR: join(home, 'kube-cache'), NO_COLOR: '1', ...extraEnv,
  };
  const lkind = (args: string[]) => run(process.execPath, [LKIND, ...args], env, { timeoutMs: 120_000 });
  const created = await lkind(['create', 'cluster', '--name', name, '--kubeconfig', kubeconfig, ...configArgs, ...extraArgs]);
  if (created.code !== 0) {
    throw new Error(`lkind create cluster failed (${created.code}):\n${created.stdout}\n${created.stderr}`);
  }
  const kubectl = (args: string[], o?: { input?: string; timeoutMs?: number }) => run(KUBECTL, args, env, o);
  return {
    name, home, kubeconfig, env,
    kubectl,
    async ok(args, o) {
      const r = await kubectl(args, o);
      assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    },
    lkind,
    write(file, content) {
      const path = join(home, file);
      writeFileSync(path, content);
      return path;
    },
    async destroy() {
      await lkind(['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig]);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The pid of the cluster's daemon process, as lkind recorded it. */
export function daemonPid(c: TestCluster): number {
  return Number(readFileSync(join(c.env.LKIND_HOME!, 'clusters', c.name, 'daemon.pid'), 'utf8').trim());
}

/** Synchronous variant for cleanup paths. */
export function kubectlSync(env: NodeJS.ProcessEnv, args: string[]): RunResult {
  const r = spawnSync(KUBECTL, args, { env, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Polls fn until it returns a truthy value or the deadline passes. */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000, stepMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/**
 * kubectl against the test cluster as another user: the admin kubeconfig with its user replaced
 * (a client certificate and key in PEM, or a bearer token), with its own discovery cache.
 */
export function kubectlAs(c: TestCluster, name: string, user: { cert: string; key: string } | { token: string }) {
  const kc = parse(readFileSync(c.kubeconfig, 'utf8'));
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  kc.users[0].user = 'token' in user ? { token: user.token } : { 'client-certificate-data': b64(user.cert), 'client-key-data': b64(user.key) };
  const path = join(c.home, `${name}.kubeconfig`);
  writeFileSync(path, stringify(kc));
  const env = { ...c.env, KUBECONFIG: path, KUBECACHEDIR: join(c.home, `${name}-cache`) };
  return (args: string[]) => run(KUBECTL, args, env);
}
