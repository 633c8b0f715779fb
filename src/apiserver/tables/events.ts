// The events table, shared by core/v1 Event and events.k8s.io/v1 Event: kube-apiserver stores both
// as one internal kind and prints them with one function (printEvent), so the events.k8s.io field
// names (regarding, note, deprecated*) are first mapped onto the core ones. Columns come in the wide
// order: LAST SEEN TYPE REASON OBJECT [SUBOBJECT SOURCE] MESSAGE [FIRST SEEN COUNT NAME].
import { asObject } from '../../machinery/json.js';
import type { KubeObject } from '../../api/types.js';
import { parseTimestamp, since } from './duration.js';
import { column, nameOf, wide, type PrintContext, type Printer } from './printer.js';

interface ObjectRef {
  kind?: string;
  name?: string;
  fieldPath?: string;
}

/** The fields printEvent reads, under their core/v1 names. */
export interface EventView {
  name: string;
  type: string;
  reason: string;
  message: string;
  involved: ObjectRef;
  source: { component?: string; host?: string };
  reportingController: string;
  reportingInstance: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count: number;
  series?: { count?: number; lastObservedTime?: string };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function coreEventView(obj: KubeObject): EventView {
  const source = asObject(obj.source);
  return {
    ...common(obj),
    message: str(obj.message),
    involved: asObject(obj.involvedObject) as ObjectRef,
    source: { component: optStr(source.component), host: optStr(source.host) },
    firstTimestamp: optStr(obj.firstTimestamp),
    lastTimestamp: optStr(obj.lastTimestamp),
    count: num(obj.count),
  };
}

export function eventsV1View(obj: KubeObject): EventView {
  const source = asObject(obj.deprecatedSource);
  return {
    ...common(obj),
    message: str(obj.note),
    involved: asObject(obj.regarding) as ObjectRef,
    source: { component: optStr(source.component), host: optStr(source.host) },
    firstTimestamp: optStr(obj.deprecatedFirstTimestamp),
    lastTimestamp: optStr(obj.deprecatedLastTimestamp),
    count: num(obj.deprecatedCount),
  };
}

function common(obj: KubeObject): Omit<EventView, 'message' | 'involved' | 'source' | 'firstTimestamp' | 'lastTimestamp' | 'count'> {
  const series = obj.series ? asObject(obj.series) : undefined;
  return {
    name: nameOf(obj),
    type: str(obj.type),
    reason: str(obj.reason),
    reportingController: str(obj.reportingController),
    reportingInstance: str(obj.reportingInstance),
    eventTime: optStr(obj.eventTime),
    ...(series ? { series: { count: num(series.count), lastObservedTime: optStr(series.lastObservedTime) } } : {}),
  };
}

const COLUMNS = [
  column('Last Seen', 'string', 'Time since the event was last observed.'),
  column('Type', 'string', 'Normal or Warning.'),
  column('Reason', 'string', 'Short machine-readable cause of the event.'),
  column('Object', 'string', 'The object the event is about, as kind/name.'),
  wide('Subobject', 'string', 'Field path inside the object, e.g. a container.'),
  wide('Source', 'string', 'Component (and host) that reported the event.'),
  column('Message', 'string', 'Human-readable description of the event.'),
  wide('First Seen', 'string', 'Time since the event was first observed.'),
  wide('Count', 'string', 'Number of times the event occurred.'),
  column('Name', 'string', 'Name of the event object.', { format: 'name', priority: 1 }),
];

export function eventRow(e: EventView, ctx: PrintContext): unknown[] {
  const first =
    parseTimestamp(e.firstTimestamp) !== undefined ? since(e.firstTimestamp, ctx.now) : since(e.eventTime, ctx.now);
  let last = parseTimestamp(e.lastTimestamp) !== undefined ? since(e.lastTimestamp, ctx.now) : first;
  let count = e.count;
  if (e.series) {
    last = since(e.series.lastObservedTime, ctx.now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events of the new API carry no count
  }
  const kind = (e.involved.kind ?? '').toLowerCase();
  const target = e.involved.name ? `${kind}/${e.involved.name}` : kind;
  return [
    last,
    e.type,
    e.reason,
    target,
    e.involved.fieldPath ?? '',
    formatSource(e),
    e.message.trim(),
    first,
    count,
    e.name,
  ];
}

/** "component, host", falling back to the reporting controller and instance of the new API. */
function formatSource(e: EventView): string {
  const component = e.source.component || e.reportingController;
  const instance = e.source.host || e.reportingInstance;
  return instance ? `${component}, ${instance}` : component;
}

export const coreEventPrinter: Printer = {
  columns: COLUMNS,
  row: (obj, ctx) => ({ cells: eventRow(coreEventView(obj), ctx) }),
};

export const eventsV1Printer: Printer = {
  columns: COLUMNS,
  row: (obj, ctx) => ({ cells: eventRow(eventsV1View(obj), ctx) }),
};
