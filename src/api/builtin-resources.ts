// The built-in resources this API server serves, with the discovery facts kube-apiserver 1.32
// publishes for them (short names, categories, verbs, subresources).
import type { ResourceInfo, Verb } from './resource-info.js';

const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Spec {
  group?: string;
  version?: string;
  resource: string;
  kind: string;
  namespaced?: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: Verb[];
  subresources?: string[];
}

function define(spec: Spec): ResourceInfo {
  return {
    group: spec.group ?? '',
    version: spec.version ?? 'v1',
    resource: spec.resource,
    singular: spec.kind.toLowerCase(),
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    namespaced: spec.namespaced ?? true,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    verbs: spec.verbs ?? ALL_VERBS,
    subresources: spec.subresources ?? [],
  };
}

export const BUILTIN_RESOURCES: readonly ResourceInfo[] = [
  define({ resource: 'configmaps', kind: 'ConfigMap', shortNames: ['cm'] }),
  define({ resource: 'endpoints', kind: 'Endpoints', shortNames: ['ep'] }),
  define({ resource: 'events', kind: 'Event', shortNames: ['ev'] }),
  define({
    resource: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['finalize', 'status'],
  }),
  define({ resource: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], subresources: ['status'] }),
  define({
    resource: 'pods', kind: 'Pod', shortNames: ['po'], categories: ['all'],
    subresources: ['binding', 'log', 'status'],
  }),
  define({ resource: 'secrets', kind: 'Secret' }),
  define({ resource: 'serviceaccounts', kind: 'ServiceAccount', shortNames: ['sa'], subresources: ['token'] }),
  define({
    resource: 'services', kind: 'Service', shortNames: ['svc'], categories: ['all'], subresources: ['status'],
  }),
  define({ group: 'apps', resource: 'controllerrevisions', kind: 'ControllerRevision' }),
  define({
    group: 'apps', resource: 'daemonsets', kind: 'DaemonSet', shortNames: ['ds'], categories: ['all'],
    subresources: ['status'],
  }),
  define({
    group: 'apps', resource: 'deployments', kind: 'Deployment', shortNames: ['deploy'], categories: ['all'],
    subresources: ['scale', 'status'],
  }),
  define({
    group: 'apps', resource: 'replicasets', kind: 'ReplicaSet', shortNames: ['rs'], categories: ['all'],
    subresources: ['scale', 'status'],
  }),
  define({
    group: 'apps', resource: 'statefulsets', kind: 'StatefulSet', shortNames: ['sts'], categories: ['all'],
    subresources: ['scale', 'status'],
  }),
  define({ group: 'batch', resource: 'jobs', kind: 'Job', categories: ['all'], subresources: ['status'] }),
  define({ group: 'coordination.k8s.io', resource: 'leases', kind: 'Lease' }),
  define({ group: 'discovery.k8s.io', resource: 'endpointslices', kind: 'EndpointSlice' }),
  define({ group: 'events.k8s.io', resource: 'events', kind: 'Event', shortNames: ['ev'] }),
  define({
    group: 'certificates.k8s.io', resource: 'certificatesigningrequests', kind: 'CertificateSigningRequest',
    namespaced: false, shortNames: ['csr'], subresources: ['approval', 'status'],
  }),
  define({ group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false }),
  define({ group: 'rbac.authorization.k8s.io', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false }),
  define({ group: 'rbac.authorization.k8s.io', resource: 'rolebindings', kind: 'RoleBinding' }),
  define({ group: 'rbac.authorization.k8s.io', resource: 'roles', kind: 'Role' }),
  // Identity questions (`kubectl auth whoami`, token checks): create-only, never stored.
  define({ group: 'authentication.k8s.io', resource: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: ['create'] }),
  define({ group: 'authentication.k8s.io', resource: 'tokenreviews', kind: 'TokenReview', namespaced: false, verbs: ['create'] }),
  // Access reviews are create-only questions answered by the authorizer, never stored.
  define({ group: 'authorization.k8s.io', resource: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', verbs: ['create'] }),
  define({ group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'] }),
  define({ group: 'authorization.k8s.io', resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create'] }),
  define({ group: 'authorization.k8s.io', resource: 'subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, verbs: ['create'] }),
  define({
    group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', kind: 'MutatingWebhookConfiguration',
    namespaced: false, categories: ['api-extensions'],
  }),
  define({
    group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', kind: 'ValidatingWebhookConfiguration',
    namespaced: false, categories: ['api-extensions'],
  }),
  define({
    group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition',
    namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: ['status'],
  }),
];

/** Group order of `kubectl api-resources` / `/apis` on kube-apiserver (core first, then by priority). */
export const GROUP_ORDER = [
  '', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'batch', 'certificates.k8s.io', 'rbac.authorization.k8s.io',
  'admissionregistration.k8s.io', 'apiextensions.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io',
];
