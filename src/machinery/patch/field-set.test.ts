import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deserialize, field, keyElement, pathString, serialize, type Path } from './field-path.js';
import { FieldSet } from './field-set.js';

// A managedFields entry as kube-apiserver writes it for `kubectl create deployment`.
const KUBE_FIELDS_V1 = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
  'f:spec': {
    'f:progressDeadlineSeconds': {},
    'f:replicas': {},
    'f:selector': {},
    'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
    'f:template': {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {},
            'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
            'f:resources': {},
          },
        },
        'f:dnsPolicy': {},
        'f:restartPolicy': {},
      },
    },
  },
};

const p = (...names: string[]): Path => names.map((n) => field(n));

test('FieldsV1 round-trips with kube ordering', () => {
  const set = FieldSet.fromFieldsV1(KUBE_FIELDS_V1);
  const back = set.toFieldsV1();
  assert.deepEqual(back, KUBE_FIELDS_V1);
  // Key order matters on the wire: "." first, then fields sorted, then keys.
  const containers = (back['f:spec'] as any)['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}'];
  assert.deepEqual(Object.keys(containers), ['.', 'f:image', 'f:imagePullPolicy', 'f:name', 'f:ports', 'f:resources']);
  assert.equal(JSON.stringify(back), JSON.stringify(KUBE_FIELDS_V1));
});

test('path elements serialize, sort and print like fieldpath', () => {
  const key = keyElement([['protocol', 'TCP'], ['containerPort', 80]]);
  const cases: [ReturnType<typeof field>, string, string][] = [
    [field('image'), 'f:image', '.image'],
    [key, 'k:{"containerPort":80,"protocol":"TCP"}', '[containerPort=80,protocol="TCP"]'],
    [{ kind: 'value', value: 'a<b' }, 'v:"a\\u003cb"', '[="a<b"]'],
    [{ kind: 'value', value: 3 }, 'v:3', '[=3]'],
    [{ kind: 'index', index: 2 }, 'i:2', '[2]'],
  ];
  for (const [pe, wire, human] of cases) {
    assert.equal(serialize(pe), wire);
    assert.equal(pathString([pe]), human);
    assert.deepEqual(serialize(deserialize(wire)), wire);
  }
  const set = FieldSet.of(
    [{ kind: 'value', value: 'b' }], [{ kind: 'value', value: 1 }], [keyElement([['name', 'z']])], [field('z')], [field('a')], [{ kind: 'value', value: true }],
  );
  assert.deepEqual(Object.keys(set.toFieldsV1()), ['f:a', 'f:z', 'k:{"name":"z"}', 'v:1', 'v:"b"', 'v:true']);
});

test('iterates members before children, each sorted', () => {
  const set = FieldSet.of(p('spec', 'template', 'x'), p('spec', 'replicas'), p('metadata', 'labels', 'app'), p('spec'));
  assert.deepEqual(set.paths().map(pathString), ['.spec', '.metadata.labels.app', '.spec.replicas', '.spec.template.x']);
});

test('set algebra', () => {
  const a = FieldSet.of(p('a'), p('b', 'c'), p('b', 'd'), p('e'));
  const b = FieldSet.of(p('a'), p('b', 'c'), p('b'));
  const show = (s: FieldSet) => s.paths().map(pathString);
  const cases: [string, FieldSet, string[]][] = [
    ['union', a.union(b), ['.a', '.b', '.e', '.b.c', '.b.d']],
    ['difference', a.difference(b), ['.e', '.b.d']],
    ['intersection', a.intersection(b), ['.a', '.b.c']],
    ['recursive difference drops children of members', a.recursiveDifference(b), ['.e']],
  ];
  for (const [name, got, want] of cases) assert.deepEqual(show(got), want, name);
  assert.equal(a.has(p('b', 'c')), true);
  assert.equal(a.has(p('b')), false);
  assert.equal(new FieldSet().isEmpty(), true);
  assert.equal(a.difference(a).isEmpty(), true);
});
