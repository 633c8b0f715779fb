// A process pod's volumes on the host, under <pods>/<uid>/volumes/<name>: emptyDir (a directory),
// hostPath (a directory of the node's simulated root, <cluster>/nodes/<node>/rootfs/<path>),
// configMap, secret, downwardAPI and projected volumes (files written as the kubelet's
// AtomicWriter does: a timestamped directory, `..data` swapped to it by rename, top-level
// symlinks through `..data`, so a reader never sees half an update). Tokens come from the
// TokenRequest API, bound to the pod, and are refreshed after 80% of their lifetime as the
// kubelet's token manager does; configMap and secret volumes are resynced every minute. Volume
// types the host cannot provide (persistentVolumeClaim, csi...) are empty directories.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ConfigMap, Pod, Secret } from '../../../api/core-v1.js';
import type { Client } from '../../../client/rest-client.js';
import { CORE, resourcePath } from '../../../client/resource.js';
import { isStatusError } from '../../../machinery/errors.js';
import { POD_FILES } from '../../../machinery/pod-files.js';
import { TOKEN_REFRESH_FRACTION } from '../constants.js';
import { runSpec, type RunContainer, type Volume } from './container-spec.js';
import { forgeVolumeFiles, VolumeError, volumeReferences, type VolumeFiles } from './volume-files.js';

export const RESYNC_MS = 60_000;

export interface SandboxMount { path: string; host: string; readOnly?: boolean }

export interface VolumesDeps {
  client: Client;
  podsDir: string;
  /** The node's simulated root filesystem, for hostPath volumes. */
  nodeRoot: string;
  now(): Date;
}

interface TokenResponse { status?: { token?: string; expirationTimestamp?: string } }

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `..2026_01_02_03_04_05.123456789`, the AtomicWriter's directory name. */
function timestampDir(d: Date): string {
  return `..${d.getUTCFullYear()}_${pad(d.getUTCMonth() + 1)}_${pad(d.getUTCDate())}_${pad(d.getUTCHours())}_${pad(d.getUTCMinutes())}_${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}

/** Writes files into dir the way the kubelet's AtomicWriter does. */
export function writeAtomically(dir: string, files: VolumeFiles, now: Date): void {
  mkdirSync(dir, { recursive: true });
  const ts = timestampDir(now);
  for (const [path, f] of files) {
    const target = join(dir, ts, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.data, { mode: f.mode });
    chmodSync(target, f.mode);
  }
  mkdirSync(join(dir, ts), { recursive: true });
  let old: string | undefined;
  try { old = readlinkSync(join(dir, '..data')); } catch { /* first write */ }
  symlinkSync(ts, join(dir, '..data_tmp'));
  renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
  const top = new Set([...files.keys()].map((p) => p.split('/')[0]!));
  for (const name of top) {
    try { symlinkSync(join('..data', name), join(dir, name)); } catch { /* already linked */ }
  }
  for (const entry of readdirSync(dir)) {
    if (!entry.startsWith('..') && !top.has(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  if (old && old !== ts) rmSync(join(dir, old), { recursive: true, force: true });
}

function digest(files: VolumeFiles): string {
  const h = createHash('sha256');
  for (const [path, f] of [...files].sort(([a], [b]) => a.localeCompare(b))) h.update(`${path}\0${f.mode}\0`).update(f.data).update('\0');
  return h.digest('hex');
}

export class PodVolumes {
  /** What each file volume last got written, to skip unchanged rewrites. */
  private readonly written = new Map<string, string>();
  /** Tokens issued, by volume and path, with when to request them again. */
  private readonly issued = new Map<string, { token: string; refreshAt: number }>();

  constructor(private readonly pod: Pod, private readonly addr: { podIP: string; hostIP: string }, private readonly deps: VolumesDeps) {}

  private get volumes(): Volume[] {
    return runSpec(this.pod).volumes ?? [];
  }

  dirOf(name: string): string {
    return join(this.deps.podsDir, this.pod.metadata.uid ?? '', POD_FILES.volumes, name);
  }

  /** Sets every volume up; throws a VolumeError naming the volume that failed. */
  async setUp(): Promise<void> {
    const lookups = await this.lookUp();
    for (const v of this.volumes) {
      try {
        const dir = v.hostPath ? join(this.deps.nodeRoot, v.hostPath.path) : this.dirOf(v.name);
        const files = forgeVolumeFiles(v, this.pod, { ...lookups, tokens: await this.tokens(v), ...this.addr });
        if (!files) mkdirSync(dir, { recursive: true });
        else if (this.written.get(v.name) !== digest(files)) {
          // Like the AtomicWriter, an unchanged payload is not written again.
          writeAtomically(dir, files, this.deps.now());
          this.written.set(v.name, digest(files));
        }
      } catch (err) {
        const reason = err instanceof VolumeError || isStatusError(err) ? err.message : String(err);
        throw new VolumeError(`MountVolume.SetUp failed for volume "${v.name}" : ${reason}`);
      }
    }
  }

  /** When the volumes should next be rewritten (resync, or a token nearing its expiry). */
  nextRefresh(): number {
    return Math.min(this.deps.now().getTime() + RESYNC_MS, ...[...this.issued.values()].map((t) => t.refreshAt));
  }

  /** The host directories behind a container's volumeMounts. */
  mounts(c: RunContainer): SandboxMount[] {
    return (c.volumeMounts ?? []).map((m) => {
      const v = this.volumes.find((x) => x.name === m.name);
      const base = v?.hostPath ? join(this.deps.nodeRoot, v.hostPath.path) : this.dirOf(m.name);
      return { path: m.mountPath.replace(/\/+$/, '') || '/', host: m.subPath ? join(base, m.subPath) : base, ...(m.readOnly ? { readOnly: true } : {}) };
    });
  }

  private async lookUp(): Promise<{ configMaps: Map<string, ConfigMap | undefined>; secrets: Map<string, Secret | undefined> }> {
    const refs = volumeReferences(this.volumes);
    const ns = this.pod.metadata.namespace ?? '';
    const get = async <T extends ConfigMap | Secret>(ref: typeof CORE.configmaps | typeof CORE.secrets, name: string) => {
      try {
        return [name, await this.deps.client.get<T>(ref, ns, name)] as const;
      } catch (err) {
        if (isStatusError(err) && err.code === 404) return [name, undefined] as const;
        throw err;
      }
    };
    const cms = await Promise.all([...refs.configMaps].map((n) => get<ConfigMap>(CORE.configmaps, n)));
    const secrets = await Promise.all([...refs.secrets].map((n) => get<Secret>(CORE.secrets, n)));
    return { configMaps: new Map(cms), secrets: new Map(secrets) };
  }

  /** Tokens of a projected volume's serviceAccountToken sources, bound to the pod; requested anew once 80% of their lifetime passed. */
  private async tokens(v: Volume): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const { name = '', namespace = '', uid = '' } = this.pod.metadata;
    const sa = runSpec(this.pod).serviceAccountName ?? 'default';
    const now = this.deps.now().getTime();
    for (const src of v.projected?.sources ?? []) {
      const t = src.serviceAccountToken;
      if (!t) continue;
      const key = `${v.name}/${t.path}`;
      const cached = this.issued.get(key);
      if (cached && now < cached.refreshAt) {
        out.set(t.path, cached.token);
        continue;
      }
      const seconds = t.expirationSeconds ?? 3600;
      const res = await this.deps.client.request<TokenResponse>('POST', resourcePath(CORE.serviceaccounts, namespace, sa, 'token'), {
        apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest',
        spec: { audiences: t.audience ? [t.audience] : [], expirationSeconds: seconds, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name, uid } },
      });
      const token = res.status?.token;
      if (!token) throw new VolumeError('failed to fetch token: the TokenRequest returned no token');
      const expires = Date.parse(res.status?.expirationTimestamp ?? '') || now + seconds * 1000;
      this.issued.set(key, { token, refreshAt: now + (expires - now) * TOKEN_REFRESH_FRACTION });
      out.set(t.path, token);
    }
    return out;
  }

  /** Rewrites the volumes (new tokens, updated ConfigMaps and Secrets). */
  async refresh(): Promise<void> {
    await this.setUp();
  }
}
