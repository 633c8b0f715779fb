// The schema vocabulary shared by the OpenAPI builders (a schema is plain JSON; the two flavours differ
// in where definitions live and how a reference carries siblings), plus the apimachinery types that
// have no generated model: Time, MicroTime, IntOrString, Quantity and Patch. Their v3 shapes follow
// what kube-openapi emits for OpenAPIV3OneOfTypes (oneOf, no type) and their v2 shapes the older
// type/format pair. The descriptions are ours.
import { INT_OR_STRING, MICRO_TIME, PATCH, QUANTITY, TIME } from './definition-names.js';

export type Schema = { [key: string]: unknown };

/** v3: `#/components/schemas/`, siblings of $ref moved under allOf; v2: `#/definitions/`, siblings kept. */
export type Flavor = 'v3' | 'v2';

export function refTo(name: string, flavor: Flavor): Schema {
  return { $ref: `${flavor === 'v3' ? '#/components/schemas/' : '#/definitions/'}${name}` };
}

/**
 * A reference with extra keywords (description, patch extensions). OpenAPI 3.0 ignores siblings of
 * $ref, so kube-openapi wraps the reference in a single-element allOf; kubectl's explain templates
 * and strategic-merge lookups both look through that allOf.
 */
export function refWith(name: string, siblings: Schema, flavor: Flavor): Schema {
  const ref = refTo(name, flavor);
  if (Object.keys(siblings).length === 0) return ref;
  return flavor === 'v3' ? { ...siblings, allOf: [ref] } : { ...ref, ...siblings };
}

const DESCRIPTIONS: Record<string, string> = {
  [TIME]: 'Time is a point in time, serialized as an RFC 3339 string in UTC with second precision.',
  [MICRO_TIME]: 'MicroTime is a point in time with microsecond precision, serialized as an RFC 3339 string.',
  [INT_OR_STRING]: 'IntOrString holds either an int32 or a string; JSON and YAML carry whichever it holds, so a field can take a number or a name.',
  [QUANTITY]: 'Quantity is a fixed-point number with an optional suffix: a binary SI (Ki, Mi, Gi, Ti, Pi, Ei), a decimal SI (m, k, M, G, T, P, E) or a decimal exponent (e3, E6). Examples: 100m, 1.5Gi, 2e3. It is serialized in canonical form, as a string.',
  [PATCH]: 'Patch carries a patch document for a PATCH request; its format is given by the request Content-Type.',
};

/** The schema of a well-known non-model type, or undefined when `name` is none of them. */
export function wellKnownSchema(name: string, flavor: Flavor): Schema | undefined {
  const description = DESCRIPTIONS[name];
  if (description === undefined) return undefined;
  switch (name) {
    case TIME:
    case MICRO_TIME:
      return { description, type: 'string', format: 'date-time' };
    case INT_OR_STRING:
      return flavor === 'v3'
        ? { description, format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] }
        : { description, type: 'string', format: 'int-or-string' };
    case QUANTITY:
      return flavor === 'v3'
        ? { description, oneOf: [{ type: 'string' }, { type: 'number' }] }
        : { description, type: 'string' };
    default:
      return { description, type: 'object' };
  }
}

/** Fields the generated models type as plain strings but kube declares as resource.Quantity. */
const QUANTITY_FIELDS: Record<string, readonly string[]> = {
  V1ContainerStatus: ['allocatedResources'],
  V1EmptyDirVolumeSource: ['sizeLimit'],
  V1LimitRangeItem: ['default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min'],
  V1NodeStatus: ['allocatable', 'capacity'],
  V1PersistentVolumeClaimStatus: ['allocatedResources', 'capacity'],
  V1PersistentVolumeSpec: ['capacity'],
  V1PodSpec: ['overhead'],
  V1ResourceFieldSelector: ['divisor'],
  V1ResourceQuotaSpec: ['hard'],
  V1ResourceQuotaStatus: ['hard', 'used'],
  V1ResourceRequirements: ['limits', 'requests'],
  V1VolumeResourceRequirements: ['limits', 'requests'],
};

export function isQuantityField(model: string, field: string): boolean {
  return QUANTITY_FIELDS[model]?.includes(field) ?? false;
}

/** Exposed for tests, which check each entry names a real string-typed field. */
export const quantityFieldTable: Readonly<Record<string, readonly string[]>> = QUANTITY_FIELDS;
