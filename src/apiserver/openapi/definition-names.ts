// Maps @kubernetes/client-node model names (V1Container, DiscoveryV1EndpointPort, V1MicroTime) to the
// definition names kube-apiserver publishes (io.k8s.api.core.v1.Container,
// io.k8s.api.discovery.v1.EndpointPort, io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime), the job
// kube-openapi's DefinitionNamer does from Go package paths. The generated models dropped the package,
// so it is recovered here: a group prefix in the name wins, then the fixed set of meta/v1 types, then
// membership in the closure of a package's kinds (core/v1 first, since every group borrows from
// it), and otherwise the package of the kind being described. It does not build schemas.
import { modelAttributes, type TypeRef } from '../../api/models.js';

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const TIME = `${META}.Time`;
export const MICRO_TIME = `${META}.MicroTime`;
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const PATCH = `${META}.Patch`;

/** meta/v1 types that appear among the generated models, by their unversioned name. */
const META_TYPES = new Set([
  'APIGroup', 'APIGroupList', 'APIResource', 'APIResourceList', 'APIVersions', 'Condition', 'DeleteOptions',
  'FieldSelectorRequirement', 'GroupVersionForDiscovery', 'LabelSelector', 'LabelSelectorRequirement', 'ListMeta',
  'ManagedFieldsEntry', 'MicroTime', 'ObjectMeta', 'OwnerReference', 'Preconditions', 'ServerAddressByClientCIDR',
  'Status', 'StatusCause', 'StatusDetails', 'WatchEvent',
]);

/** Every kind of the core/v1 API: whatever they reach (minus meta) lives in io.k8s.api.core.v1. */
const CORE_KINDS = [
  'V1Binding', 'V1ComponentStatus', 'V1ConfigMap', 'V1Endpoints', 'CoreV1Event', 'V1LimitRange', 'V1Namespace',
  'V1Node', 'V1PersistentVolume', 'V1PersistentVolumeClaim', 'V1Pod', 'V1PodTemplate', 'V1ReplicationController',
  'V1ResourceQuota', 'V1Secret', 'V1Service', 'V1ServiceAccount',
];

/** Kinds outside the served groups that documents still reference (the scale and eviction subresources). */
const BORROWED_KINDS: Record<string, string> = {
  V1Scale: 'autoscaling',
  V1Eviction: 'policy',
  V1CustomResourceDefinition: 'apiextensions',
};

export interface ParsedModelName {
  prefix?: string; // lower-cased group prefix the generator added to disambiguate (core, discovery, ...)
  version: string; // v1, v1beta1
  short: string; // Container
}

export function parseModelName(model: string): ParsedModelName | undefined {
  const m = /^([A-Z][a-z]+)?(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/.exec(model);
  if (!m) return undefined;
  return { ...(m[1] ? { prefix: m[1].toLowerCase() } : {}), version: m[2]!.toLowerCase(), short: m[3]! };
}

/** The Go package (last path element) kube uses for an API group: '' → core, apps → apps, events.k8s.io → events. */
export function packageOfGroup(group: string): string {
  return group === '' ? 'core' : group.split('.')[0]!;
}

function definitionPrefix(pkg: string, version: string): string {
  if (pkg === 'meta') return META;
  if (pkg === 'apiextensions') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  if (pkg === 'apiregistration') return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}`;
  return `io.k8s.api.${pkg}.${version}`;
}

let ownership: Map<string, string> | undefined;

/** Which package owns each model reachable from the core kinds and the borrowed kinds. */
function owners(): Map<string, string> {
  if (ownership) return ownership;
  ownership = new Map();
  const roots: [string, string][] = [
    ...CORE_KINDS.map((k): [string, string] => [k, 'core']),
    ...Object.entries(BORROWED_KINDS),
  ];
  for (const [root, pkg] of roots) claim(root, pkg, ownership);
  return ownership;
}

function claim(model: string, pkg: string, into: Map<string, string>): void {
  if (into.has(model)) return;
  const parsed = parseModelName(model);
  if (!parsed || (!parsed.prefix && META_TYPES.has(parsed.short))) return;
  into.set(model, pkg);
  for (const attr of modelAttributes(model) ?? []) {
    const ref = modelOf(attr.type);
    if (ref) claim(ref, pkg, into);
  }
}

/** The model a type refers to, looking through arrays and maps. */
export function modelOf(type: TypeRef): string | undefined {
  if (type.kind === 'array') return modelOf(type.items);
  if (type.kind === 'map') return modelOf(type.values);
  return type.kind === 'model' ? type.name : undefined;
}

/**
 * The published definition name of a generated model. `contextPackage` is the package of the kind
 * whose schema is being built; it decides for types only that kind's group uses.
 */
export function definitionNameOf(model: string, contextPackage: string): string {
  const parsed = parseModelName(model);
  if (!parsed) return `io.k8s.${model}`;
  if (parsed.prefix) return `${definitionPrefix(parsed.prefix, parsed.version)}.${parsed.short}`;
  if (META_TYPES.has(parsed.short) && parsed.version === 'v1') return `${META}.${parsed.short}`;
  const pkg = owners().get(model) ?? contextPackage;
  return `${definitionPrefix(pkg, parsed.version)}.${parsed.short}`;
}
