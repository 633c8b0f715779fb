import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObjectMeta } from '../../api/types.js';
import { validateObjectMeta, validateObjectMetaUpdate, goTimeString } from './objectmeta.js';
import { nameIsDNSLabel } from './names.js';

const messages = (meta: ObjectMeta, namespaced = true, extra = {}): string[] =>
  validateObjectMeta(meta, { namespaced, ...extra }).map((e) => e.message);

test('validateObjectMeta messages', () => {
  const cases: { name: string; meta: ObjectMeta; namespaced?: boolean; want: string[] }[] = [
    { name: 'valid', meta: { name: 'web', namespace: 'default' }, want: [] },
    {
      name: 'bad subdomain',
      meta: { name: 'Foo_bar', namespace: 'default' },
      want: ["metadata.name: Invalid value: \"Foo_bar\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
    },
    { name: 'no name', meta: { namespace: 'default' }, want: ['metadata.name: Required value: name or generateName is required'] },
    { name: 'no namespace', meta: { name: 'a' }, want: ['metadata.namespace: Required value'] },
    { name: 'cluster scoped with namespace', meta: { name: 'a', namespace: 'x' }, namespaced: false, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
    {
      name: 'bad namespace',
      meta: { name: 'a', namespace: 'a.b' },
      want: ['metadata.namespace: Invalid value: "a.b": must not contain dots'],
    },
    { name: 'negative generation', meta: { name: 'a', namespace: 'd', generation: -1 }, want: ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'] },
    {
      name: 'bad label value',
      meta: { name: 'a', namespace: 'd', labels: { app: 'x y' } },
      want: ["metadata.labels: Invalid value: \"x y\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
    },
    {
      name: 'annotation key case-insensitive but bad prefix',
      meta: { name: 'a', namespace: 'd', annotations: { 'Example.COM/Key': 'v', '/x': 'y' } },
      want: ['metadata.annotations: Invalid value: "/x": prefix part must be non-empty'],
    },
    {
      name: 'annotations too large',
      meta: { name: 'a', namespace: 'd', annotations: { big: 'x'.repeat(256 * 1024) } },
      want: ['metadata.annotations: Too long: may not be more than 262144 bytes'],
    },
    {
      name: 'finalizers',
      meta: { name: 'a', namespace: 'd', finalizers: ['orphan', 'foregroundDeletion', 'custom'] },
      want: [
        'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion", "custom"}: finalizer orphan and foregroundDeletion cannot be both set',
        'metadata.finalizers[2]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
      ],
    },
    {
      name: 'owner references',
      meta: {
        name: 'a', namespace: 'd',
        ownerReferences: [
          { apiVersion: 'apps/', kind: 'ReplicaSet', name: 'rs', uid: '1' },
          { apiVersion: 'v1', kind: '', name: '', uid: '' },
        ],
      },
      want: [
        'metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty',
        'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
        'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
        'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
      ],
    },
    {
      name: 'event owner',
      meta: { name: 'a', namespace: 'd', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }] },
      want: ['metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"u", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner'],
    },
  ];
  for (const c of cases) assert.deepEqual(messages(c.meta, c.namespaced ?? true), c.want, c.name);
});

test('generateName is validated as a prefix', () => {
  assert.deepEqual(messages({ generateName: 'web-', namespace: 'd' }), ['metadata.name: Required value: name or generateName is required']);
  assert.deepEqual(messages({ name: 'a.b', namespace: 'd' }, true, { nameValidator: nameIsDNSLabel }), ['metadata.name: Invalid value: "a.b": must not contain dots']);
});

test('custom resources skip the built-in finalizer rule', () => {
  assert.deepEqual(messages({ name: 'a', namespace: 'd', finalizers: ['custom'] }, true, { kubeFinalizers: false }), []);
});

test('validateObjectMetaUpdate', () => {
  const old: ObjectMeta = {
    name: 'a', namespace: 'd', uid: 'u1', resourceVersion: '5', generation: 2,
    creationTimestamp: '2024-01-02T03:04:05Z', deletionTimestamp: '2024-01-03T00:00:00Z', finalizers: ['x/y'],
  };
  const next: ObjectMeta = {
    name: 'b', namespace: 'd', uid: 'u1', generation: 1, creationTimestamp: '2024-01-02T03:04:06Z',
    deletionTimestamp: '2024-01-03T00:00:00Z', finalizers: ['x/y', 'z/new', 'a/new'],
  };
  assert.deepEqual(validateObjectMetaUpdate(next, old).map((e) => e.message), [
    'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a/new", "z/new"}',
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    'metadata.generation: Invalid value: 1: must not be decremented',
    'metadata.name: Invalid value: "b": field is immutable',
    'metadata.creationTimestamp: Invalid value: 2024-01-02 03:04:06 +0000 UTC: field is immutable',
  ]);
});

test('goTimeString', () => {
  assert.equal(goTimeString('2024-01-02T03:04:05.120Z'), '2024-01-02 03:04:05.12 +0000 UTC');
});
