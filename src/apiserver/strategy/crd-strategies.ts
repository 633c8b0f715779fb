// Strategies of CustomResourceDefinitions and of custom resources. A custom resource's write path
// follows its CRD: structural defaulting and pruning, schema validation, generation tracking, and
// status carried over when the status subresource is enabled.
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { fieldErrors, type FieldError } from '../../machinery/errors.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export function crdStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    tracksGeneration: true,
    defaults(obj) {
      const spec = asObj(obj.spec);
      const names = asObj(spec.names);
      if (typeof names.kind === 'string') {
        names.singular ??= names.kind.toLowerCase();
        names.listKind ??= `${names.kind}List`;
      }
      spec.conversion ??= { strategy: 'None' };
    },
    prepareForCreate(obj) {
      obj.status = { acceptedNames: { kind: '', plural: '' }, conditions: [], storedVersions: [] };
    },
    validate(obj, resource) {
      return [...base.validate(obj, resource), ...validateCRDBasics(obj)];
    },
    validateUpdate(obj, old, resource) {
      const errs = [...base.validateUpdate(obj, old, resource), ...validateCRDBasics(obj)];
      if (asObj(obj.spec).group !== asObj(old.spec).group) {
        errs.push(fieldErrors.invalid('spec.group', asObj(obj.spec).group, 'field is immutable'));
      }
      return errs;
    },
  };
}

function validateCRDBasics(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = asObj(obj.spec);
  const names = asObj(spec.names);
  if (!spec.group) errs.push(fieldErrors.required('spec.group'));
  if (!names.plural) errs.push(fieldErrors.required('spec.names.plural'));
  if (!names.kind) errs.push(fieldErrors.required('spec.names.kind'));
  if (spec.group && names.plural && obj.metadata.name !== `${names.plural}.${spec.group}`) {
    errs.push(fieldErrors.invalid('metadata.name', obj.metadata.name, `must be spec.names.plural+"."+spec.group`));
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    errs.push(fieldErrors.notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  }
  const versions = Array.isArray(spec.versions) ? spec.versions.map(asObj) : [];
  if (versions.length === 0) errs.push(fieldErrors.required('spec.versions', 'must have exactly one version marked as storage version'));
  else if (versions.filter((v) => v.storage === true).length !== 1) {
    errs.push(fieldErrors.invalid('spec.versions', versions.map((v) => v.name), 'must have exactly one version marked as storage version'));
  }
  versions.forEach((v, i) => {
    if (!asObj(v.schema).openAPIV3Schema) errs.push(fieldErrors.required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
  });
  return errs;
}

export function customResourceStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  const hasStatus = info.custom?.hasStatus ?? false;
  return {
    ...base,
    tracksGeneration: true,
    prepareForCreate(obj) {
      if (hasStatus) delete obj.status;
    },
    prepareForUpdate(obj, old) {
      if (!hasStatus) return;
      if (old.status === undefined) delete obj.status;
      else obj.status = old.status;
    },
  };
}
