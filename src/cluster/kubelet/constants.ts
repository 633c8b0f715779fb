// Names the simulated kubelet writes, in one place.

/** Node annotation naming the simulated kubelet (cluster) that runs the node. */
export const SIMULATED_BY_ANNOTATION = 'lkind.x-k8s.io/simulated-by';
/** Namespace of node leases, as in kube. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
/** Renew at a quarter of the lease duration, as the kubelet does (10 s of 40). */
export const LEASE_RENEW_MS = 10_000;
/** How often node status is re-posted while nothing changes (heartbeat). */
export const NODE_STATUS_REPORT_MS = 60_000;
export const KUBELET_COMPONENT = 'kubelet';

/**
 * Image repositories the kubelet runs as real host processes instead of simulating (ADR 0009): liqo-ts's
 * own image, any tag. LKIND_PROCESS_IMAGES (comma-separated repositories) replaces the list.
 */
export const PROCESS_IMAGE_REPOSITORIES = ['ghcr.io/liqo-ts/liqo'];
/** The image's ENTRYPOINT, as its Dockerfile says; /app is the repository root on the host. */
export const PROCESS_IMAGE_ENTRYPOINT = ['node', '/app/bin/liqo.mjs'];
/** The image's WORKDIR, where the repository is: served from the repository root. */
export const PROCESS_IMAGE_WORKDIR = '/app';
/** kubelet's crash-loop back-off: 10 s doubling to 5 min (LKIND_CRASHLOOP_BACKOFF_SECONDS sets the first step). */
export const CRASHLOOP_BACKOFF_INITIAL_MS = 10_000;
export const CRASHLOOP_BACKOFF_MAX_MS = 300_000;
/** Refresh a projected token once 80% of its lifetime has passed, as the kubelet's token manager does. */
export const TOKEN_REFRESH_FRACTION = 0.8;
/** The environment variable carrying a process pod's sandbox description to the shim. */
export const SANDBOX_ENV = 'LKIND_SANDBOX';
export const KUBE_PROXY_COMPONENT = 'kube-proxy';
