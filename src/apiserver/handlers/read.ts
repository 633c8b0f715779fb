// get and list. List honours label and field selectors, `limit`/`continue` pagination served from
// a consistent snapshot (the store rewinds to the first page's revision, 410 once that revision
// has left the watch window), and resourceVersion/resourceVersionMatch as kube-apiserver does.
import type { ResourceInfo } from '../../api/resource-info.js';
import type { KubeObject } from '../../api/types.js';
import { badRequest, expired, notFound, StatusError } from '../../machinery/errors.js';
import {
  matchesFields, matchesSelector, parseFieldSelector, parseLabelSelector, type FieldRequirement,
} from '../../machinery/selectors.js';
import { TooOldError, type StoredObject } from '../../storage/mvcc.js';
import { negotiate } from '../negotiation.js';
import { sendList, sendObject } from '../render.js';
import { storageKey } from '../resource-registry.js';
import type { Strategy } from '../strategy/index.js';
import type { RequestScope } from './scope.js';

export function getStored(scope: RequestScope): StoredObject {
  const stored = scope.services.store.get(storageKey(scope.info, scope.namespace, scope.name));
  if (!stored) throw notFound(scope.info, scope.name);
  return stored;
}

export function handleGet(scope: RequestScope): void {
  const rendering = negotiate(scope.req);
  sendObject(scope.res, 200, scope.info, getStored(scope), rendering, scope.query, scope.services.now());
}

export type ObjectFilter = (obj: KubeObject) => boolean;

/** Builds the selector filter of a list or watch, refusing fields the kind does not index. */
export function selectorFilter(info: ResourceInfo, strategy: Strategy, query: URLSearchParams): ObjectFilter {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'));
  checkFieldLabels(info, strategy, fields);
  if (labels.length === 0 && fields.length === 0) return () => true;
  return (obj) => matchesSelector(labels, obj.metadata.labels) && matchesFields(fields, obj);
}

function checkFieldLabels(info: ResourceInfo, strategy: Strategy, fields: FieldRequirement[]): void {
  const allowed = ['metadata.name', 'metadata.namespace', ...strategy.fieldSelectors];
  for (const f of fields) {
    if (allowed.includes(f.field)) continue;
    if (info.custom) {
      throw badRequest(`"${f.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    }
    throw badRequest(`field label not supported: ${f.field}`);
  }
}

interface ContinueToken { v: string; rv: number; start: string }

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad token');
    return t;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const CONTINUE_EXPIRED = 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function snapshot(scope: RequestScope, prefix: string): { items: StoredObject[]; rv: number; start?: string } {
  const { store } = scope.services;
  const cont = scope.query.get('continue');
  if (cont) {
    const token = decodeContinue(cont);
    try {
      return { items: store.listAt(prefix, token.rv), rv: token.rv, start: token.start };
    } catch (err) {
      if (!(err instanceof TooOldError)) throw err;
      const e = expired(CONTINUE_EXPIRED);
      e.status.metadata = { continue: encodeContinue(store.revision(), token.start) };
      throw e;
    }
  }
  const rvParam = scope.query.get('resourceVersion');
  const match = scope.query.get('resourceVersionMatch');
  if (rvParam && rvParam !== '0') {
    const rv = Number(rvParam);
    if (!Number.isInteger(rv) || rv < 0) throw badRequest(`resourceVersion: Invalid value: "${rvParam}": must be a valid resource version`);
    if (rv > store.revision()) {
      throw new StatusError(504, 'Timeout', `Timeout: Too large resource version: ${rv}, current resource version: ${store.revision()}`, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
    }
    if (match === 'Exact') {
      try {
        return { items: store.listAt(prefix, rv), rv };
      } catch (err) {
        if (err instanceof TooOldError) throw expired(`too old resource version: ${rv} (${err.oldest})`);
        throw err;
      }
    }
  }
  return { items: store.list(prefix), rv: store.revision() };
}

export function handleList(scope: RequestScope): void {
  const rendering = negotiate(scope.req);
  const filter = selectorFilter(scope.info, scope.strategy, scope.query);
  const prefix = storageKey(scope.info, scope.namespace);
  const { items, rv, start } = snapshot(scope, prefix);
  const limit = Number(scope.query.get('limit') ?? '0');
  const selected: StoredObject[] = [];
  let next: string | undefined;
  let remaining = 0;
  for (const item of items) {
    if (start !== undefined && item.key < start) continue;
    if (!filter(item.object)) continue;
    if (limit > 0 && selected.length >= limit) {
      if (next === undefined) next = encodeContinue(rv, item.key);
      remaining++;
      continue;
    }
    selected.push(item);
  }
  const hasSelectors = Boolean(scope.query.get('labelSelector') || scope.query.get('fieldSelector'));
  const listMeta = {
    resourceVersion: String(rv),
    ...(next ? { continue: next } : {}),
    ...(next && !hasSelectors ? { remainingItemCount: remaining } : {}),
  };
  sendList(scope.res, scope.info, selected, listMeta, rendering, scope.query, scope.services.now());
}
