// metadata.managedFields <-> the field manager's working form: one field set per manager identity,
// where the identity is the entry minus its fields and time (and minus apiVersion for appliers, so
// one applier stays one entry across versions), serialized as JSON like kube's
// BuildManagerIdentifier. Encoding sorts entries as kube does: Apply before Update, then by time,
// manager, apiVersion, subresource.
import type { ManagedFieldsEntry } from '../../api/types.js';
import { FieldSet } from './field-set.js';

export interface ManagerSet {
  set: FieldSet;
  apiVersion: string;
  applied: boolean;
}

export interface Managed {
  fields: Map<string, ManagerSet>;
  times: Map<string, string | undefined>;
}

export interface ManagerIdentity {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion?: string;
  subresource?: string;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

/** The identity key of a manager (Go struct field order, empty fields omitted). */
export function managerId(m: ManagerIdentity): string {
  const out: Record<string, string> = {};
  if (m.manager) out.manager = m.manager;
  out.operation = m.operation;
  if (m.operation !== 'Apply' && m.apiVersion) out.apiVersion = m.apiVersion;
  if (m.subresource) out.subresource = m.subresource;
  return JSON.stringify(out);
}

export function parseManagerId(id: string): ManagerIdentity {
  try {
    const parsed = JSON.parse(id) as Partial<ManagerIdentity>;
    return { ...parsed, manager: parsed.manager ?? '', operation: parsed.operation ?? 'Update' };
  } catch {
    return { manager: id, operation: 'Update' };
  }
}

export class ManagedFieldsError extends Error {}

export function decodeManagedFields(entries: ManagedFieldsEntry[] | undefined): Managed {
  const managed = emptyManaged();
  (entries ?? []).forEach((e, i) => {
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`');
    if (!e.apiVersion) throw new ManagedFieldsError('apiVersion must not be empty');
    if (e.fieldsType !== 'FieldsV1') {
      throw new ManagedFieldsError(e.fieldsType ? `invalid fieldsType "${e.fieldsType}" in managed fields entry ${i}` : `missing fieldsType in managed fields entry ${i}`);
    }
    const id = managerId({ manager: e.manager ?? '', operation: e.operation, apiVersion: e.apiVersion, subresource: e.subresource });
    let set: FieldSet;
    try {
      set = FieldSet.fromFieldsV1(e.fieldsV1 ?? {});
    } catch (err) {
      throw new ManagedFieldsError(`error decoding versioned set from ${JSON.stringify(e)}: ${(err as Error).message}`);
    }
    managed.fields.set(id, { set, apiVersion: e.apiVersion, applied: e.operation === 'Apply' });
    managed.times.set(id, e.time);
  });
  return managed;
}

/** Decodes, treating undecodable entries as no entries (what kube does on non-apply writes). */
export function decodeOrEmpty(entries: ManagedFieldsEntry[] | undefined): Managed {
  try {
    return decodeManagedFields(entries);
  } catch {
    return emptyManaged();
  }
}

function seconds(time: string | undefined): number {
  if (!time) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function compareEntries(a: ManagedFieldsEntry, b: ManagedFieldsEntry): number {
  const str = (x?: string, y?: string) => ((x ?? '') < (y ?? '') ? -1 : (x ?? '') > (y ?? '') ? 1 : 0);
  return str(a.operation, b.operation) || seconds(a.time) - seconds(b.time) || str(a.manager, b.manager)
    || str(a.apiVersion, b.apiVersion) || str(a.subresource, b.subresource);
}

export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] {
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, ms] of managed.fields) {
    const who = parseManagerId(id);
    const time = managed.times.get(id);
    entries.push({
      manager: who.manager,
      operation: ms.applied ? 'Apply' : who.operation,
      apiVersion: ms.apiVersion,
      ...(time ? { time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: ms.set.toFieldsV1(),
      ...(who.subresource ? { subresource: who.subresource } : {}),
    });
  }
  return entries.sort(compareEntries);
}

/** Sets (or removes, when there are none) metadata.managedFields on an object. */
export function setManagedFields(obj: { metadata?: { managedFields?: ManagedFieldsEntry[] } }, managed: Managed): void {
  const entries = encodeManagedFields(managed);
  obj.metadata ??= {};
  if (entries.length > 0) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}
