// The files of a pod's configMap, secret, downwardAPI and projected volumes, as the kubelet's
// volume plugins lay them out (every key, or only the listed items at their paths, with their
// modes), and the errors they report when what they need is missing. Pure: the ConfigMaps,
// Secrets and tokens are looked up beforehand; volumes.ts writes the result atomically.
import type { ConfigMap, Pod, Secret } from '../../../api/core-v1.js';
import type { DownwardAPIFile, KeyToPath, RunContainer, Volume } from './container-spec.js';
import { podField, resourceField } from './env.js';

export interface VolumeFile { data: Buffer; mode: number }
export type VolumeFiles = Map<string, VolumeFile>;

export interface VolumeLookups {
  configMaps: Map<string, ConfigMap | undefined>;
  secrets: Map<string, Secret | undefined>;
  /** Tokens of the volume's serviceAccountToken sources, by their path. */
  tokens: Map<string, string>;
  podIP: string;
  hostIP: string;
}

/** kube's MountVolume.SetUp failure, reported in a FailedMount event. */
export class VolumeError extends Error {}

const DEFAULT_MODE = 0o644;

function configMapEntries(cm: ConfigMap): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm.data ?? {})) out.set(k, Buffer.from(v));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

function secretEntries(s: Secret): Map<string, Buffer> {
  return new Map(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

function project(
  files: VolumeFiles, entries: Map<string, Buffer>, items: KeyToPath[] | undefined, mode: number, optional: boolean, kind: 'configmap' | 'secret',
): void {
  if (!items?.length) {
    for (const [k, v] of entries) files.set(k, { data: v, mode });
    return;
  }
  for (const item of items) {
    const data = entries.get(item.key);
    if (data === undefined) {
      if (optional) continue;
      throw new VolumeError(`${kind === 'configmap' ? 'configmap' : 'secret'} references non-existent ${kind === 'configmap' ? 'config' : 'secret'} key: ${item.key}`);
    }
    files.set(item.path, { data, mode: item.mode ?? mode });
  }
}

function addConfigMap(files: VolumeFiles, src: { name: string; items?: KeyToPath[]; optional?: boolean }, mode: number, l: VolumeLookups): void {
  const cm = l.configMaps.get(src.name);
  if (!cm) {
    if (src.optional) return;
    throw new VolumeError(`configmap "${src.name}" not found`);
  }
  project(files, configMapEntries(cm), src.items, mode, src.optional ?? false, 'configmap');
}

function addSecret(files: VolumeFiles, name: string, src: { items?: KeyToPath[]; optional?: boolean }, mode: number, l: VolumeLookups): void {
  const s = l.secrets.get(name);
  if (!s) {
    if (src.optional) return;
    throw new VolumeError(`secret "${name}" not found`);
  }
  project(files, secretEntries(s), src.items, mode, src.optional ?? false, 'secret');
}

function addDownward(files: VolumeFiles, items: DownwardAPIFile[] | undefined, mode: number, pod: Pod, l: VolumeLookups): void {
  for (const item of items ?? []) {
    let value = '';
    if (item.fieldRef) value = podField(pod, item.fieldRef, l);
    else if (item.resourceFieldRef) {
      const c = pod.spec.containers.find((x) => x.name === item.resourceFieldRef!.containerName) as RunContainer | undefined;
      value = c ? resourceField(pod, c, item.resourceFieldRef) : '0';
    }
    files.set(item.path, { data: Buffer.from(value), mode: item.mode ?? mode });
  }
}

/** The files of a volume that has files (undefined for directories: emptyDir, hostPath...). */
export function forgeVolumeFiles(volume: Volume, pod: Pod, l: VolumeLookups): VolumeFiles | undefined {
  const files: VolumeFiles = new Map();
  if (volume.configMap) addConfigMap(files, volume.configMap, volume.configMap.defaultMode ?? DEFAULT_MODE, l);
  else if (volume.secret) addSecret(files, volume.secret.secretName, volume.secret, volume.secret.defaultMode ?? DEFAULT_MODE, l);
  else if (volume.downwardAPI) addDownward(files, volume.downwardAPI.items, volume.downwardAPI.defaultMode ?? DEFAULT_MODE, pod, l);
  else if (volume.projected) {
    const mode = volume.projected.defaultMode ?? DEFAULT_MODE;
    for (const src of volume.projected.sources ?? []) {
      if (src.configMap) addConfigMap(files, src.configMap, mode, l);
      else if (src.secret) addSecret(files, src.secret.name, src.secret, mode, l);
      else if (src.downwardAPI) addDownward(files, src.downwardAPI.items, mode, pod, l);
      else if (src.serviceAccountToken) {
        const token = l.tokens.get(src.serviceAccountToken.path);
        if (token === undefined) throw new VolumeError(`failed to fetch token: no token for path ${src.serviceAccountToken.path}`);
        files.set(src.serviceAccountToken.path, { data: Buffer.from(token), mode });
      }
    }
  } else return undefined;
  return files;
}

/** The ConfigMaps and Secrets a pod's volumes read. */
export function volumeReferences(volumes: Volume[]): { configMaps: Set<string>; secrets: Set<string> } {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  for (const v of volumes) {
    if (v.configMap) configMaps.add(v.configMap.name);
    if (v.secret) secrets.add(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap) configMaps.add(s.configMap.name);
      if (s.secret) secrets.add(s.secret.name);
    }
  }
  return { configMaps, secrets };
}
