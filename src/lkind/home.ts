// Where lkind keeps its clusters: $LKIND_HOME (default: the platform's data directory, e.g.
// ~/.local/share/lkind) holds clusters/<name>/, laid out as cluster-config.ts describes. kind keeps
// no state of its own (it asks Docker); lkind's directory plays the part of the node containers.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { CLUSTER_FILES } from './cluster-config.js';

export type Env = Record<string, string | undefined>;

/** The cluster name used when --name is not given (kind's is "kind"). */
export const DEFAULT_CLUSTER_NAME = 'lkind';

/** Absolute, because the daemon is told its directory and runs with that directory as its cwd. */
export function lkindHome(env: Env = process.env): string {
  return resolve(env.LKIND_HOME || envPaths('lkind', { suffix: '' }).data);
}

export function clustersRoot(env: Env = process.env): string {
  return join(lkindHome(env), 'clusters');
}

export function clusterDir(name: string, env: Env = process.env): string {
  return join(clustersRoot(env), name);
}

/** A cluster exists once its directory has a cluster.json (half-created directories are skipped). */
export function clusterExists(name: string, env: Env = process.env): boolean {
  return existsSync(join(clusterDir(name, env), CLUSTER_FILES.config));
}

/** Names of the existing clusters, sorted like `kind get clusters`. */
export function listClusters(env: Env = process.env): string[] {
  const root = clustersRoot(env);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, CLUSTER_FILES.config)))
    .map((e) => e.name)
    .sort();
}

/** The name a command acts on: --name, else $LKIND_CLUSTER_NAME (kind reads KIND_CLUSTER_NAME), else the default. */
export function resolveClusterName(flag: string | undefined, env: Env = process.env, fromConfig?: string): string {
  return flag || env.LKIND_CLUSTER_NAME || fromConfig || DEFAULT_CLUSTER_NAME;
}
