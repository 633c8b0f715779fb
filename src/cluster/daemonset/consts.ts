// Names, labels and tolerations of the DaemonSet controller, as kube-controller-manager 1.32 uses
// them (pkg/controller/daemon, pkg/controller/daemon/util, k8s.io/api well-known taints).
import type { Toleration } from '../../api/core-v1.js';

export const DAEMONSET_COMPONENT = 'daemonset-controller';
/** Deprecated but still set on every daemon pod: the DaemonSet's generation it was made from. */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const DAEMONSET_WORKERS = 2;

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods survive node problems and run on unschedulable
 * nodes; the network-unavailable one only for hostNetwork pods.
 */
export const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
export const HOST_NETWORK_TOLERATION: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };
