// What an empty Go object of a built-in kind looks like once serialized: struct-valued fields are
// always present (`spec: {}`), and slices/maps declared without omitempty appear as null
// (`containers: null`). The field manager compares objects in that form, which decides whether a
// parent such as `.spec.strategy` counts as "added" (and so gets a `.` entry in managedFields).
// Time values are null too (`creationTimestamp: null` in a pod template). Only fields that change
// that outcome are listed: value structs that are not atomic, non-omitempty granular lists, and
// times outside lists. Other scalar zero values are left out (they never change ownership).
import { isObject, type JsonObject } from './json-value.js';
import { memberType, resolve, type SsaType } from './ssa-schema.js';

type Shape = Record<string, 'struct' | 'null'>;

const WITH_SPEC_STATUS: Shape = { metadata: 'struct', spec: 'struct', status: 'struct' };
const META_ONLY: Shape = { metadata: 'struct' };

const SHAPES: Record<string, Shape> = {
  V1Pod: WITH_SPEC_STATUS,
  V1Service: WITH_SPEC_STATUS,
  V1Namespace: WITH_SPEC_STATUS,
  V1Node: WITH_SPEC_STATUS,
  V1Deployment: WITH_SPEC_STATUS,
  V1ReplicaSet: WITH_SPEC_STATUS,
  V1StatefulSet: WITH_SPEC_STATUS,
  V1DaemonSet: WITH_SPEC_STATUS,
  V1CustomResourceDefinition: WITH_SPEC_STATUS,
  V1PersistentVolumeClaim: WITH_SPEC_STATUS,
  V1ConfigMap: META_ONLY,
  V1Secret: META_ONLY,
  V1ServiceAccount: META_ONLY,
  V1Endpoints: META_ONLY,
  V1EndpointSlice: META_ONLY,
  V1Lease: { metadata: 'struct', spec: 'struct' },
  V1ObjectMeta: { creationTimestamp: 'null' },
  CoreV1Event: { metadata: 'struct', source: 'struct', firstTimestamp: 'null', lastTimestamp: 'null', eventTime: 'null' },
  EventsV1Event: {
    metadata: 'struct', deprecatedSource: 'struct', eventTime: 'null', deprecatedFirstTimestamp: 'null', deprecatedLastTimestamp: 'null',
  },
  V1ServiceStatus: { loadBalancer: 'struct' },
  V1NodeStatus: { daemonEndpoints: 'struct', nodeInfo: 'struct' },
  V1NodeDaemonEndpoints: { kubeletEndpoint: 'struct' },
  V1DeploymentSpec: { template: 'struct', strategy: 'struct' },
  V1ReplicaSetSpec: { template: 'struct' },
  V1StatefulSetSpec: { template: 'struct', updateStrategy: 'struct' },
  V1DaemonSetSpec: { template: 'struct', updateStrategy: 'struct' },
  V1PodTemplateSpec: { metadata: 'struct', spec: 'struct' },
  V1PodSpec: { containers: 'null' },
  V1Container: { resources: 'struct' },
  V1EphemeralContainer: { resources: 'struct' },
  V1PersistentVolumeClaimTemplate: { metadata: 'struct', spec: 'struct' },
  V1PersistentVolumeClaimSpec: { resources: 'struct' },
  V1Endpoint: { addresses: 'null', conditions: 'struct' },
  V1CustomResourceDefinitionSpec: { names: 'struct' },
  V1CustomResourceDefinitionStatus: { conditions: 'null', acceptedNames: 'struct' },
};

/** Whether `field` of built-in struct `model` is a non-pointer struct (serialized as {} when empty). */
export function isValueStruct(model: string | undefined, fieldName: string): boolean {
  return model !== undefined && SHAPES[model]?.[fieldName] === 'struct';
}

function fill(value: unknown, type: SsaType): unknown {
  const t = resolve(type, value);
  if (t.kind === 'list' && Array.isArray(value)) return value.map((item) => fill(item, t.items));
  if (t.kind !== 'map' || !isObject(value) || t.atomic) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const ft = memberType(t, k);
    out[k] = ft ? fill(v, ft) : v;
  }
  const shape = t.model ? SHAPES[t.model] : undefined;
  for (const [k, kind] of Object.entries(shape ?? {})) {
    if (Object.prototype.hasOwnProperty.call(out, k)) continue;
    const ft = memberType(t, k);
    out[k] = kind === 'null' ? null : ft ? fill({}, ft) : {};
  }
  return out;
}

/**
 * The object as Go would serialize it after decoding into its struct: missing value structs are
 * {} and missing non-omitempty lists null. Objects without a built-in model are returned as is.
 */
export function withGoZeroValues(obj: unknown, type: SsaType): unknown {
  return fill(obj, type);
}
