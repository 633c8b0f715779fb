import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesFields, matchesSelector, parseFieldSelector, parseLabelSelector } from './selectors.js';

test('label selectors', () => {
  const labels = { app: 'web', tier: 'front', 'topology.liqo.io/region': 'south' };
  const cases: [string, boolean][] = [
    ['', true], ['app=web', true], ['app==web', true], ['app!=web', false], ['app=db', false],
    ['app in (web, db)', true], ['app notin (web)', false], ['tier', true], ['!tier', false], ['!missing', true],
    ['app=web,tier=back', false], ['topology.liqo.io/region=south', true], ['missing!=x', true],
  ];
  for (const [sel, want] of cases) assert.equal(matchesSelector(parseLabelSelector(sel), labels), want, sel);
  assert.throws(() => parseLabelSelector('a b c'), /unable to parse requirement/);
});

test('field selectors', () => {
  const obj = { metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } };
  assert.ok(matchesFields(parseFieldSelector('metadata.name=p,spec.nodeName=n1'), obj));
  assert.ok(!matchesFields(parseFieldSelector('status.phase!=Running'), obj));
  assert.ok(matchesFields(parseFieldSelector('spec.nodeName='), { metadata: { name: 'x' } }));
});
