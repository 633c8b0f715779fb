import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/types.js';
import { controllerOwnerKey, enqueueMapped, enqueueObject, enqueueOwner, type KeyQueue } from './handlers.js';
import type { InformerHandlers } from './informer.js';

const obj = (name: string, namespace?: string, owners: { kind: string; name: string; controller?: boolean }[] = []): KubeObject => ({
  metadata: { name, namespace, ownerReferences: owners.map((o) => ({ apiVersion: 'apps/v1', uid: `${o.name}-uid`, ...o })) },
});

/** The keys the handlers `make` builds enqueue while `fire` delivers events to them. */
function keysOf(make: (q: KeyQueue) => InformerHandlers<KubeObject>, fire: (h: InformerHandlers<KubeObject>) => void): string[] {
  const keys: string[] = [];
  fire(make({ add: (k) => { keys.push(k); } }));
  return keys;
}

test('controllerOwnerKey', () => {
  const cases: [string, KubeObject, string, string | undefined][] = [
    ['controller of the kind', obj('p', 'ns', [{ kind: 'DaemonSet', name: 'ds', controller: true }]), 'DaemonSet', 'ns/ds'],
    ['owner that is not the controller', obj('p', 'ns', [{ kind: 'DaemonSet', name: 'ds' }]), 'DaemonSet', undefined],
    ['controller of another kind', obj('p', 'ns', [{ kind: 'ReplicaSet', name: 'rs', controller: true }]), 'DaemonSet', undefined],
    ['the matching one among several', obj('p', 'ns', [{ kind: 'Thing', name: 't' }, { kind: 'Job', name: 'j', controller: true }]), 'Job', 'ns/j'],
    ['no owners', obj('p', 'ns'), 'Job', undefined],
    ['cluster-scoped', obj('n', undefined, [{ kind: 'Cluster', name: 'c', controller: true }]), 'Cluster', 'c'],
  ];
  for (const [name, o, kind, want] of cases) assert.equal(controllerOwnerKey(o, kind), want, name);
});

test('enqueueObject: the object\'s own key on add, update and delete', () => {
  const keys = keysOf(enqueueObject, (h) => {
    h.onAdd?.(obj('a', 'ns'));
    h.onUpdate?.(obj('b', 'ns'), obj('b', 'ns'));
    h.onDelete?.(obj('c'));
  });
  assert.deepEqual(keys, ['ns/a', 'ns/b', 'ns/b', 'c']);
});

test('enqueueOwner: the controller\'s key; an update wakes the new and the old owner', () => {
  const owned = (owner: string) => obj('p', 'ns', [{ kind: 'StatefulSet', name: owner, controller: true }]);
  const keys = keysOf((q) => enqueueOwner(q, 'StatefulSet'), (h) => {
    h.onAdd?.(owned('a'));
    h.onAdd?.(obj('orphan', 'ns'));
    h.onUpdate?.(owned('b'), owned('a'));
    h.onUpdate?.(obj('orphan', 'ns'), owned('c'));
    h.onDelete?.(owned('d'));
  });
  assert.deepEqual(keys, ['ns/a', 'ns/b', 'ns/a', 'ns/c', 'ns/d']);
});

test('enqueueMapped: what the map returns, nothing for undefined', () => {
  const keys = keysOf((q) => enqueueMapped(q, (o) => (o.metadata.name?.startsWith('x') ? `svc/${o.metadata.name}` : undefined)), (h) => {
    h.onAdd?.(obj('x1'));
    h.onAdd?.(obj('y1'));
    h.onDelete?.(obj('x2'));
  });
  assert.deepEqual(keys, ['svc/x1', 'svc/x2']);
});
