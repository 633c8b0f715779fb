// Strategy of apps/v1 ControllerRevisions (pkg/registry/apps/controllerrevision/strategy.go): no
// generation, no status; `revision` must not be negative and `data` is immutable.
import type { ResourceInfo } from '../../api/resource-info.js';
import { fieldErrors } from '../../machinery/errors.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';

export function controllerRevisionStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    validate(obj, resource) {
      const errs = base.validate(obj, resource);
      if (typeof obj.revision === 'number' && obj.revision < 0) errs.push(fieldErrors.invalid('revision', obj.revision, 'must be greater than or equal to 0'));
      return errs;
    },
    validateUpdate(obj, old, resource) {
      const errs = base.validateUpdate(obj, old, resource);
      if (JSON.stringify(obj.data) !== JSON.stringify(old.data)) errs.push(fieldErrors.invalid('data', obj.data, 'field is immutable'));
      return errs;
    },
  };
}
