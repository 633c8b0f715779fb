// What kube-apiserver does to a CustomResourceDefinition besides validating it:
// - defaulting (apiextensions/v1 defaults.go): names.singular = lower-case kind,
//   names.listKind = <Kind>List, conversion {strategy: None}, webhook service port 443,
//   status.storedVersions = [storage version] when empty;
// - the strategy's PrepareForCreate/PrepareForUpdate: status reset (or carried over), generation,
//   storage version appended to storedVersions;
// - the status its controllers then write: acceptedNames and the NamesAccepted and Established
//   conditions (naming and establishing controllers), plus KubernetesAPIApprovalPolicyConformant
//   for *.k8s.io / *.kubernetes.io groups (API approval controller).
import { apiApprovalState, isProtectedCommunityGroup } from './crd-parts.js';
import { isObj, jsonEqual, type Obj } from './schema-types.js';

const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function storageVersion(spec: Obj): string | undefined {
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  const storage = versions.find((v) => isObj(v) && v.storage === true);
  return isObj(storage) ? str(storage.name) : undefined;
}

/** Applies kube's v1 defaults in place. */
export function defaultCRD(crd: Obj): void {
  const spec = obj(crd.spec);
  crd.spec = spec;
  const names = obj(spec.names);
  spec.names = names;
  if (!str(names.singular)) names.singular = str(names.kind).toLowerCase();
  if (!str(names.listKind) && str(names.kind)) names.listKind = `${str(names.kind)}List`;
  if (!isObj(spec.conversion)) spec.conversion = { strategy: 'None' };
  const webhook = obj(spec.conversion).webhook;
  const service = isObj(webhook) && isObj(webhook.clientConfig) ? webhook.clientConfig.service : undefined;
  if (isObj(service) && service.port === undefined) service.port = 443;
  const status = obj(crd.status);
  const stored = Array.isArray(status.storedVersions) ? status.storedVersions : [];
  const storage = storageVersion(spec);
  if (stored.length === 0 && storage !== undefined) {
    crd.status = { ...status, storedVersions: [storage] };
  }
}

/** The status a CRD has right after creation: accepted names empty, the storage version recorded. */
export function prepareCRDForCreate(crd: Obj): void {
  const storage = storageVersion(obj(crd.spec));
  crd.status = {
    acceptedNames: { plural: '', kind: '' },
    ...(storage !== undefined ? { storedVersions: [storage] } : {}),
  };
  crd.metadata = { ...obj(crd.metadata), generation: 1 };
}

/** Update keeps the old status, bumps generation on spec changes, records a new storage version. */
export function prepareCRDForUpdate(crd: Obj, old: Obj): void {
  const status = structuredClone(obj(old.status));
  const meta = obj(crd.metadata);
  const oldGeneration = typeof obj(old.metadata).generation === 'number' ? (obj(old.metadata).generation as number) : 0;
  crd.metadata = { ...meta, generation: jsonEqual(crd.spec, old.spec) ? oldGeneration : oldGeneration + 1 };
  const storage = storageVersion(obj(crd.spec));
  const stored = Array.isArray(status.storedVersions) ? (status.storedVersions as string[]) : [];
  if (storage !== undefined && !stored.includes(storage)) status.storedVersions = [...stored, storage];
  crd.status = status;
}

export interface CRDNames {
  plural?: string;
  singular?: string;
  shortNames?: string[];
  kind?: string;
  listKind?: string;
  categories?: string[];
}

export interface CRDCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

function condition(type: string, status: CRDCondition['status'], reason: string, message: string, now: string): CRDCondition {
  return { type, status, lastTransitionTime: now, reason, message };
}

/** equalToAcceptedOrFresh: a name is fine if already ours or unused in the group. */
function conflict(requested: string, accepted: string, used: Set<string>): string | undefined {
  return requested === accepted || !used.has(requested) ? undefined : `"${requested}" is already in use`;
}

/**
 * The status the naming, establishing and API-approval controllers converge to. `groupAccepted`
 * are the accepted names of the other CRDs of the same group. Existing conditions keep their
 * lastTransitionTime when their status does not change.
 */
export function crdControllerStatus(crd: Obj, groupAccepted: CRDNames[], now: string): Obj {
  const spec = obj(crd.spec);
  const status = obj(crd.status);
  const requested = obj(spec.names) as CRDNames;
  const accepted = obj(status.acceptedNames) as CRDNames;
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const n of [...groupAccepted, accepted]) {
    for (const r of [n.plural, n.singular, ...(n.shortNames ?? [])]) if (r) resources.add(r);
    for (const k of [n.kind, n.listKind]) if (k) kinds.add(k);
  }
  const next: CRDNames = { ...accepted };
  let failure: [string, string] | undefined;
  const check = (field: 'plural' | 'singular' | 'kind' | 'listKind', used: Set<string>, reason: string): void => {
    const err = conflict(requested[field] ?? '', accepted[field] ?? '', used);
    if (err) failure = [reason, err];
    else next[field] = requested[field];
  };
  check('plural', resources, 'PluralConflict');
  check('singular', resources, 'SingularConflict');
  if (!jsonEqual(requested.shortNames ?? [], accepted.shortNames ?? [])) {
    const mine = new Set(accepted.shortNames ?? []);
    const errs = (requested.shortNames ?? []).filter((s) => !mine.has(s)).map((s) => conflict(s, '', resources)).filter(Boolean) as string[];
    if (errs.length) failure = ['ShortNamesConflict', errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`];
    else next.shortNames = requested.shortNames;
  }
  check('kind', kinds, 'KindConflict');
  check('listKind', kinds, 'ListKindConflict');
  if (requested.categories) next.categories = requested.categories;
  const namesAccepted = failure
    ? condition('NamesAccepted', 'False', failure[0], failure[1], now)
    : condition('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found', now);
  const established = failure
    ? condition('Established', 'False', 'NotAccepted', 'not all names are accepted', now)
    : condition('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted', now);
  const conditions: CRDCondition[] = [];
  const group = str(spec.group);
  if (isProtectedCommunityGroup(group)) conditions.push(approvalCondition(obj(crd.metadata).annotations as Record<string, string> | undefined, now));
  conditions.push(namesAccepted, established);
  return { ...status, acceptedNames: next, conditions: keepTransitionTimes(conditions, status.conditions) };
}

function approvalCondition(annotations: Record<string, string> | undefined, now: string): CRDCondition {
  const [state, reason] = apiApprovalState(annotations);
  const type = 'KubernetesAPIApprovalPolicyConformant';
  switch (state) {
    case 'Approved': return condition(type, 'True', 'ApprovedAnnotation', reason, now);
    case 'Bypassed': return condition(type, 'False', 'UnapprovedAnnotation', reason, now);
    case 'Missing': return condition(type, 'False', 'MissingAnnotation', reason, now);
    default: return condition(type, 'False', 'InvalidAnnotation', reason, now);
  }
}

/** SetCRDCondition semantics: update in place (time kept unless the status flips), append new ones. */
function keepTransitionTimes(next: CRDCondition[], previous: unknown): Obj[] {
  const out: Obj[] = Array.isArray(previous) ? previous.filter(isObj).map((c) => ({ ...c })) : [];
  for (const c of next) {
    const i = out.findIndex((o) => o.type === c.type);
    if (i < 0) { out.push({ ...c }); continue; }
    const keep = out[i]!.status === c.status && typeof out[i]!.lastTransitionTime === 'string';
    out[i] = { ...c, lastTransitionTime: keep ? out[i]!.lastTransitionTime : c.lastTransitionTime };
  }
  return out;
}
