// The default ClusterRoles and ClusterRoleBindings kube-apiserver's RBAC bootstrap policy
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy) writes on start, limited to the roles a user of
// kubectl meets: cluster-admin, the aggregated admin/edit/view with the system:aggregate-to-* roles
// that feed them, and the discovery/basic-user/public-info roles every client needs. Rules name
// only the API groups this server serves (or is about to), with verbs and resources sorted as the
// upstream rule builder sorts them. Pure data: the caller ensures the objects exist.
import type { KubeObject } from '../../api/types.js';
import type { PolicyRule } from './rbac-authorizer.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const BOOTSTRAP_LABELS: Readonly<Record<string, string>> = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';
export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function rule(verbs: string[], apiGroups: string[], resources: string[]): PolicyRule {
  return { verbs: [...verbs], apiGroups: [...apiGroups], resources: [...resources] };
}

function urls(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs: [...verbs], nonResourceURLs: [...nonResourceURLs] };
}

function meta(name: string, extraLabels: Record<string, string> = {}) {
  return {
    name,
    labels: { ...BOOTSTRAP_LABELS, ...extraLabels },
    annotations: { [AUTOUPDATE_ANNOTATION]: 'true' },
  };
}

function clusterRole(name: string, rules: PolicyRule[], extraLabels: Record<string, string> = {}): KubeObject {
  return { apiVersion: `${RBAC_GROUP}/v1`, kind: 'ClusterRole', metadata: meta(name, extraLabels), rules };
}

function aggregatedRole(name: string, selectLabel: string, extraLabels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: `${RBAC_GROUP}/v1`, kind: 'ClusterRole', metadata: meta(name, extraLabels),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [selectLabel]: 'true' } }] },
    rules: [],
  };
}

function aggregateToAdminRules(): PolicyRule[] {
  return [
    rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
    rule(READ_WRITE, [RBAC_GROUP], ['rolebindings', 'roles']),
  ];
}

function aggregateToEditRules(): PolicyRule[] {
  return [
    // Reading these escalates (exec into pods, secrets), so only edit and admin get them.
    rule(READ, [''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
    rule(['impersonate'], [''], ['serviceaccounts']),
    rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
    rule(['create'], [''], ['pods/eviction']),
    rule(WRITE, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers',
      'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
    rule(['create'], [''], ['serviceaccounts/token']),
    rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale',
      'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
    rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
    rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
    rule(WRITE, ['policy'], ['poddisruptionbudgets']),
    rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
    rule(READ_WRITE, ['coordination.k8s.io'], ['leases']),
  ];
}

function aggregateToViewRules(): PolicyRule[] {
  return [
    rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods',
      'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
    rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status',
      'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
    rule(READ, [''], ['namespaces']),
    rule(READ, ['discovery.k8s.io'], ['endpointslices']),
    rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale',
      'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets',
      'statefulsets/scale', 'statefulsets/status']),
    rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
    rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
    rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
    rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
  ];
}

/** The bootstrap ClusterRoles, in the order kube-apiserver declares them. Fresh objects on every call. */
export function forgeBootstrapClusterRoles(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [
      rule(['*'], ['*'], ['*']),
      urls(['*'], ['*']),
    ]),
    clusterRole('system:discovery', [
      urls(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*',
        '/readyz', '/version', '/version/']),
    ]),
    clusterRole('system:basic-user', [
      rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
    ]),
    // For webhooks and extension servers that check callers' tokens and permissions themselves.
    clusterRole('system:auth-delegator', [
      rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    ]),
    clusterRole('system:public-info-viewer', [
      urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/']),
    ]),
    aggregatedRole('admin', AGGREGATE_TO_ADMIN),
    aggregatedRole('edit', AGGREGATE_TO_EDIT, { [AGGREGATE_TO_ADMIN]: 'true' }),
    aggregatedRole('view', AGGREGATE_TO_VIEW, { [AGGREGATE_TO_EDIT]: 'true' }),
    clusterRole('system:aggregate-to-admin', aggregateToAdminRules(), { [AGGREGATE_TO_ADMIN]: 'true' }),
    clusterRole('system:aggregate-to-edit', aggregateToEditRules(), { [AGGREGATE_TO_EDIT]: 'true' }),
    clusterRole('system:aggregate-to-view', aggregateToViewRules(), { [AGGREGATE_TO_VIEW]: 'true' }),
  ];
}

function groupBinding(role: string, groups: string[]): KubeObject {
  return {
    apiVersion: `${RBAC_GROUP}/v1`, kind: 'ClusterRoleBinding', metadata: meta(role),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
    subjects: groups.map((name) => ({ apiGroup: RBAC_GROUP, kind: 'Group', name })),
  };
}

/** The bootstrap ClusterRoleBindings (each named after its ClusterRole). Fresh objects on every call. */
export function forgeBootstrapClusterRoleBindings(): KubeObject[] {
  return [
    groupBinding('cluster-admin', ['system:masters']),
    groupBinding('system:discovery', ['system:authenticated']),
    groupBinding('system:basic-user', ['system:authenticated']),
    groupBinding('system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']),
  ];
}
