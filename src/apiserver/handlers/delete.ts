// delete and deletecollection with kube's DeleteOptions: preconditions (uid, resourceVersion),
// propagationPolicy (Orphan and Foreground add their finalizers for the garbage collector),
// gracePeriodSeconds (pods bound to a node terminate gracefully), dryRun. An object with
// finalizers is only marked (deletionTimestamp) and goes away when its last finalizer is removed.
import type { KubeObject } from '../../api/types.js';
import { badRequest, conflict, notFound } from '../../machinery/errors.js';
import { KeyNotFoundError, RevisionConflictError, type StoredObject } from '../../storage/mvcc.js';
import { decodeObject, mediaType, readBody, sendJSON } from '../http.js';
import { negotiate } from '../negotiation.js';
import { sendObject } from '../render.js';
import { storageKey } from '../resource-registry.js';
import { getStored, selectorFilter } from './read.js';
import { isDryRun, timestamp, type RequestScope } from './scope.js';
import { warningHeaders } from './write.js';

interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

async function readDeleteOptions(scope: RequestScope): Promise<DeleteOptions> {
  const body = await readBody(scope.req);
  const opts: DeleteOptions = body.length > 0 ? (decodeObject(body, mediaType(scope.req)) as DeleteOptions) ?? {} : {};
  const q = scope.query;
  if (q.has('gracePeriodSeconds')) opts.gracePeriodSeconds = Number(q.get('gracePeriodSeconds'));
  const policy = q.get('propagationPolicy');
  if (policy) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  if (q.get('orphanDependents') !== null) opts.orphanDependents = q.get('orphanDependents') === 'true';
  if (opts.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(opts.propagationPolicy)) {
    throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  return opts;
}

export async function handleDelete(scope: RequestScope): Promise<void> {
  const rendering = negotiate(scope.req);
  const opts = await readDeleteOptions(scope);
  const current = getStored(scope);
  const result = await deleteObject(scope, current, opts, isDryRun(scope.query) || (opts.dryRun ?? []).includes('All'));
  sendObject(scope.res, 200, scope.info, result, rendering, scope.query, scope.services.now(), warningHeaders(scope));
}

function checkPreconditions(scope: RequestScope, obj: KubeObject, opts: DeleteOptions): void {
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== obj.metadata.uid) {
    throw conflict(scope.info, scope.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(scope.info, scope.name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`);
  }
}

function deletionFinalizers(obj: KubeObject, opts: DeleteOptions): string[] {
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  const orphan = opts.propagationPolicy === 'Orphan' || (opts.propagationPolicy === undefined && opts.orphanDependents === true);
  const add = orphan ? 'orphan' : opts.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : undefined;
  if (add && !finalizers.includes(add)) finalizers.push(add);
  return finalizers;
}

export async function deleteObject(scope: RequestScope, current: StoredObject, opts: DeleteOptions, dryRun: boolean): Promise<StoredObject | KubeObject> {
  const { info, services, strategy } = scope;
  const obj = current.object;
  const name = obj.metadata.name ?? '';
  checkPreconditions({ ...scope, name }, obj, opts);
  const attrs = { scope: { ...scope, name }, operation: 'DELETE' as const, oldObject: obj };
  await services.admission.mutate(attrs);
  await services.admission.validate(attrs);
  const key = storageKey(info, scope.namespace || (obj.metadata.namespace ?? ''), name);
  const finalizers = deletionFinalizers(obj, opts);
  // Only kinds with graceful deletion (bound pods) wait; gracePeriodSeconds=0 forces it.
  const gracefulDefault = strategy.gracefulDelete?.(obj);
  const grace = gracefulDefault === undefined ? 0 : (opts.gracePeriodSeconds ?? gracefulDefault);
  const isNamespace = info.group === '' && info.resource === 'namespaces';
  const pending = finalizers.length > 0 || isNamespace || grace > 0;
  if (!pending) {
    if (dryRun) return obj;
    const deleted = mapStoreErrors(scope, name, () => services.store.delete(key, current.modRevision));
    await services.store.durable();
    return deleted;
  }
  if (obj.metadata.deletionTimestamp && finalizers.length === (obj.metadata.finalizers ?? []).length) return current;
  const now = services.now();
  const graceSeconds = grace;
  const marked: KubeObject = {
    ...obj,
    metadata: {
      ...obj.metadata,
      finalizers: finalizers.length ? finalizers : undefined,
      deletionTimestamp: obj.metadata.deletionTimestamp ?? timestamp(new Date(now.getTime() + graceSeconds * 1000)),
      deletionGracePeriodSeconds: obj.metadata.deletionGracePeriodSeconds ?? graceSeconds,
    },
  };
  if (!marked.metadata.finalizers) delete marked.metadata.finalizers;
  if (isNamespace) marked.status = { ...(obj.status as object), phase: 'Terminating' };
  if (dryRun) return marked;
  const updated = mapStoreErrors(scope, name, () => services.store.update(key, marked, current.modRevision));
  await services.store.durable();
  return updated;
}

function mapStoreErrors<T>(scope: RequestScope, name: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof KeyNotFoundError) throw notFound(scope.info, name);
    if (err instanceof RevisionConflictError) throw conflict(scope.info, name, 'the object has been modified; please apply your changes to the latest version and try again');
    throw err;
  }
}

export async function handleDeleteCollection(scope: RequestScope): Promise<void> {
  negotiate(scope.req);
  const opts = await readDeleteOptions(scope);
  const filter = selectorFilter(scope.info, scope.strategy, scope.query);
  const dryRun = isDryRun(scope.query) || (opts.dryRun ?? []).includes('All');
  const items: unknown[] = [];
  for (const stored of scope.services.store.list(storageKey(scope.info, scope.namespace))) {
    if (!filter(stored.object)) continue;
    try {
      const nsScope = { ...scope, namespace: stored.object.metadata.namespace ?? scope.namespace, name: stored.object.metadata.name ?? '' };
      const result = await deleteObject(nsScope, stored, opts, dryRun);
      items.push('json' in result ? (result as StoredObject).object : result);
    } catch (err) {
      if (err instanceof Error && 'status' in err && (err as { code?: number }).code === 404) continue;
      throw err;
    }
  }
  const gv = scope.info.group ? `${scope.info.group}/${scope.info.version}` : scope.info.version;
  sendJSON(scope.res, 200, { kind: scope.info.listKind, apiVersion: gv, metadata: { resourceVersion: String(scope.services.store.revision()) }, items });
}
