// Checks of the smaller parts of a CustomResourceDefinition, as
// apiextensions-apiserver/pkg/apis/apiextensions/validation does them: names, printer columns,
// scale subresource paths, conversion (incl. webhook client config), stored versions, the API
// approval annotation of protected groups, deprecation warnings. crd-validation.ts sequences them.
import type { FieldError } from '../../machinery/errors.js';
import { child, forbidden, index, invalid, key, notSupported, required } from '../../machinery/validation/field.js';
import { goLiteral, goStringSlice } from '../../machinery/validation/gofmt.js';
import { inclusiveRangeError, isDNS1035Label, isDNS1123Subdomain } from '../../machinery/validation/names.js';
import { isObj, type Obj } from './schema-types.js';
import type { CRDVersion } from './crd-internal.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function validateNames(names: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const dns1035 = (field: string, value: string, mixedCase: boolean): void => {
    const problems = isDNS1035Label(mixedCase ? value.toLowerCase() : value);
    if (!value || problems.length === 0) return;
    const detail = mixedCase ? `may have mixed case, but should otherwise match: ${problems.join(',')}` : problems.join(',');
    errs.push(invalid(child(path, field), value, detail));
  };
  dns1035('plural', str(names.plural), false);
  dns1035('singular', str(names.singular), false);
  dns1035('kind', str(names.kind), true);
  dns1035('listKind', str(names.listKind), true);
  strs(names.shortNames).forEach((s, i) => {
    const problems = isDNS1035Label(s);
    if (problems.length) errs.push(invalid(index(child(path, 'shortNames'), i), s, problems.join(',')));
  });
  if (str(names.kind) && names.kind === names.listKind) {
    errs.push(invalid(child(path, 'listKind'), str(names.listKind), 'kind and listKind may not be the same'));
  }
  strs(names.categories).forEach((c, i) => {
    const problems = isDNS1035Label(c);
    if (problems.length) errs.push(invalid(index(child(path, 'categories'), i), c, problems.join(',')));
  });
  return errs;
}

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

function validateSimpleJSONPath(s: string, path: string): FieldError[] {
  if (s.length === 0) return [invalid(path, s, 'must not be empty')];
  if (s[0] !== '.') return [invalid(path, s, 'must be a simple json path starting with .')];
  return [];
}

export function validateColumn(col: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(col.type);
  const format = str(col.format);
  const jsonPath = str(col.jsonPath);
  if (!str(col.name)) errs.push(required(child(path, 'name')));
  if (!type) errs.push(required(child(path, 'type'), `must be one of ${COLUMN_TYPES.join(',')}`));
  else if (!COLUMN_TYPES.includes(type)) errs.push(invalid(child(path, 'type'), type, `must be one of ${COLUMN_TYPES.join(',')}`));
  if (format && !COLUMN_FORMATS.includes(format)) {
    errs.push(invalid(child(path, 'format'), format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  }
  if (!jsonPath) errs.push(required(child(path, 'JSONPath')));
  else errs.push(...validateSimpleJSONPath(jsonPath, child(path, 'JSONPath')));
  return errs;
}

function scalePath(value: string, path: string, prefixes: string[], detail: string): FieldError[] {
  const errs = validateSimpleJSONPath(value, path);
  if (errs.length) return errs;
  return prefixes.some((p) => value.startsWith(p)) ? [] : [invalid(path, value, detail)];
}

export function validateSubresources(sub: CRDVersion['subresources'], path: string): FieldError[] {
  const scale = sub?.scale;
  if (!scale) return [];
  const errs: FieldError[] = [];
  const spec = str(scale.specReplicasPath);
  const status = str(scale.statusReplicasPath);
  const selector = str(scale.labelSelectorPath);
  if (!spec) errs.push(required(child(path, 'scale.specReplicasPath')));
  else errs.push(...scalePath(spec, child(path, 'scale.specReplicasPath'), ['.spec.'], 'should be a json path under .spec'));
  if (!status) errs.push(required(child(path, 'scale.statusReplicasPath')));
  else errs.push(...scalePath(status, child(path, 'scale.statusReplicasPath'), ['.status.'], 'should be a json path under .status'));
  if (selector) {
    errs.push(...scalePath(selector, child(path, 'scale.labelSelectorPath'), ['.spec.', '.status.'], 'should be a json path under either .spec or .status'));
  }
  return errs;
}

export function validateDeprecationWarning(v: CRDVersion, path: string): FieldError[] {
  const warning = v.deprecationWarning;
  const fail = (msg: string): FieldError => invalid(path, warning ?? null, msg);
  if (v.deprecated !== true && warning !== undefined) return [fail('can only be set for deprecated versions')];
  if (warning === undefined) return [];
  const errs: FieldError[] = [];
  if (Buffer.byteLength(warning) > 256) errs.push(fail('must be <= 256 characters long'));
  if (warning.length === 0) errs.push(fail('must not be an empty string'));
  let pos = 0;
  for (const ch of warning) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      errs.push(fail(`must only contain printable UTF-8 characters; non-printable character found at index ${pos}`));
      break;
    }
    pos += Buffer.byteLength(ch);
  }
  return errs;
}

function validateWebhookURL(url: string, path: string): FieldError[] {
  const form = '; desired format: https://host[/path]';
  let u: URL;
  try { u = new URL(url); } catch { return [invalid(path, '', `host must be specified${form}`)]; }
  const errs: FieldError[] = [];
  const scheme = u.protocol.replace(/:$/, '');
  if (scheme !== 'https') errs.push(invalid(path, scheme, `'https' is the only allowed URL scheme${form}`));
  if (!u.host) errs.push(invalid(path, u.host, `host must be specified${form}`));
  if (u.username || u.password) errs.push(invalid(path, u.password ? `${u.username}:${u.password}` : u.username, 'user information is not permitted in the URL'));
  if (u.hash) errs.push(invalid(path, u.hash.slice(1), 'fragments are not permitted in the URL'));
  if (u.search) errs.push(invalid(path, u.search.slice(1), 'query parameters are not permitted in the URL'));
  return errs;
}

function validateWebhookService(svc: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(svc.name)) errs.push(required(child(path, 'name'), 'service name is required'));
  if (!str(svc.namespace)) errs.push(required(child(path, 'namespace'), 'service namespace is required'));
  const port = typeof svc.port === 'number' ? svc.port : 443;
  if (port < 1 || port > 65535) errs.push(invalid(child(path, 'port'), port, `port is not valid: ${inclusiveRangeError(1, 65535)}`));
  const urlPath = typeof svc.path === 'string' ? svc.path : undefined;
  if (urlPath === undefined || urlPath === '/' || urlPath === '') return errs;
  if (urlPath === '//') return [...errs, invalid(child(path, 'path'), urlPath, 'segment[0] may not be empty')];
  if (!urlPath.startsWith('/')) errs.push(invalid(child(path, 'path'), urlPath, "must start with a '/'"));
  let rest = urlPath.slice(1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  rest.split('/').forEach((step, i) => {
    if (!step) { errs.push(invalid(child(path, 'path'), urlPath, `segment[${i}] may not be empty`)); return; }
    for (const f of isDNS1123Subdomain(step)) errs.push(invalid(child(path, 'path'), urlPath, `segment[${i}]: ${f}`));
  });
  return errs;
}

function validateReviewVersions(versions: string[], path: string): FieldError[] {
  if (versions.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v)) { errs.push(invalid(index(path, i), v, 'duplicate version')); return; }
    seen.add(v);
    for (const e of isDNS1035Label(v)) errs.push(invalid(index(path, i), v, e));
  });
  if (!versions.some((v) => v === 'v1' || v === 'v1beta1')) {
    errs.push(invalid(path, goStringSlice(versions), 'must include at least one of v1, v1beta1'));
  }
  return errs;
}

export function validateConversion(conversion: unknown, path: string): FieldError[] {
  if (!isObj(conversion)) return [];
  const strategy = str(conversion.strategy);
  const errs: FieldError[] = [];
  if (!strategy) errs.push(required(child(path, 'strategy')));
  else if (strategy !== 'None' && strategy !== 'Webhook') errs.push(notSupported(child(path, 'strategy'), strategy, ['None', 'Webhook']));
  const webhook = isObj(conversion.webhook) ? conversion.webhook : undefined;
  const cc = webhook && isObj(webhook.clientConfig) ? webhook.clientConfig : undefined;
  const reviewVersions = webhook ? strs(webhook.conversionReviewVersions) : [];
  if (strategy === 'Webhook') {
    const ccPath = child(path, 'webhookClientConfig');
    if (!cc) errs.push(required(ccPath, 'required when strategy is set to Webhook'));
    else if ((cc.url === undefined) === (cc.service === undefined)) errs.push(required(ccPath, 'exactly one of url or service is required'));
    else if (cc.url !== undefined) errs.push(...validateWebhookURL(str(cc.url), child(ccPath, 'url')));
    else errs.push(...validateWebhookService(isObj(cc.service) ? cc.service : {}, child(ccPath, 'service')));
    errs.push(...validateReviewVersions(reviewVersions, child(path, 'conversionReviewVersions')));
  } else {
    if (cc) errs.push(forbidden(child(path, 'webhookClientConfig'), 'should not be set when strategy is not set to Webhook'));
    if (reviewVersions.length) errs.push(forbidden(child(path, 'conversionReviewVersions'), 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

export function validateStoredVersions(stored: string[] | undefined, versions: CRDVersion[], path: string): FieldError[] {
  if (!stored || stored.length === 0) {
    return [invalid(path, stored ? goStringSlice([]) : goLiteral('[]string(nil)'), 'must have at least one stored version')];
  }
  const errs: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i] as [string, number]));
  for (const v of versions) {
    const name = v.name ?? '';
    const ok = remaining.has(name);
    if (v.storage === true && !ok) errs.push(invalid(path, goStringSlice(stored), `must have the storage version ${name}`));
    if (ok) remaining.delete(name);
  }
  for (const [v, i] of remaining) errs.push(invalid(index(path, i), v, 'must appear in spec.versions'));
  return errs;
}

export const API_APPROVED_ANNOTATION = 'api-approved.kubernetes.io';

export function isProtectedCommunityGroup(group: string): boolean {
  return group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
}

export type ApprovalState = 'Invalid' | 'Approved' | 'Bypassed' | 'Missing';

/** apihelpers.GetAPIApprovalState: the state and kube's reason text. */
export function apiApprovalState(annotations: Record<string, string> | undefined): [ApprovalState, string] {
  const value = annotations?.[API_APPROVED_ANNOTATION] ?? '';
  if (!value) return ['Missing', `protected groups must have approval annotation "${API_APPROVED_ANNOTATION}", see https://github.com/kubernetes/enhancements/pull/1111`];
  if (value.startsWith('unapproved')) return ['Bypassed', `not approved: ${JSON.stringify(value)}`];
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\s]+/.test(value)) return ['Approved', `approved in ${value}`];
  return ['Invalid', `protected groups must have approval annotation "${API_APPROVED_ANNOTATION}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`];
}

export function validateAPIApproval(group: string, annotations: Record<string, string> | undefined, oldAnnotations?: Record<string, string>): FieldError[] {
  if (!isProtectedCommunityGroup(group)) return [];
  const [state, reason] = apiApprovalState(annotations);
  if (oldAnnotations !== undefined && apiApprovalState(oldAnnotations)[0] === state) return [];
  const path = key('metadata.annotations', API_APPROVED_ANNOTATION);
  if (state === 'Missing') return [required(path, reason)];
  if (state === 'Invalid') return [invalid(path, annotations?.[API_APPROVED_ANNOTATION] ?? '', reason)];
  return [];
}
