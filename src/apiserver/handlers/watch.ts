// watch, with kube-apiserver's resourceVersion semantics: unset or "0" starts with synthetic ADDED
// events for the current state; a specific revision replays history from the watch window and a
// revision older than the window gets an ERROR event carrying 410 Expired (the cacher does the
// same). Selector transitions become ADDED/DELETED, bookmarks are sent when asked for,
// sendInitialEvents ends the initial state with the initial-events-end bookmark, and
// timeoutSeconds closes the stream.
import type { KubeObject, Status } from '../../api/types.js';
import { badRequest, tooOldResourceVersion } from '../../machinery/errors.js';
import { TooOldError, type StoreEvent } from '../../storage/mvcc.js';
import { negotiate, type Rendering } from '../negotiation.js';
import { renderTable } from '../render.js';
import { storageKey } from '../resource-registry.js';
import { selectorFilter, type ObjectFilter } from './read.js';
import { presented, type RequestScope } from './scope.js';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export function handleWatch(scope: RequestScope): void {
  const rendering = negotiate(scope.req);
  const filter = nameFilter(scope, selectorFilter(scope.info, scope.strategy, scope.query));
  const { res, query, services } = scope;
  const prefix = storageKey(scope.info, scope.namespace, scope.name || undefined);
  const rvParam = query.get('resourceVersion') ?? '';
  const sendInitial = query.get('sendInitialEvents') === 'true';
  if (sendInitial && query.get('resourceVersionMatch') !== 'NotOlderThan') {
    throw badRequest('sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan');
  }
  const initial = rvParam === '' || rvParam === '0' || sendInitial;
  const requested = initial ? services.store.revision() : Number(rvParam);
  if (!Number.isInteger(requested) || requested < 0) throw badRequest(`resourceVersion: Invalid value: "${rvParam}": must be a valid resource version`);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let first = true;
  const write = (type: EventType, object: KubeObject | Status) => {
    const out = type === 'ERROR' || type === 'BOOKMARK' || rendering === 'object'
      ? (type === 'ERROR' || type === 'BOOKMARK' ? object : presented(scope, object as KubeObject))
      : renderWatchObject(scope, rendering, object as KubeObject, first);
    first = false;
    res.write(`${JSON.stringify({ type, object: out })}\n`);
  };
  const fromRevision = requested;
  if (initial) {
    for (const stored of services.store.list(prefix)) if (filter(stored.object)) write('ADDED', stored.object);
    if (sendInitial) write('BOOKMARK', bookmark(scope, fromRevision, true));
  }
  let stop: () => void = () => {};
  // Remote watchers see an event only once it is on disk (group commit, ADR 0002); one chain
  // keeps events and bookmarks in revision order, so a bookmark never passes an undelivered event.
  let delivered = Promise.resolve();
  const deliver = (send: () => void) => {
    delivered = delivered.then(() => services.store.durable()).then(() => { if (!res.writableEnded) send(); }, () => { res.destroy(); });
  };
  try {
    stop = services.store.watch(prefix, fromRevision, (event) => deliver(() => forward(event, filter, write)));
  } catch (err) {
    if (!(err instanceof TooOldError)) throw err;
    write('ERROR', tooOldResourceVersion(err.requested, err.oldest).status);
    res.end();
    return;
  }
  const timers: NodeJS.Timeout[] = [];
  if (query.get('allowWatchBookmarks') === 'true') {
    timers.push(setInterval(() => {
      const revision = services.store.revision();
      deliver(() => write('BOOKMARK', bookmark(scope, revision, false)));
    }, services.bookmarkIntervalSeconds * 1000));
  }
  const timeout = Number(query.get('timeoutSeconds') ?? '0');
  const finish = () => {
    stop();
    for (const t of timers) clearInterval(t);
    if (!res.writableEnded) res.end();
  };
  if (timeout > 0) timers.push(setTimeout(finish, timeout * 1000));
  res.on('close', finish);
  scope.req.on('close', finish);
}

function nameFilter(scope: RequestScope, filter: ObjectFilter): ObjectFilter {
  if (!scope.name) return filter;
  return (obj) => obj.metadata.name === scope.name && filter(obj);
}

/** Turns a store event into the event the client sees, given its selector. */
function forward(event: StoreEvent, filter: ObjectFilter, write: (type: EventType, obj: KubeObject) => void): void {
  const now = filter(event.current.object);
  const before = event.prev ? filter(event.prev.object) : false;
  if (event.type === 'ADDED') { if (now) write('ADDED', event.current.object); return; }
  if (event.type === 'DELETED') { if (before) write('DELETED', event.current.object); return; }
  if (now && before) write('MODIFIED', event.current.object);
  else if (now) write('ADDED', event.current.object);
  else if (before) write('DELETED', event.current.object);
}

function bookmark(scope: RequestScope, revision: number, initialEnd: boolean): KubeObject {
  const gv = scope.info.group ? `${scope.info.group}/${scope.info.version}` : scope.info.version;
  return {
    kind: scope.info.kind, apiVersion: gv,
    metadata: {
      resourceVersion: String(revision),
      ...(initialEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
    },
  };
}

function renderWatchObject(scope: RequestScope, rendering: Rendering, obj: KubeObject, first: boolean): unknown {
  if (rendering === 'metadata') return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  const table = renderTable(scope.info, [presented(scope, obj)], { resourceVersion: obj.metadata.resourceVersion }, scope.query, scope.services.now());
  // Like kube-apiserver, only the first event of a table watch carries the column headers.
  return first ? table : { ...table, columnDefinitions: [] };
}
