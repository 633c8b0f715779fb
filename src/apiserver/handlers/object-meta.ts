// Server-owned metadata on the write path, as k8s.io/apiserver's rest.BeforeCreate/BeforeUpdate
// set it: uid, creationTimestamp, generation, generateName, and the checks that the body's type
// and namespace agree with the URL.
import { randomUUID } from 'node:crypto';
import type { KubeObject, ObjectMeta } from '../../api/types.js';
import { badRequest } from '../../machinery/errors.js';
import { deepEqual } from '../../machinery/deep.js';
import { timestamp, type RequestScope } from './scope.js';

/** apimachinery's rand.String alphabet: no vowels, no ambiguous characters. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function generateName(base: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `${base.slice(0, 58)}${suffix}`;
}

/** Checks apiVersion/kind of a body against the endpoint and fills them in when absent. */
export function checkTypeMeta(scope: RequestScope, obj: KubeObject, expectKind = scope.info.kind): void {
  const gv = scope.info.group ? `${scope.info.group}/${scope.info.version}` : scope.info.version;
  if (obj.apiVersion !== undefined && obj.apiVersion !== gv) {
    const group = String(obj.apiVersion).includes('/') ? String(obj.apiVersion).split('/')[0] : '';
    if (group !== scope.info.group || !obj.kind || obj.kind !== expectKind) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${gv})`);
    }
  }
  if (obj.kind !== undefined && obj.kind !== expectKind) {
    throw badRequest(`${String(obj.kind)} in version "${scope.info.version}" cannot be handled as a ${expectKind}: no kind "${String(obj.kind)}" is registered for version "${gv}"`);
  }
  obj.apiVersion = gv;
  obj.kind = expectKind;
}

/** The body's metadata, checked against the URL's namespace (and name, for updates). */
export function checkMetadata(scope: RequestScope, obj: KubeObject): ObjectMeta {
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) {
    throw badRequest('metadata: must be an object');
  }
  const meta = obj.metadata;
  if (scope.info.namespaced) {
    if (meta.namespace && meta.namespace !== scope.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = scope.namespace;
  } else {
    delete meta.namespace;
  }
  if (scope.name && meta.name !== undefined && meta.name !== scope.name) {
    throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${scope.name})`);
  }
  if (scope.name && meta.name === undefined) meta.name = scope.name;
  return meta;
}

export function fillCreateMeta(scope: RequestScope, obj: KubeObject): void {
  const meta = obj.metadata;
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(scope.services.now());
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (scope.strategy.tracksGeneration) meta.generation = 1;
  else delete meta.generation;
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
}

/** Copies identity fields an update may not change and bumps generation on spec changes. */
export function fillUpdateMeta(scope: RequestScope, obj: KubeObject, old: KubeObject): void {
  const meta = obj.metadata;
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  if (old.metadata.deletionTimestamp) {
    meta.deletionTimestamp = old.metadata.deletionTimestamp;
    meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  } else {
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
  }
  if (old.metadata.generateName !== undefined && meta.generateName === undefined) meta.generateName = old.metadata.generateName;
  if (!scope.strategy.tracksGeneration) {
    if (old.metadata.generation !== undefined) meta.generation = old.metadata.generation;
    return;
  }
  const generation = old.metadata.generation ?? 1;
  meta.generation = specChanged(obj, old) ? generation + 1 : generation;
}

function specChanged(obj: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata, status, apiVersion, kind, ...rest } = o;
    void metadata; void status; void apiVersion; void kind;
    return rest;
  };
  return !deepEqual(strip(obj), strip(old));
}
