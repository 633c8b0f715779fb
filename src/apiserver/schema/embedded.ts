// Validation of x-kubernetes-embedded-resource objects inside custom resources
// (apiextensions-apiserver schema/objectmeta/validation.go): apiVersion and kind are required
// strings (kind a mixed-case DNS-1035 label), and metadata is checked like any object's metadata
// with path-segment names (a missing name is tolerated) and a namespace only if one is given.
import type { FieldError } from '../../machinery/errors.js';
import { child, index, invalid, key, required } from '../../machinery/validation/field.js';
import { isDNS1035Label, validatePathSegmentName } from '../../machinery/validation/names.js';
import { parseGroupVersion } from '../../machinery/validation/meta-parts.js';
import { validateObjectMeta } from '../../machinery/validation/objectmeta.js';
import type { ObjectMeta } from '../../api/types.js';
import { additionalPropertiesOf, hasProperty, isEmbedded, isObj, itemsOf, propertiesOf, type JSONSchemaProps } from './schema-types.js';

function validateTypeMeta(path: string, x: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  if (!('apiVersion' in x)) errs.push(required(child(path, 'apiVersion'), 'must not be empty'));
  if (!('kind' in x)) errs.push(required(child(path, 'kind'), 'must not be empty'));
  const apiVersion = x.apiVersion;
  if ('apiVersion' in x) {
    if (typeof apiVersion !== 'string') errs.push(invalid(child(path, 'apiVersion'), apiVersion, 'must be a string'));
    else if (!apiVersion) errs.push(invalid(child(path, 'apiVersion'), apiVersion, 'must not be empty'));
    else if (!parseGroupVersion(apiVersion)) {
      errs.push(invalid(child(path, 'apiVersion'), apiVersion, `unexpected GroupVersion string: ${apiVersion}`));
    }
  }
  const kind = x.kind;
  if ('kind' in x) {
    if (typeof kind !== 'string') errs.push(invalid(child(path, 'kind'), kind, 'must be a string'));
    else if (!kind) errs.push(invalid(child(path, 'kind'), kind, 'must not be empty'));
    else {
      const problems = isDNS1035Label(kind.toLowerCase());
      if (problems.length) errs.push(invalid(child(path, 'kind'), kind, `may have mixed case, but should otherwise match: ${problems.join(',')}`));
    }
  }
  return errs;
}

function validateEmbedded(path: string, x: Record<string, unknown>): FieldError[] {
  const errs = validateTypeMeta(path, x);
  if (isObj(x.metadata)) {
    const meta = { ...(x.metadata as ObjectMeta) };
    if (!meta.name) meta.name = 'fakename';
    errs.push(...validateObjectMeta(meta, {
      namespaced: !!meta.namespace, nameValidator: validatePathSegmentName, path: child(path, 'metadata'), kubeFinalizers: false,
    }));
  }
  return errs;
}

function walk(path: string, x: unknown, s: JSONSchemaProps | undefined): FieldError[] {
  if (!s) return [];
  if (Array.isArray(x)) return x.flatMap((v, i) => walk(index(path, i), v, itemsOf(s)));
  if (!isObj(x)) return [];
  const errs = isEmbedded(s) ? validateEmbedded(path, x) : [];
  const ap = additionalPropertiesOf(s);
  for (const [k, v] of Object.entries(x)) {
    if (hasProperty(s, k)) errs.push(...walk(child(path, k), v, propertiesOf(s)[k]));
    else if (ap.kind === 'schema') errs.push(...walk(key(path, k), v, ap.schema));
  }
  return errs;
}

/** Validates the embedded resources of a custom resource (the root itself is not checked here). */
export function validateEmbeddedResources(schema: JSONSchemaProps | undefined, obj: unknown, path = ''): FieldError[] {
  return walk(path, obj, schema);
}
