// Strategies of CustomResourceDefinitions and of custom resources. A CRD is defaulted, prepared and
// validated as apiextensions-apiserver does (schema/crd-*.ts). A custom resource's write path follows
// its CRD version: structural pruning and defaulting, schema validation, generation tracking, and
// status carried over when the status subresource is enabled.
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import {
  coerceCustomObject, defaultCRD, prepareCRDForCreate, prepareCRDForUpdate, validateCRD, validateCRDUpdate,
  validateCustomResource, validateCustomResourceUpdate, type CustomResourceTarget, type JSONSchemaProps,
} from '../schema/index.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';

type Obj = Record<string, unknown>;
const asObj = (o: KubeObject) => o as unknown as Obj;

export function crdStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    tracksGeneration: true,
    defaults(obj) { defaultCRD(asObj(obj)); },
    prepareForCreate(obj) { prepareCRDForCreate(asObj(obj)); },
    prepareForUpdate(obj, old) { prepareCRDForUpdate(asObj(obj), asObj(old)); },
    validate(obj) { return validateCRD(asObj(obj)); },
    validateUpdate(obj, old) { return validateCRDUpdate(asObj(obj), asObj(old)); },
  };
}

export function customResourceTarget(info: ResourceInfo): CustomResourceTarget {
  return {
    group: info.group, version: info.version, kind: info.kind, namespaced: info.namespaced,
    ...(info.custom?.schema ? { schema: info.custom.schema as JSONSchemaProps } : {}),
    ...(info.custom?.scale ? { scale: info.custom.scale } : {}),
  };
}

export function customResourceStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  const hasStatus = info.custom?.hasStatus ?? false;
  const target = customResourceTarget(info);
  return {
    ...base,
    tracksGeneration: true,
    defaults(obj) { coerceCustomObject(target.schema, asObj(obj)); },
    prepareForCreate(obj) {
      if (hasStatus) delete obj.status;
    },
    prepareForUpdate(obj, old) {
      if (!hasStatus) return;
      if (old.status === undefined) delete obj.status;
      else obj.status = old.status;
    },
    validate(obj) { return validateCustomResource(target, asObj(obj)); },
    validateUpdate(obj, old) { return validateCustomResourceUpdate(target, asObj(obj), asObj(old)); },
  };
}
