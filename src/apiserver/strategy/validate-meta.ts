// Adapter from a resource to the object-meta validation rules it uses (name format per kind).
// Temporary minimal rules until src/machinery/validation lands.
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { fieldErrors, type FieldError } from '../../machinery/errors.js';

const DNS1123_LABEL_RESOURCES = new Set(['namespaces', 'services']);
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateMeta(obj: KubeObject, info: ResourceInfo): FieldError[] {
  const name = obj.metadata.name;
  if (!name) return [fieldErrors.required('metadata.name', 'name or generateName is required')];
  const label = DNS1123_LABEL_RESOURCES.has(info.resource) && info.group === '';
  if (label && (!LABEL.test(name) || name.length > 63)) {
    return [fieldErrors.invalid('metadata.name', name, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")];
  }
  if (!label && (!SUBDOMAIN.test(name) || name.length > 253)) {
    return [fieldErrors.invalid('metadata.name', name, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")];
  }
  return [];
}
