// The 409 an apply gets when it would take fields from other managers without force, worded like
// kube's field manager: `Apply failed with 1 conflict: conflict with "mgr" using apps/v1: .spec.replicas`,
// several conflicts grouped by manager in sorted order, and one FieldManagerConflict cause each.
import type { StatusCause } from '../../api/types.js';
import { StatusError } from '../errors.js';
import { pathString, type Path } from './field-path.js';
import type { FieldSet } from './field-set.js';
import { parseManagerId } from './managed-fields.js';

export interface Conflict {
  manager: string; // manager identity (JSON)
  path: Path;
}

/** How kube names a manager in messages: "name" [with subresource "s"] [using <apiVersion>]. */
export function printManager(id: string): string {
  const who = parseManagerId(id);
  let out = JSON.stringify(who.manager);
  if (who.subresource) out += ` with subresource ${JSON.stringify(who.subresource)}`;
  if (who.operation === 'Update') out += ` using ${who.apiVersion ?? ''}`;
  return out;
}

export function conflictList(byManager: Map<string, FieldSet>): Conflict[] {
  const out: Conflict[] = [];
  for (const id of [...byManager.keys()].sort()) {
    for (const path of byManager.get(id)!.paths()) out.push({ manager: id, path });
  }
  return out;
}

function message(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    return `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${pathString(c.path)}`;
  }
  const grouped = new Map<string, Path[]>();
  for (const c of conflicts) {
    const name = printManager(c.manager);
    grouped.set(name, [...(grouped.get(name) ?? []), c.path]);
  }
  const lines: string[] = [];
  for (const name of [...grouped.keys()].sort()) {
    lines.push(`conflicts with ${name}:`);
    for (const p of grouped.get(name)!) lines.push(`- ${pathString(p)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

export function conflictError(conflicts: Conflict[]): StatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  return new StatusError(409, 'Conflict', message(conflicts), { causes });
}
