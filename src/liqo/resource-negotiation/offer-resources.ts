// What a provider offers a consumer (reference §4.6, Liqo's local resource monitor): the
// allocatable resources of its Ready, real nodes minus what the pods bound to them request, scaled
// by the sharing percentage. Pods this very consumer offloaded here (ShadowPod pods of its origin)
// are not counted as used: those resources are the consumer's already, and subtracting them would
// shrink its virtual node each time it uses it. Whether a changed figure is worth a new offer is
// decided with the update threshold (5% by default). Pure.
// Not here: extended resources, images and storage classes in the offer, the external resource
// plugin (gRPC) upstream can put in place of this computation.
import type { Container, Node, Pod, ResourceList } from '../../api/core-v1.js';
import { toMilli, toValue } from '../../machinery/quantity.js';
import { MANAGED_BY_LABEL, MANAGED_BY_SHADOWPOD, REFLECTION_ORIGIN_LABEL, VIRTUAL_NODE_TYPE, VIRTUAL_NODE_TYPE_LABEL } from '../consts.js';

/** The resources an offer carries, in the order `kubectl get -o yaml` shows them. */
export const OFFERED_RESOURCES = ['cpu', 'ephemeral-storage', 'memory', 'pods'] as const;
export type OfferedResource = (typeof OFFERED_RESOURCES)[number];

/** Amounts in integer units: millicores for cpu, bytes for memory and storage, a count for pods. */
export type Amounts = Record<OfferedResource, number>;

/** Upstream's offerUpdateThresholdPercentage default. */
export const OFFER_UPDATE_THRESHOLD_PERCENT = 5;

const zero = (): Amounts => ({ cpu: 0, 'ephemeral-storage': 0, memory: 0, pods: 0 });

function amountOf(name: OfferedResource, q: string | number | undefined): number {
  if (q === undefined || q === '') return 0;
  const s = String(q);
  return name === 'cpu' ? toMilli(s) : toValue(s);
}

export function toAmounts(list: ResourceList | undefined): Amounts {
  const a = zero();
  for (const name of OFFERED_RESOURCES) a[name] = amountOf(name, list?.[name]);
  return a;
}

function containersTotal(containers: readonly Container[] | undefined): Amounts {
  const total = zero();
  for (const c of containers ?? []) {
    const r = toAmounts(c.resources?.requests);
    for (const name of OFFERED_RESOURCES) total[name] += r[name];
  }
  return total;
}

/** A pod's effective requests, as the scheduler counts them: max(sum of containers, each init container) + overhead; one pod. */
export function podRequests(pod: Pod): Amounts {
  const total = containersTotal(pod.spec.containers);
  for (const init of pod.spec.initContainers ?? []) {
    const r = toAmounts(init.resources?.requests);
    for (const name of OFFERED_RESOURCES) total[name] = Math.max(total[name], r[name]);
  }
  const overhead = toAmounts(pod.spec.overhead);
  for (const name of OFFERED_RESOURCES) total[name] += overhead[name];
  total.pods = 1;
  return total;
}

export function isVirtualNode(node: Node): boolean {
  return node.metadata.labels?.[VIRTUAL_NODE_TYPE_LABEL] === VIRTUAL_NODE_TYPE;
}

export function isNodeReady(node: Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function isTerminated(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** A pod the consumer offloaded here through a ShadowPod: its resources belong to that consumer. */
export function isOffloadedBy(pod: Pod, consumerID: string): boolean {
  const l = pod.metadata.labels ?? {};
  return l[MANAGED_BY_LABEL] === MANAGED_BY_SHADOWPOD && l[REFLECTION_ORIGIN_LABEL] === consumerID;
}

/** The free amounts of the cluster for one consumer, before the sharing percentage. */
export function freeAmounts(nodes: readonly Node[], pods: readonly Pod[], consumerID: string): Amounts {
  const free = zero();
  const usable = new Set<string>();
  for (const node of nodes) {
    if (isVirtualNode(node) || !isNodeReady(node)) continue;
    usable.add(node.metadata.name ?? '');
    const a = toAmounts(node.status?.allocatable);
    for (const name of OFFERED_RESOURCES) free[name] += a[name];
  }
  for (const pod of pods) {
    if (!pod.spec.nodeName || !usable.has(pod.spec.nodeName) || isTerminated(pod) || isOffloadedBy(pod, consumerID)) continue;
    const r = podRequests(pod);
    for (const name of OFFERED_RESOURCES) free[name] -= r[name];
  }
  for (const name of OFFERED_RESOURCES) free[name] = Math.max(0, free[name]);
  return free;
}

const KI = 1024;
const BINARY_SUFFIXES: [string, number][] = [['Ti', KI ** 4], ['Gi', KI ** 3], ['Mi', KI ** 2], ['Ki', KI]];

/** Bytes, rounded down to a whole Ki, with the largest binary suffix that divides them (90Gi, 7038968Ki). */
export function formatBytes(bytes: number): string {
  const ki = Math.floor(bytes / KI) * KI;
  if (ki === 0) return '0';
  for (const [suffix, size] of BINARY_SUFFIXES) if (ki % size === 0) return `${ki / size}${suffix}`;
  return String(ki);
}

/** Millicores as Kubernetes writes them: whole cores plainly (4), otherwise in m (3600m). */
export function formatMilli(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

export function toResourceList(a: Amounts): ResourceList {
  return {
    cpu: formatMilli(a.cpu), 'ephemeral-storage': formatBytes(a['ephemeral-storage']), memory: formatBytes(a.memory), pods: String(a.pods),
  };
}

/** The offer's resourceQuota.hard: the free amounts times the sharing percentage, rounded down. */
export function offeredResources(nodes: readonly Node[], pods: readonly Pod[], consumerID: string, sharingPercentage: number): ResourceList {
  const free = freeAmounts(nodes, pods, consumerID);
  const share = zero();
  for (const name of OFFERED_RESOURCES) share[name] = Math.floor((free[name] * sharingPercentage) / 100);
  return toResourceList(share);
}

/** Whether an offer of `current` should become `desired`: a resource appeared, went, or moved by more than the threshold. */
export function offerChanged(current: ResourceList | undefined, desired: ResourceList, thresholdPercent = OFFER_UPDATE_THRESHOLD_PERCENT): boolean {
  const names = new Set([...Object.keys(current ?? {}), ...Object.keys(desired)]);
  for (const name of names) {
    const was = current?.[name];
    const will = desired[name];
    if (was === undefined || will === undefined) return true;
    const unit = name === 'cpu' ? toMilli : toValue;
    const [a, b] = [unit(String(was)), unit(String(will))];
    if (a === 0 ? b !== 0 : (Math.abs(b - a) * 100) / a > thresholdPercent) return true;
  }
  return false;
}
