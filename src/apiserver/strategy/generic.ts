// The strategy shared by every kind unless a kind overrides a step: no defaults, status kept on
// main-resource updates when the kind has a status subresource, immutable identity fields checked.
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { fieldErrors, type FieldError } from '../../machinery/errors.js';
import type { Strategy } from './types.js';
import { validateMeta } from './validate-meta.js';

export function genericStrategy(info: ResourceInfo, overrides: Partial<Strategy> = {}): Strategy {
  const hasStatus = info.subresources.includes('status');
  return {
    tracksGeneration: false,
    fieldSelectors: [],
    defaults() {},
    prepareForCreate(obj) {
      if (hasStatus && !overrides.prepareForCreate) delete obj.status;
    },
    prepareForUpdate(obj, old) {
      if (hasStatus) {
        if (old.status === undefined) delete obj.status;
        else obj.status = old.status;
      }
    },
    validate(obj, resource) {
      return validateMeta(obj, resource);
    },
    validateUpdate(obj, old, resource) {
      return [...validateMeta(obj, resource), ...validateImmutableMeta(obj, old)];
    },
    ...overrides,
  };
}

export function validateImmutableMeta(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (obj.metadata.namespace !== old.metadata.namespace && obj.metadata.namespace !== undefined) {
    errs.push(fieldErrors.invalid('metadata.namespace', obj.metadata.namespace, 'field is immutable'));
  }
  return errs;
}
