import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, GoFloat, JsonPathError, parseJsonPath } from './jsonpath.js';

const doc = {
  metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'web', tier: 'front' }, nullish: null },
  spec: { replicas: 3, ratio: 0.5, enabled: true, ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] },
  status: {
    conditions: [
      { type: 'Available', status: 'True' },
      { type: 'Ready', status: 'False', reason: 'Waiting' },
    ],
  },
};

test('jsonpath selects values', () => {
  const cases: [string, unknown[]][] = [
    ['.metadata.name', ['x']],
    ['.spec.replicas', [3]],
    ['.spec.missing', []],
    ['.missing.deeper.still', []],
    ['.metadata.nullish', [null]],
    ['.metadata.nullish.below', []],
    ['.spec.ports[0].port', [80]],
    ['.spec.ports[1].name', ['https']],
    ['.spec.ports[-1].port', [443]],
    ['.spec.ports[*].port', [80, 443]],
    ['.spec.ports[0:1].name', ['http']],
    ['.spec.ports[1:].port', [443]],
    ['.spec.ports[0,1].port', [80, 443]],
    ['.spec.ports[2:2]', []],
    ['.status.conditions[?(@.type=="Ready")].status', ['False']],
    [".status.conditions[?(@.type=='Available')].status", ['True']],
    ['.status.conditions[?(@.type!="Ready")].type', ['Available']],
    ['.status.conditions[?(@.type == "Ready")].reason', ['Waiting']],
    ['.status.conditions[?(@.type=="Gone")].status', []],
    ['.status.conditions[?(@.reason)].type', ['Ready']],
    ['.spec.ports[?(@.port>100)].name', ['https']],
    ['.spec.ports[?(@.port<=80)].name', ['http']],
    ["..name", ['x', 'http', 'https']],
    ['.metadata.labels.app\\.kubernetes\\.io/name', ['web']],
    [".metadata.labels['tier']", ['front']],
    ['$.metadata.name', ['x']],
    ['.metadata.*', [doc.metadata.name, doc.metadata.labels, null]],
  ];
  for (const [path, want] of cases) assert.deepEqual(evaluate(path, doc), want, path);
});

test('jsonpath errors where client-go fails', () => {
  const cases: string[] = [
    '.spec.ports[5].port', // out of bounds
    '.spec.replicas[0]', // not an array
    '.metadata[?(@.x=="y")]', // filtering a map
    '.metadata.nullish[?(@.x=="y")]', // filtering null
    '.spec.ports[?(@.port=="80")]', // int compared with string
    '.spec.ports[?(@.port==80.0)]', // int compared with float
    '.status.conditions[?(@.reason=="Waiting")]', // an element lacks the field
    '.spec.ports[?(@.port=80)]', // unknown operator
    '.spec.ports[?(@.name<true)]', // ordering booleans / mixed kinds
    '.spec foo', // identifiers other than true/false do not evaluate
  ];
  for (const path of cases) assert.throws(() => evaluate(path, doc), JsonPathError, path);
});

test('jsonpath compares floats with floats and booleans by equality', () => {
  assert.deepEqual(evaluate('.items[?(@.r>0.25)].n', { items: [{ r: 0.5, n: 'a' }, { r: 0.125, n: 'b' }] }), ['a']);
  assert.deepEqual(evaluate('.items[?(@.on==true)].n', { items: [{ on: true, n: 'a' }, { on: false, n: 'b' }] }), ['a']);
});

test('jsonpath syntax errors', () => {
  const cases: string[] = ['.spec.ports[0', '.spec[?(@.a=="b"', '.a["x"]', '.a[1:x]', '.a....b', '.a\n', '.a %b', '"open'];
  for (const path of cases) assert.throws(() => parseJsonPath(path), JsonPathError, JSON.stringify(path));
});

test('jsonpath parse keeps literal kinds', () => {
  assert.deepEqual(parseJsonPath('[?(@.a==1.5)]'), [
    { kind: 'filter', left: [{ kind: 'field', name: 'a' }], op: '==', right: [{ kind: 'literal', value: new GoFloat(1.5) }] },
  ]);
  assert.deepEqual(parseJsonPath("['a.b']"), [
    { kind: 'field', name: 'a' },
    { kind: 'field', name: 'b' },
  ]);
});
