// Which containers run as host processes (ADR 0009) and with which command line. An image whose
// repository is one of the process images (liqo-ts's own, any tag or digest) is "present on the
// machine": its filesystem is this repository (the image's /app), its ENTRYPOINT is
// `node /app/bin/liqo.mjs`. Kubernetes' rules for command and args apply: `command` replaces the
// entrypoint, `args` replace the image's CMD (none here), $(VAR) expands from the container's
// environment. `node` is this Node; a path under /app is the same path under the repository root.
import type { Pod } from '../../../api/core-v1.js';
import { PROCESS_IMAGE_ENTRYPOINT, PROCESS_IMAGE_WORKDIR } from '../constants.js';
import type { RunContainer } from './container-spec.js';
import { expand } from './env.js';

/** The repository of an image reference: `ghcr.io/liqo-ts/liqo:v1` and `...@sha256:..` → `ghcr.io/liqo-ts/liqo`. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

export function isProcessImage(image: string | undefined, repositories: string[]): boolean {
  return image !== undefined && repositories.includes(imageRepository(image));
}

/** A pod is a process pod when any of its containers runs a process image. */
export function isProcessPod(pod: Pod, repositories: string[]): boolean {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].some((c) => isProcessImage(c.image, repositories));
}

/** The container's argv inside the image (Kubernetes' command/args over ENTRYPOINT/CMD), expanded. */
export function containerArgv(c: RunContainer, env: Record<string, string>): string[] {
  const lookup = (n: string) => env[n];
  const argv = c.command?.length ? [...c.command, ...(c.args ?? [])] : [...PROCESS_IMAGE_ENTRYPOINT, ...(c.args ?? [])];
  return argv.map((a) => expand(a, lookup));
}

/** A path inside the image, as a host path (the image's /app is the repository). */
export function hostPathOf(path: string, repoRoot: string): string {
  if (path === PROCESS_IMAGE_WORKDIR) return repoRoot;
  return path.startsWith(`${PROCESS_IMAGE_WORKDIR}/`) ? repoRoot + path.slice(PROCESS_IMAGE_WORKDIR.length) : path;
}

export interface HostCommand {
  file: string;
  args: string[];
  /** Whether it is Node, so the sandbox shim can be loaded in front of it. */
  node: boolean;
}

/** What the host runs for an argv of the image. */
export function hostCommand(argv: string[], host: { execPath: string; repoRoot: string }): HostCommand {
  const [first = '', ...rest] = argv;
  const node = first === 'node' || first === '/usr/local/bin/node' || first === '/usr/bin/node';
  const args = rest.map((a) => (a.startsWith(`${PROCESS_IMAGE_WORKDIR}/`) ? hostPathOf(a, host.repoRoot) : a));
  return { file: node ? host.execPath : hostPathOf(first, host.repoRoot), args, node };
}
