import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CustomResourceVersion, PrinterColumn } from '../../api/resource-info.js';
import type { KubeObject } from '../../api/types.js';
import { customResourcePrinter, typedCell } from './custom.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const ctx = { now: NOW };

function version(printerColumns: PrinterColumn[]): CustomResourceVersion {
  return { crdName: 'widgets.example.com', printerColumns, hasStatus: true, storage: true };
}

const widget: KubeObject = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w1', namespace: 'default', creationTimestamp: '2024-06-01T09:00:00Z' },
  spec: { replicas: 3, ratio: 0.5, big: 1234567.5, enabled: true, nothing: null, selector: { b: '2', a: '<1>' } },
  status: {
    lastSync: '2024-06-01T11:55:00Z',
    conditions: [
      { type: 'Synced', status: 'True' },
      { type: 'Ready', status: 'False' },
    ],
  },
};

test('CRD without printer columns gets Name and a date-typed Age', () => {
  const printer = customResourcePrinter(version([]));
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [['Name', 'string', 'name', 0], ['Age', 'date', '', 0]],
  );
  assert.deepEqual(printer.row(widget, ctx).cells, ['w1', '3h']);
});

test('declared columns follow Name with their own type, format and priority', () => {
  const printer = customResourcePrinter(version([
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status', priority: 1 },
    { name: 'Host', type: 'string', format: 'hostname', jsonPath: '.spec.host', description: 'Where it runs.' },
  ]));
  assert.deepEqual(printer.columns, [
    printer.columns[0],
    { name: 'Replicas', type: 'integer', format: '', description: 'Custom resource column, JSONPath .spec.replicas', priority: 0 },
    {
      name: 'Ready', type: 'string', format: '',
      description: 'Custom resource column, JSONPath .status.conditions[?(@.type=="Ready")].status', priority: 1,
    },
    { name: 'Host', type: 'string', format: 'hostname', description: 'Where it runs.', priority: 0 },
  ]);
  assert.deepEqual(printer.row(widget, ctx).cells, ['w1', 3, 'False', null]);
});

test('a column with an unparsable JSONPath ends the column list', () => {
  const printer = customResourcePrinter(version([
    { name: 'A', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Bad', type: 'string', jsonPath: '.spec[0' },
    { name: 'C', type: 'string', jsonPath: '.metadata.name' },
  ]));
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'A']);
  assert.deepEqual(printer.row(widget, ctx).cells, ['w1', 3]);
});

test('string columns print values like Go', () => {
  const cases: [string, unknown][] = [
    ['.spec.replicas', '3'],
    ['.spec.ratio', '0.5'],
    ['.spec.big', '1.2345675e+06'],
    ['.spec.enabled', 'true'],
    ['.spec.nothing', '<no value>'],
    ['.spec.missing', null],
    ['.spec.selector', '{"a":"\\u003c1\\u003e","b":"2"}'],
    ['.status.conditions[*].type', 'Synced'],
    ['.status.conditions[9].type', null],
    ['.spec.replicas[0]', null],
  ];
  for (const [jsonPath, want] of cases) {
    const printer = customResourcePrinter(version([{ name: 'X', type: 'string', jsonPath }]));
    assert.deepEqual(printer.row(widget, ctx).cells[1], want, jsonPath);
  }
});

test('typed columns keep JSON values of their type only', () => {
  const cases: [string, unknown, unknown][] = [
    ['integer', 3, 3],
    ['integer', 2.7, 2],
    ['integer', -2.7, -2],
    ['integer', '3', null],
    ['number', 2, 2],
    ['number', 0.25, 0.25],
    ['number', 'x', null],
    ['boolean', true, true],
    ['boolean', 'true', null],
    ['date', '2024-06-01T11:55:00Z', '5m'],
    ['date', '2024-05-30T12:00:00Z', '2d'],
    ['date', '', '<unknown>'],
    ['date', 'null', '<unknown>'],
    ['date', 'last tuesday', '<invalid>'],
    ['date', 42, null],
    ['object', { a: 1 }, null],
    ['integer', null, null],
    ['date', undefined, null],
  ];
  for (const [type, value, want] of cases) assert.deepEqual(typedCell(type, value, ctx), want, `${type} ${String(value)}`);
});

test('date column through JSONPath', () => {
  const printer = customResourcePrinter(version([{ name: 'Synced', type: 'date', jsonPath: '.status.lastSync' }]));
  assert.deepEqual(printer.row(widget, ctx).cells, ['w1', '5m']);
});
