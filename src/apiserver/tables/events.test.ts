import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { coreEventPrinter, eventsV1Printer } from './events.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const ago = (minutes: number): string => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function ev(fields: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'web.17a', namespace: 'default', creationTimestamp: ago(30) }, ...fields };
}

test('event columns in kube order with wide priorities', () => {
  for (const printer of [coreEventPrinter, eventsV1Printer]) {
    assert.deepEqual(printer.columns.map((c) => [c.name, c.format, c.priority]), [
      ['Last Seen', '', 0],
      ['Type', '', 0],
      ['Reason', '', 0],
      ['Object', '', 0],
      ['Subobject', '', 1],
      ['Source', '', 1],
      ['Message', '', 0],
      ['First Seen', '', 1],
      ['Count', '', 1],
      ['Name', 'name', 1],
    ]);
  }
});

test('core/v1 event rows', () => {
  const involved = { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' };
  const cases: [string, KubeObject, unknown[]][] = [
    [
      'classic event with source host',
      ev({
        type: 'Normal', reason: 'Pulled', message: '  Successfully pulled image\n', involvedObject: involved,
        source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: ago(20), lastTimestamp: ago(5), count: 4,
      }),
      ['5m', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{app}', 'kubelet, node-1', 'Successfully pulled image', '20m', 4, 'web.17a'],
    ],
    [
      'no last timestamp falls back to first, count 0 reads 1',
      ev({ type: 'Warning', reason: 'BackOff', message: 'x', involvedObject: { kind: 'Node', name: 'n1' }, source: { component: 'kubelet' }, firstTimestamp: ago(3) }),
      ['3m', 'Warning', 'BackOff', 'node/n1', '', 'kubelet', 'x', '3m', 1, 'web.17a'],
    ],
    [
      'new-style event: eventTime, reporting controller, series',
      ev({
        type: 'Normal', reason: 'Scheduled', message: 'ok', involvedObject: { kind: 'Pod', name: 'p' },
        eventTime: '2024-06-01T11:50:00.123456Z', reportingController: 'default-scheduler', reportingInstance: 'sched-1',
        series: { count: 7, lastObservedTime: '2024-06-01T11:58:00.000000Z' },
      }),
      ['2m', 'Normal', 'Scheduled', 'pod/p', '', 'default-scheduler, sched-1', 'ok', '9m59s', 7, 'web.17a'],
    ],
    [
      'no timestamps at all, object without name',
      ev({ type: 'Normal', reason: 'Starting', message: '', involvedObject: { kind: 'Node' } }),
      ['<unknown>', 'Normal', 'Starting', 'node', '', '', '', '<unknown>', 1, 'web.17a'],
    ],
  ];
  for (const [name, o, want] of cases) assert.deepEqual(coreEventPrinter.row(o, { now: NOW }).cells, want, name);
});

test('events.k8s.io/v1 rows map regarding/note/deprecated fields', () => {
  const cases: [string, KubeObject, unknown[]][] = [
    [
      'new API event',
      ev({
        type: 'Warning', reason: 'FailedMount', note: 'volume missing', regarding: { kind: 'Pod', name: 'db-0', fieldPath: '' },
        eventTime: ago(8), reportingController: 'kubelet', reportingInstance: 'node-2', action: 'Mounting',
      }),
      ['8m', 'Warning', 'FailedMount', 'pod/db-0', '', 'kubelet, node-2', 'volume missing', '8m', 1, 'web.17a'],
    ],
    [
      'deprecated fields of a converted core event',
      ev({
        type: 'Normal', reason: 'Killing', note: 'stopping', regarding: { kind: 'Pod', name: 'p' },
        deprecatedSource: { component: 'kubelet', host: 'n' }, deprecatedFirstTimestamp: ago(60), deprecatedLastTimestamp: ago(1), deprecatedCount: 2,
      }),
      ['60s', 'Normal', 'Killing', 'pod/p', '', 'kubelet, n', 'stopping', '60m', 2, 'web.17a'],
    ],
  ];
  for (const [name, o, want] of cases) assert.deepEqual(eventsV1Printer.row(o, { now: NOW }).cells, want, name);
});
