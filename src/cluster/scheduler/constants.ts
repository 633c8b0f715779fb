// Names the scheduler reads and writes.
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** Backoff of a pod that could not be scheduled (kube's podInitialBackoff / podMaxBackoff). */
export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
/** Unschedulable pods are retried at least this often even with no cluster change (kube: 5 min). */
export const UNSCHEDULABLE_FLUSH_MS = 60_000;
/** Bindings in flight at once. */
export const MAX_INFLIGHT_BINDINGS = 64;
