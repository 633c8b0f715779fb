// `lkind create cluster`, following kind's create flow and output: load and default the config,
// refuse an existing name, validate, then "Preparing nodes" (directory, certificates), "Writing
// configuration" (cluster.json, token, kubeconfig), "Starting control-plane" (spawn the daemon and
// wait for /readyz), the join steps kind shows for extra nodes (instant here: the daemon forges the
// Node objects), the optional "Waiting ≤ … for control-plane = Ready", and finally the kubeconfig
// export and kind's usage hint. On failure the daemon log tail is reported and, unless --retain,
// the cluster is removed again.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_FILES, type ClusterConfig } from './cluster-config.js';
import { adminKubeconfig, KUBERNETES_VERSION, serverURL, writeClusterConfig, writeClusterPki } from './cluster-files.js';
import { logTail, spawnDaemon, stopDaemon, waitForReadyz } from './daemon.js';
import { formatDuration } from '../machinery/duration.js';
import { clusterDir, clustersRoot, resolveClusterName, type Env } from './home.js';
import {
  aggregate, canonicalSubnet, defaultKindConfig, nameNodes, parseKindConfig, validateKindConfig, type KindClusterSpec,
} from './kind-config.js';
import { contextName, writeMergedKubeconfig } from './kubeconfig.js';
import { checkRequestedPort, pickFreePort } from './ports.js';
import { waitForControlPlaneReady } from './readiness.js';
import { CommandError, type Ui } from './ui.js';

export interface CreateOptions {
  /** --name; falls back to $LKIND_CLUSTER_NAME, the config's name, then "lkind". */
  name?: string;
  /** --config: a kind config file, or "-" for stdin. */
  config?: string;
  kubeconfig?: string;
  /** How long to wait for the API server (and, when waitForReady, for the nodes). */
  waitMs: number;
  /** --wait was given: also wait for the control-plane nodes to be Ready, like kind. */
  waitForReady: boolean;
  retain: boolean;
  env: Env;
}

function loadSpec(path: string | undefined): KindClusterSpec {
  if (!path) return defaultKindConfig();
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new Error(`error reading file: ${(err as Error).message}`);
  }
  return parseKindConfig(text);
}

/** Creates the cluster directory exclusively, so two concurrent creates cannot share a name. */
function claimDirectory(name: string, env: Env): string {
  mkdirSync(clustersRoot(env), { recursive: true, mode: 0o755 });
  const dir = clusterDir(name, env);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(name);
    throw err;
  }
  return dir;
}

function alreadyExists(name: string): Error {
  return new Error(`node(s) already exist for a cluster with the name "${name}"`);
}

async function choosePort(spec: KindClusterSpec, env: Env): Promise<number> {
  if (spec.apiServerPort === 0) return pickFreePort(spec.apiServerAddress, env);
  await checkRequestedPort(spec.apiServerAddress, spec.apiServerPort, env);
  return spec.apiServerPort;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`;
}

function printUsage(ui: Ui, name: string, explicitKubeconfig: string | undefined): void {
  const context = contextName(name);
  const hint = `kubectl cluster-info --context ${context}${explicitKubeconfig ? ` --kubeconfig ${shellQuote(explicitKubeconfig)}` : ''}`;
  ui.info(`Set kubectl context to "${context}"`);
  ui.info(`You can now use your cluster with:\n\n${hint}`);
  ui.info('');
  ui.info('Have a nice day! 👋');
}

async function provision(dir: string, name: string, spec: KindClusterSpec, opts: CreateOptions, ui: Ui): Promise<ClusterConfig> {
  ui.start(`Preparing nodes ${'📦 '.repeat(spec.nodes.length)}`);
  const config: ClusterConfig = {
    name, host: spec.apiServerAddress, port: await choosePort(spec, opts.env),
    podSubnet: canonicalSubnet(spec.podSubnet), serviceSubnet: canonicalSubnet(spec.serviceSubnet),
    nodes: nameNodes(name, spec.nodes), kubernetesVersion: KUBERNETES_VERSION, createdAt: new Date().toISOString(),
  };
  await writeClusterPki(dir, config);
  ui.start('Writing configuration 📜');
  writeClusterConfig(dir, config);
  return config;
}

async function startControlPlane(dir: string, config: ClusterConfig, deadline: number, ui: Ui, env: Env): Promise<void> {
  ui.start('Starting control-plane 🕹️');
  const daemon = spawnDaemon(dir, env as NodeJS.ProcessEnv);
  await waitForReadyz(serverURL(config), readFileSync(join(dir, CLUSTER_FILES.caCert), 'utf8'), deadline, daemon.exited);
  const controlPlanes = config.nodes.filter((n) => n.role === 'control-plane').length;
  if (controlPlanes > 1) ui.start('Joining more control-plane nodes 🎮');
  if (config.nodes.length > controlPlanes) ui.start('Joining worker nodes 🚜');
  ui.end(true);
}

async function waitForReady(dir: string, config: ClusterConfig, opts: CreateOptions, deadline: number, ui: Ui): Promise<void> {
  ui.start(`Waiting ≤ ${formatDuration(opts.waitMs)} for control-plane = Ready ⏳`);
  const started = Date.now();
  if (await waitForControlPlaneReady(dir, config, deadline)) {
    ui.end(true);
    ui.info(` • Ready after ${formatDuration(Date.now() - started)} 💚`);
  } else {
    ui.end(false);
    ui.info(' • WARNING: Timed out waiting for Ready ⚠️');
  }
}

/** Undoes a failed creation, unless --retain asks to keep everything (process included) for debugging. */
async function cleanUp(dir: string, retain: boolean): Promise<string> {
  if (retain) return logTail(dir);
  await stopDaemon(dir, 2_000).catch(() => false);
  const tail = logTail(dir);
  rmSync(dir, { recursive: true, force: true });
  return tail;
}

export async function createCluster(opts: CreateOptions, ui: Ui): Promise<void> {
  const spec = loadSpec(opts.config);
  const name = resolveClusterName(opts.name, opts.env, spec.name);
  const errors = validateKindConfig(name, spec);
  // kind checks for an existing cluster before validating; a bad name cannot exist, so check it after.
  if (errors.length) throw new Error(aggregate(errors));
  if (existsSync(clusterDir(name, opts.env))) throw alreadyExists(name);
  ui.info(`Creating cluster "${name}" ...`);
  const deadline = Date.now() + opts.waitMs;
  const dir = claimDirectory(name, opts.env);
  let config: ClusterConfig;
  try {
    config = await provision(dir, name, spec, opts, ui);
    await startControlPlane(dir, config, deadline, ui, opts.env);
    if (opts.waitForReady) await waitForReady(dir, config, opts, deadline, ui);
  } catch (err) {
    ui.end(false);
    const tail = await cleanUp(dir, opts.retain);
    const details = tail ? `Cluster process log (${join(dir, CLUSTER_FILES.log)}${opts.retain ? '' : ', now removed'}):\n${tail}` : undefined;
    throw new CommandError((err as Error).message, details);
  }
  await writeMergedKubeconfig(adminKubeconfig(dir, config), opts.kubeconfig, opts.env);
  printUsage(ui, name, opts.kubeconfig);
}
