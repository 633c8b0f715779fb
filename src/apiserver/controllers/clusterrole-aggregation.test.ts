import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../api/types.js';
import { LmdbStore } from '../../storage/lmdb-store.js';
import type { ServerServices } from '../handlers/scope.js';
import { aggregateRules, ClusterRoleAggregationController, CLUSTERROLE_PREFIX, sameRules } from './clusterrole-aggregation.js';

const role = (name: string, labels: Record<string, string>, rules: unknown[], aggregationRule?: unknown): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels }, rules,
  ...(aggregationRule ? { aggregationRule } : {}),
});
const r = (verb: string, resource: string) => ({ verbs: [verb], apiGroups: [''], resources: [resource] });
const sel = (...selectors: unknown[]) => ({ clusterRoleSelectors: selectors });

test('aggregateRules: union ordered by source name then rule order, deduplicated', () => {
  const target = role('agg', {}, [], sel({ matchLabels: { a: 'true' } }));
  const all = [
    target,
    role('zeta', { a: 'true' }, [r('get', 'pods'), r('list', 'pods')]),
    role('alpha', { a: 'true' }, [r('get', 'secrets'), r('get', 'pods')]),
    role('other', { b: 'true' }, [r('delete', 'pods')]),
  ];
  assert.deepEqual(aggregateRules(target, all), [r('get', 'secrets'), r('get', 'pods'), r('list', 'pods')]);
});

test('aggregateRules: nil and empty lists are the same rule; several selectors are ORed; self excluded', () => {
  const target = role('agg', { a: 'true' }, [r('x', 'y')], sel({ matchLabels: { a: 'true' } }, { matchLabels: { b: 'true' } }));
  const all = [
    target,
    role('one', { a: 'true' }, [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] }]),
    role('two', { b: 'true' }, [r('get', 'pods'), r('watch', 'pods')]),
  ];
  assert.deepEqual(aggregateRules(target, all), [
    { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] },
    r('watch', 'pods'),
  ]);
});

test('aggregateRules: matchExpressions, empty selector list, empty selector', () => {
  const all = [
    role('in', { tier: 'x' }, [r('get', 'a')]),
    role('notin', { tier: 'y' }, [r('get', 'b')]),
    role('none', {}, [r('get', 'c')]),
  ];
  const expr = role('agg', {}, [], sel({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] }));
  assert.deepEqual(aggregateRules(expr, all), [r('get', 'a')]);
  const missing = role('agg', {}, [], sel({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }));
  assert.deepEqual(aggregateRules(missing, all), [r('get', 'c')]);
  assert.deepEqual(aggregateRules(role('agg', {}, [], sel()), all), []);
  assert.deepEqual(aggregateRules(role('agg', {}, [], sel({})), all), [r('get', 'a'), r('get', 'c'), r('get', 'b')]);
});

test('sameRules compares order and rule identity', () => {
  assert.ok(sameRules([r('get', 'a')], [{ ...r('get', 'a'), resourceNames: [] }]));
  assert.ok(!sameRules([r('get', 'a'), r('get', 'b')], [r('get', 'b'), r('get', 'a')]));
});

test('controller keeps aggregated roles (and chains of them) up to date, writing only on change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cr-agg-'));
  const store = new LmdbStore({ path: dir });
  const key = (name: string) => `${CLUSTERROLE_PREFIX}${name}`;
  const put = (o: KubeObject) => store.create(key(o.metadata.name!), o);
  put(role('view', { 'agg-edit': 'true' }, [], sel({ matchLabels: { 'agg-view': 'true' } })));
  put(role('edit', {}, [], sel({ matchLabels: { 'agg-edit': 'true' } })));
  put(role('view-rules', { 'agg-view': 'true' }, [r('get', 'pods')]));
  const controller = new ClusterRoleAggregationController({ store } as unknown as ServerServices);
  const settle = async () => { for (let i = 0; i < 10; i++) await new Promise((res) => setImmediate(res)); };
  try {
    controller.start();
    await settle();
    assert.deepEqual(store.get(key('view'))?.object.rules, [r('get', 'pods')]);
    assert.deepEqual(store.get(key('edit'))?.object.rules, [r('get', 'pods')]);
    const rev = store.revision();
    await settle();
    assert.equal(store.revision(), rev, 'no writes once converged');

    put(role('edit-rules', { 'agg-edit': 'true' }, [r('create', 'pods')]));
    const viewRules = store.get(key('view-rules'))!;
    store.update(key('view-rules'), { ...viewRules.object, rules: [r('get', 'pods'), r('list', 'pods')] });
    await settle();
    assert.deepEqual(store.get(key('edit'))?.object.rules, [r('create', 'pods'), r('get', 'pods'), r('list', 'pods')]);

    store.delete(key('view-rules'));
    await settle();
    assert.deepEqual(store.get(key('view'))?.object.rules, []);
    assert.deepEqual(store.get(key('edit'))?.object.rules, [r('create', 'pods')]);
  } finally {
    controller.close();
    await store.close();
    rmSync(dir, { recursive: true });
  }
});
