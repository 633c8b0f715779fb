// The core of field management (structured-merge-diff's merge.Updater) for a single API version:
// how a write moves field ownership between managers, how apply detects conflicts, and how apply
// prunes the fields an applier stopped applying. Objects are compared in their Go-serialized form
// (go-zero.ts). "Ignored" paths are the strategy's reset fields (e.g. status on the main resource),
// which no manager ever acquires through that endpoint.
import { field } from './field-path.js';
import { FieldSet } from './field-set.js';
import { withGoZeroValues } from './go-zero.js';
import { jsonEqual } from './json-value.js';
import type { ManagerSet } from './managed-fields.js';
import type { SsaType } from './ssa-schema.js';
import { compareTyped, filterComparison, type Comparison } from './typed-compare.js';
import { ensureNamedFieldsAreMembers, toFieldSet } from './typed-fieldset.js';
import { mergeTyped } from './typed-merge.js';
import { removeItems } from './typed-remove.js';

export type Managers = Map<string, ManagerSet>;

export interface UpdaterContext {
  type: SsaType;
  ignored: FieldSet;
}

/** Apply conflicts: for each other manager, the fields this apply would take from it. */
export class ApplyConflicts extends Error {
  constructor(readonly conflicts: Map<string, FieldSet>) {
    super('apply conflicts');
  }
}

function compare(oldObj: unknown, newObj: unknown, ctx: UpdaterContext): Comparison {
  return compareTyped(withGoZeroValues(oldObj, ctx.type), withGoZeroValues(newObj, ctx.type), ctx.type);
}

/** Takes changed fields away from every manager but `workflow`; conflicts stop it unless forced. */
function transfer(oldObj: unknown, newObj: unknown, managers: Managers, workflow: string, force: boolean, ctx: UpdaterContext): Comparison {
  const full = compare(oldObj, newObj, ctx);
  const visible = filterComparison(full, ctx.ignored);
  const changed = visible.modified.union(visible.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [id, ms] of managers) {
    if (id === workflow) continue;
    const taken = ms.set.intersection(changed);
    if (!taken.isEmpty()) conflicts.set(id, taken);
  }
  if (!force && conflicts.size > 0) throw new ApplyConflicts(conflicts);
  for (const [id, ms] of managers) {
    if (id === workflow) continue;
    let set = ms.set;
    const taken = conflicts.get(id);
    if (taken) set = set.difference(taken);
    if (!visible.removed.isEmpty()) set = set.difference(visible.removed);
    managers.set(id, { ...ms, set });
  }
  for (const [id, ms] of managers) if (ms.set.isEmpty()) managers.delete(id);
  return full;
}

/** A non-apply write by `manager`: it acquires what changed. */
export function updateManagers(live: unknown, next: unknown, version: string, managers: Managers, manager: string, ctx: UpdaterContext): void {
  const c = transfer(live, next, managers, manager, true, ctx);
  const previous = managers.get(manager)?.set ?? new FieldSet();
  const set = previous.difference(c.removed).union(c.modified).union(c.added).recursiveDifference(ctx.ignored);
  if (set.isEmpty()) managers.delete(manager);
  else managers.set(manager, { set, apiVersion: version, applied: false });
}

export interface ApplyResult {
  /** The merged object, or undefined when applying changed nothing. */
  object: unknown;
}

/** An apply by `manager`: merge, prune what it no longer applies, then take ownership. */
export function applyManagers(
  live: unknown, config: unknown, version: string, managers: Managers, manager: string, force: boolean, ctx: UpdaterContext,
): ApplyResult {
  const merged = mergeTyped(live, config, ctx.type);
  const lastSet = managers.get(manager)?.set;
  const set = toFieldSet(config, ctx.type).recursiveDifference(ctx.ignored);
  managers.set(manager, { set, apiVersion: version, applied: true });
  const pruned = lastSet && !lastSet.isEmpty() ? prune(merged, managers, lastSet, ctx.type) : merged;
  transfer(live, pruned, managers, manager, force, ctx);
  return { object: jsonEqual(live, pruned) ? undefined : pruned };
}

/** Removes what the applier owned last time and no longer applies, unless someone else owns it. */
function prune(merged: unknown, managers: Managers, lastSet: FieldSet, type: SsaType): unknown {
  const named = (s: FieldSet) => ensureNamedFieldsAreMembers(s, type);
  const last = named(lastSet);
  let pruned = removeItems(merged, last, type);
  let owned = new FieldSet();
  for (const ms of managers.values()) owned = owned.union(ms.set);
  const mergedSet = named(toFieldSet(merged, type));
  pruned = removeItems(merged, mergedSet.difference(named(toFieldSet(pruned, type)).union(named(owned))), type);
  const dangling = mergedSet.difference(named(toFieldSet(pruned, type))).intersection(last);
  return removeItems(merged, dangling, type);
}

/** Identity fields kube never records in managedFields (its stripMeta manager). */
export const STRIPPED = FieldSet.of(
  [field('apiVersion')], [field('kind')], [field('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((f) => [field('metadata'), field(f)]),
);

export function stripMeta(managers: Managers, manager: string): void {
  const ms = managers.get(manager);
  if (!ms) return;
  const set = ms.set.difference(STRIPPED);
  if (set.isEmpty()) managers.delete(manager);
  else managers.set(manager, { ...ms, set });
}
