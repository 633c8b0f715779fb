// Resource arithmetic of the NodeResourcesFit filter: a pod's effective requests as
// k8s.io/component-helpers/resource PodRequests computes them (max(sum of containers, each init
// container plus the sidecars started before it) + overhead, sidecars = restartPolicy Always init
// containers), node allocatable versus the requests of the pods already on the node, the pod count
// against allocatable `pods`, and extended resources (any name with a `/`, hugepages-*).
// Sums are exact (quantity rationals) and rounded once, as kube rounds the aggregated Quantity.
// Deliberately not here: pod-level resources (alpha in 1.32), in-place resize status, ignored
// extended resources (scheduler args).
import type { Container, Node, Pod, ResourceList } from '../../api/core-v1.js';
import { parseQuantity, toMilli, toValue, type Quantity } from '../../machinery/quantity.js';

export interface Resources { milliCPU: number; memory: number; ephemeralStorage: number; scalar: Record<string, number> }

export interface NodeResources {
  allocatable: Resources;
  allowedPodNumber: number;
  /** Sum of the requests of the pods on the node (what Fit compares against). */
  requested: Resources;
  /** Same, with missing cpu/memory requests counted as 100m/200Mi (what LeastAllocated scores). */
  nonZeroRequested: Resources;
  podCount: number;
}

export interface InsufficientResource { resourceName: string; reason: string; requested: number; used: number; capacity: number }

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;
const NON_MISSING: ResourceList = { cpu: `${DEFAULT_MILLI_CPU_REQUEST}m`, memory: String(DEFAULT_MEMORY_REQUEST) };

/** schedutil.IsScalarResourceName: extended (has a `/`, not `requests.`), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}

type Exact = Map<string, Quantity>;

function add(a: Quantity | undefined, b: Quantity): Quantity {
  return a ? { num: a.num * b.den + b.num * a.den, den: a.den * b.den } : b;
}

function greater(a: Quantity, b: Quantity): boolean {
  return a.num * b.den > b.num * a.den;
}

function addList(acc: Exact, list: Exact): void {
  for (const [k, q] of list) acc.set(k, add(acc.get(k), q));
}

function maxList(acc: Exact, list: Exact): void {
  for (const [k, q] of list) {
    const cur = acc.get(k);
    if (!cur || greater(q, cur)) acc.set(k, q);
  }
}

function toExact(list: ResourceList | undefined): Exact {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, parseQuantity(v)]));
}

/** Requests as the API server's SetDefaults_Pod leaves them: limits fill in missing requests. */
function containerRequests(c: Container, nonZero: boolean): Exact {
  const reqs = toExact({ ...c.resources?.limits, ...c.resources?.requests });
  if (nonZero) for (const [k, v] of Object.entries(NON_MISSING)) if (!reqs.has(k)) reqs.set(k, parseQuantity(v));
  return reqs;
}

function aggregate(pod: Pod, nonZero: boolean): Exact {
  const reqs: Exact = new Map();
  for (const c of pod.spec.containers ?? []) addList(reqs, containerRequests(c, nonZero));
  const sidecars: Exact = new Map();
  const initMax: Exact = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const own = containerRequests(c, nonZero);
    if (c['restartPolicy'] === 'Always') {
      addList(reqs, own);
      addList(sidecars, own);
      maxList(initMax, sidecars);
    } else {
      const whileRunning: Exact = new Map(sidecars);
      addList(whileRunning, own);
      maxList(initMax, whileRunning);
    }
  }
  maxList(reqs, initMax);
  addList(reqs, toExact(pod.spec.overhead));
  return reqs;
}

function toResources(list: Exact): Resources {
  const r: Resources = { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
  for (const [name, q] of list) {
    if (name === 'cpu') r.milliCPU = toMilli(q);
    else if (name === 'memory') r.memory = toValue(q);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = toValue(q);
    else if (isScalarResourceName(name)) r.scalar[name] = toValue(q);
  }
  return r;
}

// Pods from an informer are immutable (an update replaces the object), so a pod's requests are
// parsed once per object, not once per node per scheduling cycle.
const requestsMemo = new WeakMap<Pod, Resources>();
const nonZeroMemo = new WeakMap<Pod, Resources>();

/** A pod's effective requests; `nonZero` counts missing cpu/memory requests as 100m/200Mi. */
export function podRequests(pod: Pod, opts: { nonZero?: boolean } = {}): Resources {
  const memo = opts.nonZero ? nonZeroMemo : requestsMemo;
  let r = memo.get(pod);
  if (!r) memo.set(pod, (r = toResources(aggregate(pod, opts.nonZero ?? false))));
  return r;
}

function sum(items: Resources[]): Resources {
  const total: Resources = { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
  for (const r of items) {
    total.milliCPU += r.milliCPU;
    total.memory += r.memory;
    total.ephemeralStorage += r.ephemeralStorage;
    for (const [k, v] of Object.entries(r.scalar)) total.scalar[k] = (total.scalar[k] ?? 0) + v;
  }
  return total;
}

/** NodeInfo's Allocatable, Requested and NonZeroRequested for a node and the pods bound to it. */
export function nodeResources(node: Node, pods: readonly Pod[]): NodeResources {
  const allocatableList = node.status?.allocatable ?? {};
  return {
    allocatable: toResources(toExact(allocatableList)),
    allowedPodNumber: allocatableList['pods'] === undefined ? 0 : toValue(allocatableList['pods']),
    requested: sum(pods.map((p) => podRequests(p))),
    nonZeroRequested: sum(pods.map((p) => podRequests(p, { nonZero: true }))),
    podCount: pods.length,
  };
}

function shortage(resourceName: string, requested: number, used: number, capacity: number, reason = `Insufficient ${resourceName}`): InsufficientResource {
  return { resourceName, reason, requested, used, capacity };
}

/** fitsRequest: every resource the pod cannot get on the node, in kube's order (scalars by name). */
export function insufficientResources(req: Resources, node: NodeResources): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const { allocatable: alloc, requested: used } = node;
  if (node.podCount + 1 > node.allowedPodNumber) out.push(shortage('pods', 1, node.podCount, node.allowedPodNumber, 'Too many pods'));
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) out.push(shortage('cpu', req.milliCPU, used.milliCPU, alloc.milliCPU));
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) out.push(shortage('memory', req.memory, used.memory, alloc.memory));
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push(shortage('ephemeral-storage', req.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage));
  }
  for (const name of Object.keys(req.scalar).sort()) {
    const want = req.scalar[name]!;
    const have = alloc.scalar[name] ?? 0;
    const taken = used.scalar[name] ?? 0;
    if (want !== 0 && want > have - taken) out.push(shortage(name, want, taken, have));
  }
  return out;
}
