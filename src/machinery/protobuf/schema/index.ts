// The schema registry: every table in this folder parsed once at load, plus the top-level kinds a
// client may send, by apiVersion. Only kinds listed here are accepted as request bodies; the other
// messages are reachable only as parts of them. DeleteOptions is accepted in every group version,
// as client-go sends it with the version of the resource being deleted.
import { buildRegistry, type MessageDescriptor } from '../descriptor.js';
import { appsSchema } from './apps.js';
import { authnSchema, authzSchema, certsSchema, rbacSchema } from './auth.js';
import { batchSchema, networkingSchema, schedalphaSchema } from './batch-networking.js';
import { coreSchema } from './core.js';
import { corePodSchema } from './core-pod.js';
import { coreVolumesSchema } from './core-volumes.js';
import { intstrSchema, metaSchema, resourceSchema, runtimeSchema } from './meta.js';
import { autoscalingSchema, coordSchema, discoverySchema, eventsSchema, policySchema, schedulingSchema } from './misc.js';

export const REGISTRY: ReadonlyMap<string, MessageDescriptor> = buildRegistry([
  metaSchema, intstrSchema, resourceSchema, runtimeSchema,
  coreSchema, corePodSchema, coreVolumesSchema, appsSchema,
  rbacSchema, authnSchema, authzSchema, certsSchema,
  batchSchema, schedalphaSchema, networkingSchema,
  policySchema, coordSchema, autoscalingSchema, schedulingSchema, eventsSchema, discoverySchema,
]);

/** apiVersion → schema package and the kinds that may be sent as a whole request body. */
export const KINDS: Readonly<Record<string, { package: string; kinds: readonly string[] }>> = {
  v1: {
    package: 'core',
    kinds: ['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Service', 'Pod', 'Endpoints', 'Event', 'Node',
      'ResourceQuota', 'LimitRange', 'PersistentVolumeClaim', 'PersistentVolume', 'ReplicationController',
      'PodTemplate', 'Binding'],
  },
  'apps/v1': { package: 'apps', kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision'] },
  'rbac.authorization.k8s.io/v1': { package: 'rbac', kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'] },
  'authentication.k8s.io/v1': { package: 'authn', kinds: ['TokenRequest', 'TokenReview', 'SelfSubjectReview'] },
  'authorization.k8s.io/v1': {
    package: 'authz',
    kinds: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'LocalSubjectAccessReview'],
  },
  'certificates.k8s.io/v1': { package: 'certs', kinds: ['CertificateSigningRequest'] },
  'policy/v1': { package: 'policy', kinds: ['Eviction', 'PodDisruptionBudget'] },
  'coordination.k8s.io/v1': { package: 'coord', kinds: ['Lease'] },
  'autoscaling/v1': { package: 'autoscaling', kinds: ['Scale', 'HorizontalPodAutoscaler'] },
  'scheduling.k8s.io/v1': { package: 'scheduling', kinds: ['PriorityClass'] },
  'batch/v1': { package: 'batch', kinds: ['Job', 'CronJob'] },
  'networking.k8s.io/v1': { package: 'networking', kinds: ['Ingress', 'IngressClass', 'NetworkPolicy'] },
  'events.k8s.io/v1': { package: 'events', kinds: ['Event'] },
  'discovery.k8s.io/v1': { package: 'discovery', kinds: ['EndpointSlice'] },
  'meta.k8s.io/v1': { package: 'meta', kinds: ['DeleteOptions'] },
};

/** The message of a top-level kind, or undefined when this server has no protobuf schema for it. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  const group = KINDS[apiVersion];
  if (!group) return undefined;
  if (kind === 'DeleteOptions') return 'meta.DeleteOptions';
  return group.kinds.includes(kind) ? `${group.package}.${kind}` : undefined;
}
