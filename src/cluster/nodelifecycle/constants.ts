// Taints and timings of node lifecycle, as kube-controller-manager names them.
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
/**
 * How long a node may go without a lease renewal or status before it is Unknown (kube 1.32's
 * --node-monitor-grace-period: 40 s; LKIND_NODE_MONITOR_GRACE_SECONDS changes it).
 */
export const NODE_MONITOR_GRACE_MS = 40_000;
/** How often node health is checked (nodeMonitorPeriod). */
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_CONTROLLER_COMPONENT = 'node-controller';
