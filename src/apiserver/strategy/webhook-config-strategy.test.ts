import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { BUILTIN_RESOURCES } from '../../api/builtin-resources.js';
import { webhookConfigurationStrategy } from './webhook-config-strategy.js';

const info = (kind: string) => BUILTIN_RESOURCES.find((r) => r.kind === kind)!;
const mutating = info('MutatingWebhookConfiguration');
const strategy = webhookConfigurationStrategy(mutating);

function config(hook: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'c' },
    webhooks: [{
      name: 'a.example.com', sideEffects: 'None', admissionReviewVersions: ['v1'],
      clientConfig: { service: { name: 's', namespace: 'n' } },
      rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
      ...hook,
    }],
  };
}

function messages(obj: KubeObject): string[] {
  strategy.defaults(obj);
  return strategy.validate(obj, mutating).map((e) => e.message);
}

test('defaults are kube v1 defaults', () => {
  const obj = config({});
  strategy.defaults(obj);
  const hook = (obj.webhooks as Record<string, unknown>[])[0]!;
  assert.equal(hook.failurePolicy, 'Fail');
  assert.equal(hook.matchPolicy, 'Equivalent');
  assert.equal(hook.timeoutSeconds, 10);
  assert.equal(hook.reinvocationPolicy, 'Never');
  assert.deepEqual(hook.namespaceSelector, {});
  assert.deepEqual(hook.objectSelector, {});
  assert.deepEqual(hook.clientConfig, { service: { name: 's', namespace: 'n', port: 443 } });
  assert.equal((hook.rules as { scope: string }[])[0]!.scope, '*');
  assert.deepEqual(messages(config({})), []);
  // Validating webhooks have no reinvocationPolicy.
  const validating = config({});
  webhookConfigurationStrategy(info('ValidatingWebhookConfiguration')).defaults(validating);
  assert.equal((validating.webhooks as Record<string, unknown>[])[0]!.reinvocationPolicy, undefined);
});

test('names, side effects, versions, timeouts and client configs are validated with kube messages', () => {
  assert.deepEqual(messages(config({ name: 'short.name' })), [
    'webhooks[0].name: Invalid value: "short.name": should be a domain with at least three segments separated by dots',
  ]);
  assert.deepEqual(messages(config({ sideEffects: undefined })), ['webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun']);
  assert.deepEqual(messages(config({ sideEffects: 'Some' })), ['webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"']);
  assert.deepEqual(messages(config({ admissionReviewVersions: ['v2'] })), [
    'webhooks[0].admissionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1',
  ]);
  assert.deepEqual(messages(config({ timeoutSeconds: 31 })), ['webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds']);
  assert.deepEqual(messages(config({ clientConfig: { url: 'http://h/x' } })), [
    'webhooks[0].clientConfig.url: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]',
  ]);
  assert.deepEqual(messages(config({ clientConfig: { url: 'https://h/x?a=b#f' } })), [
    'webhooks[0].clientConfig.url: Invalid value: "f": fragments are not permitted in the URL',
    'webhooks[0].clientConfig.url: Invalid value: "a=b": query parameters are not permitted in the URL',
  ]);
  assert.deepEqual(messages(config({ clientConfig: {} })), ['webhooks[0].clientConfig: Required value: exactly one of url or service is required']);
});

test('rules: operations, wildcards and resources', () => {
  const rule = (r: Record<string, unknown>) => config({ rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], ...r }] });
  assert.deepEqual(messages(rule({ operations: ['PATCH'] })), [
    'webhooks[0].rules[0].operations[0]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
  ]);
  assert.match(messages(rule({ operations: ['*', 'CREATE'] }))[0]!, /if '\*' is present, must not specify other operations/);
  assert.match(messages(rule({ resources: ['*/*', 'pods'] }))[0]!, /if '\*\/\*' is present, must not specify other resources/);
  assert.match(messages(rule({ resources: ['pods/*', 'pods/status'] }))[0]!, /if 'pods\/\*' is present, must not specify pods\/status/);
  assert.deepEqual(messages(rule({ resources: ['pods', 'pods/status', '*/scale'] })), []);
});

test('webhook names are unique within a configuration', () => {
  const obj = config({});
  obj.webhooks = [...(obj.webhooks as object[]), ...(config({}).webhooks as object[])];
  assert.deepEqual(messages(obj), ['webhooks[1].name: Duplicate value: "a.example.com"']);
});
