// Object-metadata validation per resource: the name rule of the kind (DNS label for namespaces,
// path segment for RBAC kinds, subdomain for most) and, on update, the immutable identity fields.
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import type { FieldError } from '../../machinery/errors.js';
import { nameValidatorFor, validateObjectMeta, validateObjectMetaUpdate } from '../../machinery/validation/index.js';

export function validateMeta(obj: KubeObject, info: ResourceInfo): FieldError[] {
  return validateObjectMeta(obj.metadata, {
    namespaced: info.namespaced, nameValidator: nameValidatorFor(info.group, info.kind), kubeFinalizers: !info.custom,
  });
}

export function validateMetaUpdate(obj: KubeObject, old: KubeObject, info: ResourceInfo): FieldError[] {
  return [...validateMeta(obj, info), ...validateObjectMetaUpdate(obj.metadata, old.metadata, { kubeFinalizers: !info.custom })];
}
