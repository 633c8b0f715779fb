// The strategy shared by every kind unless a kind overrides a step: no defaults, status kept on
// main-resource updates when the kind has a status subresource, immutable identity fields checked.
import type { ResourceInfo } from '../../api/resource-info.js';
import type { Strategy } from './types.js';
import { validateMeta, validateMetaUpdate } from './validate-meta.js';

export function genericStrategy(info: ResourceInfo, overrides: Partial<Strategy> = {}): Strategy {
  const hasStatus = info.subresources.includes('status');
  return {
    tracksGeneration: false,
    fieldSelectors: [],
    defaults() {},
    prepareForCreate(obj) {
      if (hasStatus) delete obj.status;
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
      return validateMetaUpdate(obj, old, resource);
    },
    ...overrides,
  };
}
