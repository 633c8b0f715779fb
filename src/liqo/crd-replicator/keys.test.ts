import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localKey, orphanKey, parseKey } from './keys.js';

test('reflection keys round-trip; malformed ones are refused', () => {
  assert.deepEqual(parseKey(localKey('resourcerequests', 'liqo-tenant-naples-7881be', 'venice')), { kind: 'local', resource: 'resourcerequests', namespace: 'liqo-tenant-naples-7881be', name: 'venice' });
  assert.deepEqual(parseKey(orphanKey('namespacemaps', '7881be1c-0c56', 'naples-7881be')), { kind: 'orphan', resource: 'namespacemaps', clusterID: '7881be1c-0c56', name: 'naples-7881be' });
  for (const bad of ['', 'resourcerequests', 'resourcerequests|ns', '|ns/name']) assert.equal(parseKey(bad), undefined, bad);
});
