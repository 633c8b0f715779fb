// MutatingWebhookConfiguration and ValidatingWebhookConfiguration (admissionregistration.k8s.io/v1):
// kube's v1 defaults (failurePolicy Fail, matchPolicy Equivalent, empty selectors, 10 s timeout,
// reinvocationPolicy Never, rule scope "*", service port 443) and its validation, so a
// configuration the dispatcher reads is always callable. matchConditions (CEL) are kept, not
// evaluated (ADR 0006).
import type { ResourceInfo } from '../../api/resource-info.js';
import type { RuleWithOperations, Webhook, WebhookClientConfig, WebhookConfiguration } from '../../api/admissionregistration.js';
import type { FieldError } from '../../machinery/errors.js';
import { child, duplicate, index, invalid, notSupported, required } from '../../machinery/validation/field.js';
import { validateLabelSelector } from '../../machinery/validation/label-selector.js';
import { goStringSlice } from '../../machinery/validation/gofmt.js';
import { isDNS1035Label, isDNS1123Subdomain } from '../../machinery/validation/names.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
const FAILURE_POLICIES = ['Fail', 'Ignore'];
const MATCH_POLICIES = ['Equivalent', 'Exact'];
const SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const REVIEW_VERSIONS = ['v1', 'v1beta1'];
const URL_FORM = '; desired format: https://host[/path]';

function defaultWebhook(hook: Webhook, mutating: boolean): void {
  hook.failurePolicy ??= 'Fail';
  hook.matchPolicy ??= 'Equivalent';
  hook.namespaceSelector ??= {};
  hook.objectSelector ??= {};
  hook.timeoutSeconds ??= 10;
  if (mutating) hook.reinvocationPolicy ??= 'Never';
  for (const rule of hook.rules ?? []) rule.scope ??= '*';
  if (hook.clientConfig?.service) hook.clientConfig.service.port ??= 443;
}

function validateFullyQualifiedName(path: string, name: string | undefined): FieldError[] {
  if (!name) return [required(path)];
  const errs = isDNS1123Subdomain(name);
  if (errs.length > 0) return [invalid(path, name, errs.join(','))];
  if (name.split('.').length < 3) return [invalid(path, name, 'should be a domain with at least three segments separated by dots')];
  return [];
}

function validateWildcardList(path: string, list: string[] | undefined, what: string): FieldError[] {
  if (!list || list.length === 0) return [required(path)];
  if (list.length > 1 && list.includes('*')) return [invalid(path, goStringSlice(list), `if '*' is present, must not specify other ${what}`)];
  return [];
}

function validateResources(path: string, resources: string[] | undefined): FieldError[] {
  if (!resources || resources.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const wildcardSub = new Set<string>();
  const wildcardRes = new Set<string>();
  let plain = false;
  resources.forEach((r, i) => {
    if (!r) { errs.push(required(index(path, i))); return; }
    const [res, sub] = r.split('/', 2) as [string, string?];
    if (sub === undefined) { plain ||= r !== '*'; return; }
    if (wildcardSub.has(res)) errs.push(invalid(index(path, i), r, `if '${res}/*' is present, must not specify ${r}`));
    if (wildcardRes.has(sub)) errs.push(invalid(index(path, i), r, `if '*/${sub}' is present, must not specify ${r}`));
    if (sub === '*') wildcardSub.add(res);
    if (res === '*') wildcardRes.add(sub);
  });
  if (resources.length > 1 && resources.includes('*/*')) errs.push(invalid(path, goStringSlice(resources), "if '*/*' is present, must not specify other resources"));
  if (resources.includes('*') && plain) errs.push(invalid(path, goStringSlice(resources), "if '*' is present, must not specify other resources without subresources"));
  return errs;
}

function validateRule(rule: RuleWithOperations, path: string): FieldError[] {
  const errs = validateWildcardList(child(path, 'operations'), rule.operations, 'operations');
  (rule.operations ?? []).forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errs.push(notSupported(index(child(path, 'operations'), i), op, OPERATIONS));
  });
  errs.push(...validateWildcardList(child(path, 'apiGroups'), rule.apiGroups, 'API groups'));
  errs.push(...validateWildcardList(child(path, 'apiVersions'), rule.apiVersions, 'API versions'));
  (rule.apiVersions ?? []).forEach((v, i) => { if (!v) errs.push(required(index(child(path, 'apiVersions'), i))); });
  errs.push(...validateResources(child(path, 'resources'), rule.resources));
  if (rule.scope !== undefined && !SCOPES.includes(rule.scope)) errs.push(notSupported(child(path, 'scope'), rule.scope, SCOPES));
  return errs;
}

function validateURL(path: string, raw: string): FieldError[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch (err) {
    return [required(path, `url must be a valid URL: ${(err as Error).message}${URL_FORM}`)];
  }
  const errs: FieldError[] = [];
  const scheme = u.protocol.replace(/:$/, '');
  if (scheme !== 'https') errs.push(invalid(path, scheme, `'https' is the only allowed URL scheme${URL_FORM}`));
  if (!u.host) errs.push(invalid(path, u.host, `host must be specified${URL_FORM}`));
  if (u.username || u.password) errs.push(invalid(path, u.username, 'user information is not permitted in the URL'));
  if (u.hash) errs.push(invalid(path, u.hash.slice(1), 'fragments are not permitted in the URL'));
  if (u.search) errs.push(invalid(path, u.search.slice(1), 'query parameters are not permitted in the URL'));
  return errs;
}

function validateClientConfig(cc: WebhookClientConfig | undefined, path: string): FieldError[] {
  if (!cc || Boolean(cc.url) === Boolean(cc.service)) return [required(path, 'exactly one of url or service is required')];
  if (cc.url) return validateURL(child(path, 'url'), cc.url);
  const svc = cc.service!;
  const p = child(path, 'service');
  const errs: FieldError[] = [];
  if (!svc.name) errs.push(required(child(p, 'name'), 'service name is required'));
  if (!svc.namespace) errs.push(required(child(p, 'namespace'), 'service namespace is required'));
  const port = svc.port ?? 443;
  if (!Number.isInteger(port) || port < 1 || port > 65535) errs.push(invalid(child(p, 'port'), port, 'port is not valid: must be between 1 and 65535, inclusive'));
  if (svc.path && svc.path !== '/' && !svc.path.startsWith('/')) errs.push(invalid(child(p, 'path'), svc.path, "must start with a '/'"));
  return errs;
}

function validateReviewVersions(versions: string[] | undefined, path: string): FieldError[] {
  if (!versions || versions.length === 0) return [required(path, `must specify one of ${REVIEW_VERSIONS.join(', ')}`)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v)) { errs.push(invalid(index(path, i), v, 'duplicate version')); return; }
    seen.add(v);
    errs.push(...isDNS1035Label(v).map((msg) => invalid(index(path, i), v, msg)));
  });
  if (!versions.some((v) => REVIEW_VERSIONS.includes(v))) errs.push(invalid(path, goStringSlice(versions), `must include at least one of ${REVIEW_VERSIONS.join(', ')}`));
  return errs;
}

function checkEnum(path: string, value: string | undefined, valid: string[]): FieldError[] {
  return value !== undefined && !valid.includes(value) ? [notSupported(path, value, valid)] : [];
}

function validateWebhook(hook: Webhook, path: string, mutating: boolean): FieldError[] {
  const errs = validateFullyQualifiedName(child(path, 'name'), hook.name);
  (hook.rules ?? []).forEach((r, i) => errs.push(...validateRule(r, index(child(path, 'rules'), i))));
  errs.push(...checkEnum(child(path, 'failurePolicy'), hook.failurePolicy, FAILURE_POLICIES));
  errs.push(...checkEnum(child(path, 'matchPolicy'), hook.matchPolicy, MATCH_POLICIES));
  if (hook.sideEffects === undefined) errs.push(required(child(path, 'sideEffects'), `must specify one of ${SIDE_EFFECTS.join(', ')}`));
  else errs.push(...checkEnum(child(path, 'sideEffects'), hook.sideEffects, SIDE_EFFECTS));
  const t = hook.timeoutSeconds;
  if (t !== undefined && (t < 1 || t > 30)) errs.push(invalid(child(path, 'timeoutSeconds'), t, 'the timeout value must be between 1 and 30 seconds'));
  errs.push(...validateLabelSelector(hook.namespaceSelector, child(path, 'namespaceSelector')));
  errs.push(...validateLabelSelector(hook.objectSelector, child(path, 'objectSelector')));
  if (mutating) errs.push(...checkEnum(child(path, 'reinvocationPolicy'), hook.reinvocationPolicy, REINVOCATION_POLICIES));
  errs.push(...validateReviewVersions(hook.admissionReviewVersions, child(path, 'admissionReviewVersions')));
  errs.push(...validateClientConfig(hook.clientConfig, child(path, 'clientConfig')));
  return errs;
}

function validateWebhooks(config: WebhookConfiguration, mutating: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (config.webhooks ?? []).forEach((hook, i) => {
    const path = index('webhooks', i);
    if (hook.name && names.has(hook.name)) errs.push(duplicate(child(path, 'name'), hook.name));
    names.add(hook.name);
    errs.push(...validateWebhook(hook, path, mutating));
  });
  return errs;
}

export function webhookConfigurationStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  const mutating = info.kind === 'MutatingWebhookConfiguration';
  return {
    ...base,
    tracksGeneration: true,
    defaults(obj) {
      for (const hook of (obj as WebhookConfiguration).webhooks ?? []) defaultWebhook(hook, mutating);
    },
    validate(obj, resource) {
      return [...base.validate(obj, resource), ...validateWebhooks(obj as WebhookConfiguration, mutating)];
    },
    validateUpdate(obj, old, resource) {
      return [...base.validateUpdate(obj, old, resource), ...validateWebhooks(obj as WebhookConfiguration, mutating)];
    },
  };
}
