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
