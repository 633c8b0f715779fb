// Merge metadata of the built-in kinds' fields, keyed by generated model name (models.ts) and wire
// field name: the Go struct tags `patchStrategy` / `patchMergeKey` (strategic merge patch) and the
// `+listType` / `+listMapKey` / `+mapType` / `+structType` markers (server-side apply, and the
// x-kubernetes-* extensions of the OpenAPI documents), as k8s.io/api 1.32 declares them.
// Strategic merge patch reads only strategy and merge key; server-side apply reads the list and
// map types, and for lists without a list type falls back to the patch strategy exactly like
// kube-openapi's schemaconv does (see listSemantics). Fields absent here have no metadata: their
// lists are replaced by SMP and atomic for SSA.
// It does not describe CRD schemas (their x-kubernetes-* extensions are read from the schema itself).

export interface FieldPatchMeta {
  /** patchStrategy tag: 'merge', 'retainKeys', 'merge,retainKeys' or 'replace'. */
  strategy?: string;
  /** patchMergeKey tag. */
  mergeKey?: string;
  /** +listType marker (x-kubernetes-list-type). */
  listType?: 'atomic' | 'set' | 'map';
  /** +listMapKey markers (x-kubernetes-list-map-keys), in declaration order. */
  listMapKeys?: string[];
  /** +mapType=atomic on a map field (x-kubernetes-map-type). */
  mapType?: 'atomic';
}

const ATOMIC: FieldPatchMeta = { listType: 'atomic' };
const SET: FieldPatchMeta = { listType: 'set' };

/** A list merged by one key for SMP whose SSA map keys are `keys` (often the same single key). */
function byKey(mergeKey: string, keys: string[] = [mergeKey], strategy = 'merge'): FieldPatchMeta {
  return { strategy, mergeKey, listType: 'map', listMapKeys: keys };
}

const CONDITIONS = { conditions: byKey('type') };

function atomicLists(...fields: string[]): Record<string, FieldPatchMeta> {
  return Object.fromEntries(fields.map((f) => [f, ATOMIC]));
}

const CONTAINER: Record<string, FieldPatchMeta> = {
  ...atomicLists('command', 'args', 'envFrom', 'resizePolicy'),
  ports: byKey('containerPort', ['containerPort', 'protocol']),
  env: byKey('name'),
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
};

const TABLE: Record<string, Record<string, FieldPatchMeta>> = {
  // meta/v1
  V1ObjectMeta: {
    ownerReferences: byKey('uid'),
    finalizers: { strategy: 'merge', listType: 'set' },
    managedFields: ATOMIC,
  },
  V1LabelSelector: atomicLists('matchExpressions'),
  V1LabelSelectorRequirement: atomicLists('values'),
  V1FieldSelectorRequirement: atomicLists('values'),
  V1StatusDetails: atomicLists('causes'),
  // Status.details is a struct, yet Go declares it +listType=atomic; kept so OpenAPI matches.
  V1Status: atomicLists('details'),
  V1DeleteOptions: atomicLists('dryRun'),
  V1APIGroup: atomicLists('versions', 'serverAddressByClientCIDRs'),
  V1APIGroupList: atomicLists('groups'),
  V1APIResource: atomicLists('shortNames', 'categories'),
  V1APIResourceList: atomicLists('resources'),
  V1APIVersions: atomicLists('versions', 'serverAddressByClientCIDRs'),

  // core/v1: pods and their templates
  V1PodSpec: {
    volumes: byKey('name', ['name'], 'merge,retainKeys'),
    initContainers: byKey('name'),
    containers: byKey('name'),
    ephemeralContainers: byKey('name'),
    imagePullSecrets: byKey('name'),
    hostAliases: byKey('ip'),
    topologySpreadConstraints: byKey('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
    schedulingGates: byKey('name'),
    resourceClaims: byKey('name', ['name'], 'merge,retainKeys'),
    ...atomicLists('tolerations', 'readinessGates'),
    nodeSelector: { mapType: 'atomic' },
  },
  V1Container: CONTAINER,
  V1EphemeralContainer: CONTAINER,
  V1PodStatus: {
    ...CONDITIONS,
    // hostIPs carries SMP tags but an explicit atomic list type, which wins for SSA.
    hostIPs: { strategy: 'merge', mergeKey: 'ip', listType: 'atomic' },
    podIPs: byKey('ip'),
    ...atomicLists('initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses'),
    resourceClaimStatuses: byKey('name', ['name'], 'merge,retainKeys'),
  },
  V1ContainerStatus: { volumeMounts: byKey('mountPath'), allocatedResourcesStatus: byKey('name') },
  V1ResourceStatus: { resources: { listType: 'map', listMapKeys: ['resourceID'] } },
  V1ResourceRequirements: { claims: { listType: 'map', listMapKeys: ['name'] } },
  V1LinuxContainerUser: atomicLists('supplementalGroups'),
  V1PodSecurityContext: atomicLists('supplementalGroups', 'sysctls'),
  V1PodDNSConfig: atomicLists('nameservers', 'searches', 'options'),
  V1HostAlias: atomicLists('hostnames'),
  V1TopologySpreadConstraint: atomicLists('matchLabelKeys'),
  V1Capabilities: atomicLists('add', 'drop'),
  V1ExecAction: atomicLists('command'),
  V1HTTPGetAction: atomicLists('httpHeaders'),
  V1NodeAffinity: atomicLists('preferredDuringSchedulingIgnoredDuringExecution'),
  V1PodAffinity: atomicLists('requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'),
  V1PodAntiAffinity: atomicLists('requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'),
  V1PodAffinityTerm: atomicLists('namespaces', 'matchLabelKeys', 'mismatchLabelKeys'),
  V1NodeSelector: atomicLists('nodeSelectorTerms'),
  V1NodeSelectorTerm: atomicLists('matchExpressions', 'matchFields'),
  V1NodeSelectorRequirement: atomicLists('values'),
  V1TopologySelectorTerm: atomicLists('matchLabelExpressions'),
  V1TopologySelectorLabelRequirement: atomicLists('values'),

  // core/v1: volume sources
  V1SecretVolumeSource: atomicLists('items'),
  V1SecretProjection: atomicLists('items'),
  V1ConfigMapVolumeSource: atomicLists('items'),
  V1ConfigMapProjection: atomicLists('items'),
  V1DownwardAPIVolumeSource: atomicLists('items'),
  V1DownwardAPIProjection: atomicLists('items'),
  V1ProjectedVolumeSource: atomicLists('sources'),
  V1RBDVolumeSource: atomicLists('monitors'),
  V1RBDPersistentVolumeSource: atomicLists('monitors'),
  V1CephFSVolumeSource: atomicLists('monitors'),
  V1CephFSPersistentVolumeSource: atomicLists('monitors'),
  V1ISCSIVolumeSource: atomicLists('portals'),
  V1ISCSIPersistentVolumeSource: atomicLists('portals'),
  V1FCVolumeSource: atomicLists('targetWWNs', 'wwids'),
  V1PersistentVolumeSpec: atomicLists('accessModes', 'mountOptions'),
  V1PersistentVolumeClaimSpec: atomicLists('accessModes'),
  V1PersistentVolumeClaimStatus: { ...atomicLists('accessModes'), ...CONDITIONS },

  // core/v1: other kinds
  V1ServiceSpec: {
    ports: byKey('port', ['port', 'protocol']),
    selector: { mapType: 'atomic' },
    ...atomicLists('clusterIPs', 'externalIPs', 'loadBalancerSourceRanges', 'ipFamilies'),
  },
  V1ServiceStatus: CONDITIONS,
  V1LoadBalancerStatus: atomicLists('ingress'),
  V1LoadBalancerIngress: atomicLists('ports'),
  V1ServiceAccount: { secrets: byKey('name'), imagePullSecrets: ATOMIC },
  V1Endpoints: atomicLists('subsets'),
  V1EndpointSubset: atomicLists('addresses', 'notReadyAddresses', 'ports'),
  V1NodeSpec: { podCIDRs: { strategy: 'merge', listType: 'set' }, taints: ATOMIC },
  V1NodeStatus: {
    ...CONDITIONS,
    addresses: byKey('type'),
    ...atomicLists('images', 'volumesInUse', 'volumesAttached', 'runtimeHandlers'),
  },
  V1ContainerImage: atomicLists('names'),
  V1NamespaceSpec: atomicLists('finalizers'),
  V1NamespaceStatus: CONDITIONS,
  V1ReplicationControllerSpec: { selector: { mapType: 'atomic' } },
  V1ReplicationControllerStatus: CONDITIONS,
  V1ComponentStatus: CONDITIONS,
  V1LimitRangeSpec: atomicLists('limits'),
  V1ResourceQuotaSpec: atomicLists('scopes'),
  V1ScopeSelector: atomicLists('matchExpressions'),
  V1ScopedResourceSelectorRequirement: atomicLists('values'),

  // apps/v1
  V1DeploymentSpec: { strategy: { strategy: 'retainKeys' } },
  V1DeploymentStatus: CONDITIONS,
  V1ReplicaSetStatus: CONDITIONS,
  V1DaemonSetStatus: CONDITIONS,
  V1StatefulSetSpec: atomicLists('volumeClaimTemplates'),
  V1StatefulSetStatus: CONDITIONS,

  // discovery.k8s.io/v1, node.k8s.io/v1
  V1EndpointSlice: atomicLists('endpoints', 'ports'),
  V1Endpoint: { addresses: SET },
  V1EndpointHints: atomicLists('forZones'),
  V1Scheduling: { nodeSelector: { mapType: 'atomic' } },

  // batch/v1
  V1JobStatus: { conditions: { strategy: 'merge', mergeKey: 'type', listType: 'atomic' } },
  V1UncountedTerminatedPods: { succeeded: SET, failed: SET },
  V1PodFailurePolicy: atomicLists('rules'),
  V1PodFailurePolicyRule: atomicLists('onPodConditions'),
  V1PodFailurePolicyOnExitCodesRequirement: { values: SET },
  V1SuccessPolicy: atomicLists('rules'),
  V1CronJobStatus: atomicLists('active'),

  // networking.k8s.io/v1, rbac.authorization.k8s.io/v1, policy/v1
  V1NetworkPolicySpec: atomicLists('ingress', 'egress', 'policyTypes'),
  V1NetworkPolicyIngressRule: atomicLists('ports', 'from'),
  V1NetworkPolicyEgressRule: atomicLists('ports', 'to'),
  V1IPBlock: atomicLists('except'),
  V1IngressSpec: atomicLists('tls', 'rules'),
  V1IngressTLS: atomicLists('hosts'),
  V1IngressLoadBalancerStatus: atomicLists('ingress'),
  V1IngressLoadBalancerIngress: atomicLists('ports'),
  V1HTTPIngressRuleValue: atomicLists('paths'),
  V1PolicyRule: atomicLists('verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'),
  V1Role: atomicLists('rules'),
  V1ClusterRole: atomicLists('rules'),
  V1AggregationRule: atomicLists('clusterRoleSelectors'),
  V1RoleBinding: atomicLists('subjects'),
  V1ClusterRoleBinding: atomicLists('subjects'),
  V1PodDisruptionBudgetSpec: { selector: { strategy: 'replace' } },
  V1PodDisruptionBudgetStatus: CONDITIONS,

  // apiextensions.k8s.io/v1
  V1CustomResourceDefinitionSpec: atomicLists('versions'),
  V1CustomResourceDefinitionVersion: atomicLists('additionalPrinterColumns', 'selectableFields'),
  V1CustomResourceDefinitionNames: atomicLists('shortNames', 'categories'),
  V1CustomResourceDefinitionStatus: { conditions: { listType: 'map', listMapKeys: ['type'] }, storedVersions: ATOMIC },
  V1WebhookConversion: atomicLists('conversionReviewVersions'),
  V1JSONSchemaProps: {
    ...atomicLists('enum', 'required', 'allOf', 'oneOf', 'anyOf', 'x-kubernetes-list-map-keys'),
    'x-kubernetes-validations': byKey('rule'),
  },
};

/** Every (model, field) with metadata, for builders that emit it wholesale (OpenAPI). */
export function patchMetaEntries(): [string, string, FieldPatchMeta][] {
  return Object.entries(TABLE).flatMap(([model, fields]) => Object.keys(fields).map((f): [string, string, FieldPatchMeta] => [model, f, fieldPatchMeta(model, f)!]));
}

/** Structs marked +structType=atomic (x-kubernetes-map-type: atomic): replaced as a whole by SSA. */
const ATOMIC_MODELS = new Set([
  'V1LabelSelector', 'V1OwnerReference', 'V1ObjectReference', 'V1LocalObjectReference',
  'V1TypedLocalObjectReference', 'V1SecretReference', 'V1ObjectFieldSelector', 'V1ResourceFieldSelector',
  'V1ConfigMapKeySelector', 'V1SecretKeySelector', 'V1NodeSelector', 'V1NodeSelectorTerm',
  'V1TopologySelectorTerm', 'V1EndpointAddress', 'CoreV1EndpointPort', 'DiscoveryV1EndpointPort',
  'V1ScopeSelector', 'V1CrossVersionObjectReference', 'V1ServiceBackendPort', 'RbacV1Subject', 'V1RoleRef',
]);

/** Field defaults (+default) that matter to SSA because they fill in omitted list-map keys. */
const KEY_DEFAULTS: Record<string, Record<string, unknown>> = {
  V1ContainerPort: { protocol: 'TCP' },
  V1ServicePort: { protocol: 'TCP' },
};

export function fieldPatchMeta(modelName: string, field: string): FieldPatchMeta | undefined {
  const meta = TABLE[modelName]?.[field];
  return meta ? { ...meta, ...(meta.listMapKeys ? { listMapKeys: [...meta.listMapKeys] } : {}) } : undefined;
}

export function isAtomicModel(modelName: string): boolean {
  return ATOMIC_MODELS.has(modelName);
}

/** The OpenAPI default of a list-map key field (e.g. V1ContainerPort.protocol = "TCP"). */
export function keyFieldDefault(modelName: string, field: string): unknown {
  return KEY_DEFAULTS[modelName]?.[field];
}

export type ListSemantics =
  | { type: 'atomic' }
  | { type: 'set' }
  | { type: 'map'; keys: string[] };

/**
 * How server-side apply treats a list field: the explicit list type when there is one, otherwise
 * derived from the patch strategy (merge with a key = map, merge without = set), else atomic.
 */
export function listSemantics(meta: FieldPatchMeta | undefined): ListSemantics {
  if (meta?.listType === 'map') return { type: 'map', keys: meta.listMapKeys ?? [] };
  if (meta?.listType) return { type: meta.listType };
  const strategies = (meta?.strategy ?? '').split(',');
  if (strategies.includes('merge')) return meta?.mergeKey ? { type: 'map', keys: [meta.mergeKey] } : { type: 'set' };
  return { type: 'atomic' };
}
