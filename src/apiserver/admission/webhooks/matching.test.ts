import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleWithOperations } from '../../../api/admissionregistration.js';
import type { RequestScope } from '../../handlers/scope.js';
import type { AdmissionAttributes, Operation } from '../types.js';
import { isExempt, ruleMatches } from './matching.js';

function attrs(resource: string, opts: { group?: string; subresource?: string; namespaced?: boolean; op?: Operation } = {}): AdmissionAttributes {
  const info = { group: opts.group ?? '', version: 'v1', resource, namespaced: opts.namespaced ?? true };
  const scope = { info, subresource: opts.subresource ?? '', namespace: 'a', name: 'x' } as unknown as RequestScope;
  return { scope, operation: opts.op ?? 'CREATE' };
}

const rule = (r: Partial<RuleWithOperations>): RuleWithOperations => ({
  operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], ...r,
});

test('resources match the main resource only unless a subresource is named', () => {
  assert.equal(ruleMatches(rule({}), attrs('pods')), true);
  assert.equal(ruleMatches(rule({}), attrs('pods', { subresource: 'status' })), false);
  assert.equal(ruleMatches(rule({ resources: ['pods/status'] }), attrs('pods', { subresource: 'status' })), true);
  assert.equal(ruleMatches(rule({ resources: ['pods/*'] }), attrs('pods', { subresource: 'binding' })), true);
  // As in kube, `pods/*` covers the pod itself too (its subresource is "").
  assert.equal(ruleMatches(rule({ resources: ['pods/*'] }), attrs('pods')), true);
  assert.equal(ruleMatches(rule({ resources: ['*/status'] }), attrs('services', { subresource: 'status' })), true);
  assert.equal(ruleMatches(rule({ resources: ['*'] }), attrs('services', { subresource: 'status' })), false);
  assert.equal(ruleMatches(rule({ resources: ['*/*'] }), attrs('services', { subresource: 'status' })), true);
});

test('operations, groups, versions and scope all have to match', () => {
  assert.equal(ruleMatches(rule({}), attrs('pods', { op: 'UPDATE' })), false);
  assert.equal(ruleMatches(rule({ operations: ['*'] }), attrs('pods', { op: 'DELETE' })), true);
  assert.equal(ruleMatches(rule({ apiGroups: ['apps'] }), attrs('pods')), false);
  assert.equal(ruleMatches(rule({ apiGroups: ['*'], resources: ['deployments'] }), attrs('deployments', { group: 'apps' })), true);
  assert.equal(ruleMatches(rule({ apiVersions: ['v1beta1'] }), attrs('pods')), false);
  assert.equal(ruleMatches(rule({ scope: 'Cluster', resources: ['*'] }), attrs('pods')), false);
  assert.equal(ruleMatches(rule({ scope: 'Cluster', resources: ['*'] }), attrs('namespaces', { namespaced: false })), true);
  assert.equal(ruleMatches(rule({ scope: 'Namespaced', resources: ['*'] }), attrs('pods')), true);
});

test('webhook configurations are never sent to webhooks', () => {
  assert.equal(isExempt(attrs('mutatingwebhookconfigurations', { group: 'admissionregistration.k8s.io', namespaced: false })), true);
  assert.equal(isExempt(attrs('pods')), false);
});
