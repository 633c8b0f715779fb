// Helpers of the persistence suites: the cluster daemon's pid (to kill -9 it), kubectl reads
// parsed from JSON, and the invariants a Deployment must hold once it has settled, checked on
// what kubectl returns rather than on anything inside the cluster process.
import assert from 'node:assert/strict';
import type { CoreEvent, Node, Pod, ReplicaSet } from '../../../src/api/core-v1.js';
import type { KubeList, KubeObject } from '../../../src/api/types.js';
import { daemonPid, type TestCluster } from '../../support/cluster.js';

export const POD_TEMPLATE_HASH = 'pod-template-hash';


function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** kill -9 of the cluster process; returns once the process is gone. */
export async function killDaemon(c: TestCluster): Promise<void> {
  const pid = daemonPid(c);
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 20));
}

export async function ok(c: TestCluster, args: string[], input?: string): Promise<string> {
  const r = await c.kubectl(args, { input, timeoutMs: 150_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export async function getList<T extends KubeObject>(c: TestCluster, args: string[]): Promise<T[]> {
  return (JSON.parse(await ok(c, ['get', ...args, '-o', 'json'])) as KubeList<T>).items;
}

export async function lkindOk(c: TestCluster, args: string[]): Promise<void> {
  const r = await c.lkind(args);
  assert.equal(r.code, 0, `lkind ${args.join(' ')}: ${r.stdout}\n${r.stderr}`);
}

/** What must survive a restart of each pod: identity, placement, IP, restarts, readiness. */
export function identity(p: Pod) {
  const ready = p.status?.conditions?.find((x) => x.type === 'Ready');
  return {
    uid: p.metadata.uid, node: p.spec.nodeName, ip: p.status?.podIP, phase: p.status?.phase,
    restarts: p.status?.containerStatuses?.map((s) => s.restartCount), ready: `${ready?.status} since ${ready?.lastTransitionTime}`,
  };
}

export const identities = (pods: Pod[]) => Object.fromEntries(pods.map((p) => [p.metadata.name, identity(p)]));

/** Events by name with their count: a repeat of an old event bumps count, a new one adds a name. */
export const eventCounts = (events: CoreEvent[]) => Object.fromEntries(events.map((e) => [e.metadata.name, e.count]));

/** What must survive a restart of each node: its uid, its Ready condition (no blip) and its taints. */
export function nodeHealth(n: Node) {
  const ready = n.status?.conditions?.find((x) => x.type === 'Ready');
  return { ready: `${ready?.status} since ${ready?.lastTransitionTime}`, taints: n.spec?.taints ?? [], uid: n.metadata.uid };
}

/** Pod IPs held by more than one pod (each node has its own /24, so this covers every node). */
export function duplicateIPs(pods: Pod[]): string[] {
  const holders = new Map<string, string[]>();
  for (const p of pods) {
    const ip = p.status?.podIP;
    // Host-network pods (the control plane's mirror pods) share their node's address.
    if (ip && !p.spec.hostNetwork) holders.set(ip, [...(holders.get(ip) ?? []), `${p.spec.nodeName ?? ''}/${p.metadata.name ?? ''}`]);
  }
  return [...holders].filter(([, names]) => names.length > 1).map(([ip, names]) => `${ip}: ${names.join(', ')}`);
}

/** Pods whose controller owner does not exist (by uid). */
export function orphans(pods: Pod[], owners: KubeObject[]): string[] {
  const uids = new Set(owners.map((o) => o.metadata.uid));
  return pods.filter((p) => !(p.metadata.ownerReferences ?? []).some((r) => r.controller && uids.has(r.uid))).map((p) => p.metadata.name ?? '');
}

/** How many pods are in each state: Running, Pending, Terminating... (as kubectl's STATUS reads). */
export function podStates(pods: Pod[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of pods) {
    const s = p.metadata.deletionTimestamp ? 'Terminating' : p.status?.phase ?? 'Unknown';
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

/**
 * A Deployment (selected by app label) that has rolled out to `image` and settled: exactly
 * `replicas` pods, all Running and Ready with the new ReplicaSet's hash, none Terminating, each
 * owned by a live ReplicaSet, with distinct IPs; exactly one ReplicaSet with replicas, the others
 * scaled to 0.
 */
export async function assertSettled(c: TestCluster, app: string, replicas: number, image: string): Promise<void> {
  const sets = await getList<ReplicaSet>(c, ['rs', '-l', `app=${app}`]);
  const current = sets.filter((rs) => rs.spec.template?.spec.containers[0]?.image === image);
  assert.equal(current.length, 1, `one ReplicaSet of ${image}: ${sets.map((rs) => rs.metadata.name).join(' ')}`);
  const fresh = current[0]!;
  const scale = (rs: ReplicaSet) => `${rs.metadata.name}: spec ${rs.spec.replicas} status ${rs.status?.replicas}/${rs.status?.readyReplicas ?? 0}`;
  assert.deepEqual([fresh.spec.replicas, fresh.status?.replicas, fresh.status?.readyReplicas, fresh.status?.availableReplicas], [replicas, replicas, replicas, replicas], scale(fresh));
  for (const old of sets.filter((rs) => rs !== fresh)) assert.deepEqual([old.spec.replicas, old.status?.replicas ?? 0], [0, 0], scale(old));

  const pods = await getList<Pod>(c, ['pods', '-l', `app=${app}`]);
  assert.deepEqual(podStates(pods), { Running: replicas });
  const hash = fresh.metadata.labels?.[POD_TEMPLATE_HASH];
  assert.deepEqual(pods.filter((p) => p.metadata.labels?.[POD_TEMPLATE_HASH] !== hash).map((p) => p.metadata.name), []);
  assert.deepEqual(pods.filter((p) => !p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).map((p) => p.metadata.name), []);
  assert.deepEqual(orphans(pods, sets), []);
  assert.deepEqual(pods.filter((p) => !p.status?.podIP).map((p) => p.metadata.name), []);
  assert.deepEqual(duplicateIPs(pods), []);
}
