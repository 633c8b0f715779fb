// Names and labels of the StatefulSet controller, as kube-controller-manager 1.32 uses them
// (pkg/controller/statefulset, k8s.io/api apps/v1 well-known labels).
export const STATEFULSET_COMPONENT = 'statefulset-controller';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const STATEFULSET_WORKERS = 2;
