// The commands on an existing cluster: delete (idempotent like kind's: a missing cluster is not an
// error, its kubeconfig entries are cleaned up all the same), stop and start (lkind's own: kind
// leaves that to `docker stop/start`; start revives a stopped or crashed daemon on the same port,
// the data survives), and the kubeconfig/nodes getters with kind's messages.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_FILES, readClusterConfig, type ClusterConfig } from './cluster-config.js';
import { adminKubeconfig, readAdminKubeconfigText, serverURL } from './cluster-files.js';
import { logTail, removePidFile, runningPid, spawnDaemon, stopDaemon, waitForReadyz } from './daemon.js';
import { clusterDir, clusterExists, listClusters, type Env } from './home.js';
import { contextName, removeKubeconfigEntries, writeMergedKubeconfig } from './kubeconfig.js';
import { isPortFree } from './ports.js';
import { CommandError, type Ui } from './ui.js';

/** Go's %q of a []string, as kind prints node and cluster lists: ["a" "b"]. */
export function goQuoteList(items: readonly string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(' ')}]`;
}

/** kind's error for a cluster it cannot find. */
export function notFound(name: string): Error {
  return new Error(`could not locate any control plane nodes for cluster named '${name}'. Use the --name option to select a different cluster`);
}

function existing(name: string, env: Env): { dir: string; config: ClusterConfig } {
  if (!clusterExists(name, env)) throw notFound(name);
  const dir = clusterDir(name, env);
  return { dir, config: readClusterConfig(dir) };
}

function nodeNames(dir: string): string[] {
  try {
    return readClusterConfig(dir).nodes.map((n) => n.name);
  } catch {
    return [];
  }
}

/** Removes one cluster: its kubeconfig entries, its process, its directory. */
export async function deleteCluster(name: string, kubeconfig: string | undefined, env: Env, ui: Ui): Promise<void> {
  const dir = clusterDir(name, env);
  let kubeconfigError: Error | undefined;
  try {
    await removeKubeconfigEntries(name, kubeconfig, env);
  } catch (err) {
    kubeconfigError = err as Error;
    ui.info(`failed to update kubeconfig: ${kubeconfigError.message}`);
  }
  if (existsSync(dir)) {
    const nodes = nodeNames(dir);
    await stopDaemon(dir);
    rmSync(dir, { recursive: true, force: true });
    if (nodes.length) ui.info(`Deleted nodes: ${goQuoteList(nodes)}`);
  }
  if (kubeconfigError) throw kubeconfigError;
}

/** `lkind delete clusters`: never fails on one cluster, reports what went away. */
export async function deleteClusters(names: string[], all: boolean, kubeconfig: string | undefined, env: Env, ui: Ui): Promise<void> {
  if (!all && names.length === 0) throw new Error('no cluster names provided');
  const targets = all ? listClusters(env) : names;
  const deleted: string[] = [];
  for (const name of targets) {
    try {
      await deleteCluster(name, kubeconfig, env, ui);
      deleted.push(name);
    } catch (err) {
      ui.info(`failed to delete cluster "${name}": ${(err as Error).message}`);
    }
  }
  ui.info(`Deleted clusters: ${goQuoteList(deleted)}`);
}

export async function stopCluster(name: string, env: Env, ui: Ui): Promise<void> {
  const { dir } = existing(name, env);
  ui.info(`Stopping cluster "${name}" ...`);
  if (!(await stopDaemon(dir))) ui.info(`Cluster "${name}" is not running.`);
}

export async function startCluster(name: string, waitMs: number, env: Env, ui: Ui): Promise<void> {
  const { dir, config } = existing(name, env);
  if (runningPid(dir) !== undefined) {
    ui.info(`Cluster "${name}" is already running.`);
    return;
  }
  ui.info(`Starting cluster "${name}" ...`);
  ui.start('Starting control-plane 🕹️');
  removePidFile(dir); // stale: the process is gone
  if (!(await isPortFree(config.host, config.port))) {
    throw new Error(`port ${config.port} on ${config.host} is already in use; the cluster cannot listen on it`);
  }
  const daemon = spawnDaemon(dir, env as NodeJS.ProcessEnv);
  try {
    const ca = readFileSync(join(dir, CLUSTER_FILES.caCert), 'utf8');
    await waitForReadyz(serverURL(config), ca, Date.now() + waitMs, daemon.exited);
  } catch (err) {
    await stopDaemon(dir, 2_000).catch(() => false);
    const tail = logTail(dir);
    throw new CommandError((err as Error).message, tail ? `Cluster process log (${join(dir, CLUSTER_FILES.log)}):\n${tail}` : undefined);
  }
  ui.end(true);
}

export function getKubeconfig(name: string, env: Env): string {
  const { dir } = existing(name, env);
  return readAdminKubeconfigText(dir);
}

export async function exportKubeconfig(name: string, kubeconfig: string | undefined, env: Env, ui: Ui): Promise<void> {
  const { dir, config } = existing(name, env);
  await writeMergedKubeconfig(adminKubeconfig(dir, config), kubeconfig, env);
  ui.info(`Set kubectl context to "${contextName(name)}"`);
}

/** Node names of one cluster, or of all clusters; empty when there are none. */
export function getNodes(name: string, allClusters: boolean, env: Env): string[] {
  const names = allClusters ? listClusters(env) : clusterExists(name, env) ? [name] : [];
  return names.flatMap((n) => nodeNames(clusterDir(n, env)));
}
