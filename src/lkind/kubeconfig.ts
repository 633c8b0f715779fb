// The admin kubeconfig of a cluster and its merging into the user's kubeconfig files, the way kind
// does it: one cluster, one user and one context all named lkind-<name>; merged into --kubeconfig,
// else the first existing file of $KUBECONFIG (else its last), else ~/.kube/config; entries of the
// same name are replaced, everything else in the file is kept; current-context is set. Removal
// drops the three entries (and current-context if it pointed at them) from every candidate file.
// Files are locked with client-go's `<file>.lock` convention so concurrent kubectl/kind writes are
// not lost. Deliberately not here: exec/auth-provider users or any other credential shape.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Env } from './home.js';

export type Kubeconfig = Record<string, unknown>;

interface Named {
  name?: string;
  [k: string]: unknown;
}

/** kubeconfig entries of a cluster are all named like this (kind uses kind-<name>). */
export function contextName(cluster: string): string {
  return `lkind-${cluster}`;
}

const b64 = (pem: string) => Buffer.from(pem).toString('base64');

/** A standalone kubeconfig for one cluster, in kubectl's field order. */
export function buildKubeconfig(opts: { cluster: string; server: string; caCert: string; clientCert: string; clientKey: string }): Kubeconfig {
  const name = contextName(opts.cluster);
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': b64(opts.caCert), server: opts.server }, name }],
    contexts: [{ context: { cluster: name, user: name }, name }],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{ name, user: { 'client-certificate-data': b64(opts.clientCert), 'client-key-data': b64(opts.clientKey) } }],
  };
}

export function serializeKubeconfig(config: Kubeconfig): string {
  // kubectl writes block sequences unindented under their key; base64 must never be folded.
  return stringify(config, { indentSeq: false, lineWidth: 0 });
}

export function parseKubeconfig(text: string): Kubeconfig {
  const parsed: unknown = text.trim() === '' ? {} : parse(text);
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the kubeconfig is not a YAML mapping');
  return parsed as Kubeconfig;
}

function entries(config: Kubeconfig, key: string): Named[] {
  const list = config[key];
  return Array.isArray(list) ? (list as Named[]) : [];
}

function upsert(list: Named[], entry: Named): Named[] {
  const found = list.some((e) => e.name === entry.name);
  return found ? list.map((e) => (e.name === entry.name ? entry : e)) : [...list, entry];
}

/** Merges the one cluster/user/context of `add` into `existing` and makes its context current. */
export function mergeKubeconfig(existing: Kubeconfig, add: Kubeconfig): Kubeconfig {
  const merged: Kubeconfig = { ...existing };
  // Fields the file lacks come from `add`, in its (kubectl's) order; this also gives apiVersion and
  // kind to files without them, for clients that insist on them (kind's issue 1242).
  for (const [key, value] of Object.entries(add)) {
    if (merged[key] === undefined || merged[key] === null) merged[key] = value;
  }
  for (const key of ['clusters', 'contexts', 'users']) {
    merged[key] = entries(add, key).reduce(upsert, entries(existing, key));
  }
  merged['current-context'] = add['current-context'];
  return merged;
}

/** Drops the lkind-<cluster> entries; `changed` tells whether anything was removed. */
export function removeFromKubeconfig(existing: Kubeconfig, cluster: string): { config: Kubeconfig; changed: boolean } {
  const name = contextName(cluster);
  const config: Kubeconfig = { ...existing };
  let changed = false;
  for (const key of ['clusters', 'contexts', 'users']) {
    if (!Array.isArray(existing[key])) continue;
    const kept = entries(existing, key).filter((e) => e.name !== name);
    changed ||= kept.length !== entries(existing, key).length;
    config[key] = kept;
  }
  if (config['current-context'] === name) {
    config['current-context'] = '';
    changed = true;
  }
  return { config, changed };
}

/** The kubeconfig files considered, kubectl's rules: --kubeconfig, else $KUBECONFIG's list, else ~/.kube/config. */
export function kubeconfigPaths(explicit: string | undefined, env: Env = process.env): string[] {
  if (explicit) return [explicit];
  const fromEnv = [...new Set((env.KUBECONFIG ?? '').split(delimiter).filter(Boolean))];
  if (fromEnv.length) return fromEnv;
  return [join(env.HOME || homedir(), '.kube', 'config')];
}

/** The file a new entry goes to: the first candidate that exists, else the last one (kubectl's rule). */
export function pathForMerge(explicit: string | undefined, env: Env = process.env): string {
  const paths = kubeconfigPaths(explicit, env);
  if (paths.length === 1) return paths[0]!;
  return paths.find((p) => existsSync(p) && statSync(p).isFile()) ?? paths[paths.length - 1]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs fn holding `<file>.lock` (client-go's lock), waiting a little if someone else holds it. */
async function withLock<T>(file: string, fn: () => T): Promise<T> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 50) {
        throw new Error(`failed to lock config file: ${(err as Error).message}`);
      }
      await sleep(100);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function readKubeconfigFile(file: string): Kubeconfig {
  return existsSync(file) ? parseKubeconfig(readFileSync(file, 'utf8')) : {};
}

function writeKubeconfigFile(file: string, config: Kubeconfig): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  writeFileSync(file, serializeKubeconfig(config), { mode: 0o600 });
}

/** Merges a cluster's kubeconfig into the user's; returns the file written. */
export async function writeMergedKubeconfig(add: Kubeconfig, explicit: string | undefined, env: Env = process.env): Promise<string> {
  const file = pathForMerge(explicit, env);
  await withLock(file, () => {
    let existing: Kubeconfig;
    try {
      existing = readKubeconfigFile(file);
    } catch (err) {
      throw new Error(`failed to get kubeconfig to merge: ${file}: ${(err as Error).message}`);
    }
    writeKubeconfigFile(file, mergeKubeconfig(existing, add));
  });
  return file;
}

/** Removes the cluster's entries from every candidate kubeconfig file that has them. */
export async function removeKubeconfigEntries(cluster: string, explicit: string | undefined, env: Env = process.env): Promise<void> {
  for (const file of kubeconfigPaths(explicit, env)) {
    if (!existsSync(file)) continue;
    await withLock(file, () => {
      let existing: Kubeconfig;
      try {
        existing = readKubeconfigFile(file);
      } catch (err) {
        throw new Error(`failed to read kubeconfig to remove lkind entry: ${file}: ${(err as Error).message}`);
      }
      const { config, changed } = removeFromKubeconfig(existing, cluster);
      if (changed) writeKubeconfigFile(file, config);
    });
  }
}
