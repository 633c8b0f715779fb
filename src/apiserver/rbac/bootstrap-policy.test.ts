import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { aggregateRules, sameRules } from '../controllers/clusterrole-aggregation.js';
import {
  AGGREGATE_TO_ADMIN, AGGREGATE_TO_EDIT, AGGREGATE_TO_VIEW, AUTOUPDATE_ANNOTATION,
  forgeBootstrapClusterRoleBindings, forgeBootstrapClusterRoles,
} from './bootstrap-policy.js';
import { ruleAllows, type Attributes, type PolicyRule } from './rbac-authorizer.js';

const byName = (objs: KubeObject[]) => new Map(objs.map((o) => [o.metadata.name ?? '', o]));

/** Runs aggregation over all aggregated roles until nothing changes, as the controller does. */
function converge(roles: KubeObject[]): Map<string, KubeObject> {
  const state = byName(roles);
  for (let changed = true, rounds = 0; changed; rounds++) {
    assert.ok(rounds < 10, 'aggregation does not converge');
    changed = false;
    for (const [name, role] of state) {
      if (!role.aggregationRule) continue;
      const rules = aggregateRules(role, [...state.values()]);
      if (!sameRules(role.rules as unknown[], rules)) { state.set(name, { ...role, rules }); changed = true; }
    }
  }
  return state;
}

function can(role: KubeObject | undefined, verb: string, apiGroup: string, resource: string, subresource = ''): boolean {
  const a: Attributes = {
    user: { name: 'u', groups: [] }, verb, resourceRequest: true, namespace: 'ns', apiGroup, resource, subresource, name: '', path: '',
  };
  return ((role?.rules ?? []) as PolicyRule[]).some((r) => ruleAllows(r, a));
}

function canURL(role: KubeObject | undefined, path: string): boolean {
  const a: Attributes = {
    user: { name: 'u', groups: [] }, verb: 'get', resourceRequest: false, namespace: '', apiGroup: '', resource: '', subresource: '', name: '', path,
  };
  return ((role?.rules ?? []) as PolicyRule[]).some((r) => ruleAllows(r, a));
}

test('bootstrap cluster roles: names, labels, annotations, kind', () => {
  const roles = forgeBootstrapClusterRoles();
  assert.deepEqual(roles.map((r) => r.metadata.name).sort(), [
    'admin', 'cluster-admin', 'edit', 'system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view',
    'system:auth-delegator', 'system:basic-user', 'system:discovery', 'system:public-info-viewer', 'view',
  ]);
  for (const r of roles) {
    assert.equal(r.apiVersion, 'rbac.authorization.k8s.io/v1');
    assert.equal(r.kind, 'ClusterRole');
    assert.equal(r.metadata.labels?.['kubernetes.io/bootstrapping'], 'rbac-defaults', r.metadata.name);
    assert.equal(r.metadata.annotations?.[AUTOUPDATE_ANNOTATION], 'true', r.metadata.name);
    assert.ok(Array.isArray(r.rules), r.metadata.name);
  }
  const m = byName(roles);
  assert.equal(m.get('edit')?.metadata.labels?.[AGGREGATE_TO_ADMIN], 'true');
  assert.equal(m.get('view')?.metadata.labels?.[AGGREGATE_TO_EDIT], 'true');
  assert.equal(m.get('system:aggregate-to-view')?.metadata.labels?.[AGGREGATE_TO_VIEW], 'true');
  // Fresh objects each call: callers may mutate them.
  assert.notEqual(forgeBootstrapClusterRoles()[0], roles[0]);
});

test('admin, edit and view are aggregated roles with empty rules', () => {
  const m = byName(forgeBootstrapClusterRoles());
  for (const [name, label] of [['admin', AGGREGATE_TO_ADMIN], ['edit', AGGREGATE_TO_EDIT], ['view', AGGREGATE_TO_VIEW]] as const) {
    const role = m.get(name)!;
    assert.deepEqual(role.rules, []);
    assert.deepEqual(role.aggregationRule, { clusterRoleSelectors: [{ matchLabels: { [label]: 'true' } }] });
  }
});

test('cluster-admin, discovery, public-info-viewer and basic-user grant what kube grants', () => {
  const m = byName(forgeBootstrapClusterRoles());
  const admin = m.get('cluster-admin');
  assert.ok(can(admin, 'delete', 'apps', 'deployments'));
  assert.ok(can(admin, 'escalate', 'rbac.authorization.k8s.io', 'clusterroles'));
  assert.ok(canURL(admin, '/metrics'));
  const discovery = m.get('system:discovery');
  for (const p of ['/api', '/api/v1', '/apis', '/apis/apps/v1', '/version', '/healthz', '/livez', '/readyz', '/openapi/v3']) {
    assert.ok(canURL(discovery, p), p);
  }
  assert.ok(!canURL(discovery, '/metrics'));
  assert.ok(!can(discovery, 'get', '', 'pods'));
  const info = m.get('system:public-info-viewer');
  assert.ok(canURL(info, '/version') && canURL(info, '/livez'));
  assert.ok(!canURL(info, '/api'));
  const basic = m.get('system:basic-user');
  assert.ok(can(basic, 'create', 'authorization.k8s.io', 'selfsubjectaccessreviews'));
  assert.ok(can(basic, 'create', 'authorization.k8s.io', 'selfsubjectrulesreviews'));
  assert.ok(can(basic, 'create', 'authentication.k8s.io', 'selfsubjectreviews'));
  assert.ok(!can(basic, 'create', 'authorization.k8s.io', 'subjectaccessreviews'));
});

test('aggregated view reads workloads and logs but not secrets; edit writes; admin manages roles', () => {
  const m = converge(forgeBootstrapClusterRoles());
  const view = m.get('view');
  const edit = m.get('edit');
  const admin = m.get('admin');
  assert.ok(can(view, 'get', '', 'pods'));
  assert.ok(can(view, 'get', '', 'pods', 'log'));
  assert.ok(can(view, 'list', 'apps', 'deployments'));
  assert.ok(can(view, 'get', 'apps', 'deployments', 'scale'));
  assert.ok(can(view, 'watch', 'discovery.k8s.io', 'endpointslices'));
  assert.ok(!can(view, 'get', '', 'secrets'));
  assert.ok(!can(view, 'list', '', 'secrets'));
  assert.ok(!can(view, 'create', '', 'pods', 'exec'));
  assert.ok(!can(view, 'delete', '', 'pods'));
  assert.ok(!can(view, 'get', 'rbac.authorization.k8s.io', 'roles'));

  assert.ok(can(edit, 'get', '', 'secrets'));
  assert.ok(can(edit, 'create', '', 'pods', 'exec'));
  assert.ok(can(edit, 'patch', 'apps', 'deployments', 'scale'));
  assert.ok(can(edit, 'get', '', 'pods', 'log'), 'edit aggregates view');
  assert.ok(can(edit, 'update', 'coordination.k8s.io', 'leases'));
  assert.ok(!can(edit, 'create', 'rbac.authorization.k8s.io', 'rolebindings'));
  assert.ok(!can(edit, 'update', '', 'resourcequotas'));

  assert.ok(can(admin, 'create', 'rbac.authorization.k8s.io', 'rolebindings'));
  assert.ok(can(admin, 'create', 'authorization.k8s.io', 'localsubjectaccessreviews'));
  assert.ok(can(admin, 'delete', '', 'secrets'), 'admin aggregates edit');
  assert.ok(can(admin, 'get', '', 'pods', 'status'), 'admin aggregates view through edit');
  assert.ok(!can(admin, 'create', 'rbac.authorization.k8s.io', 'clusterroles'));
  assert.ok(!can(admin, 'update', '', 'namespaces'));
});

test('bootstrap cluster role bindings bind the expected groups', () => {
  const bindings = forgeBootstrapClusterRoleBindings();
  const summary = Object.fromEntries(bindings.map((b) => [
    b.metadata.name,
    (b.subjects as { kind: string; name: string; apiGroup: string }[]).map((s) => `${s.kind}:${s.name}:${s.apiGroup}`),
  ]));
  const g = (name: string) => `Group:${name}:rbac.authorization.k8s.io`;
  assert.deepEqual(summary, {
    'cluster-admin': [g('system:masters')],
    'system:discovery': [g('system:authenticated')],
    'system:basic-user': [g('system:authenticated')],
    'system:public-info-viewer': [g('system:authenticated'), g('system:unauthenticated')],
  });
  const roleNames = new Set(forgeBootstrapClusterRoles().map((r) => r.metadata.name));
  for (const b of bindings) {
    assert.equal(b.kind, 'ClusterRoleBinding');
    assert.equal(b.metadata.labels?.['kubernetes.io/bootstrapping'], 'rbac-defaults');
    assert.equal(b.metadata.annotations?.[AUTOUPDATE_ANNOTATION], 'true');
    assert.deepEqual(b.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.metadata.name });
    assert.ok(roleNames.has(b.metadata.name), `${b.metadata.name} refers to a bootstrap role`);
  }
});
