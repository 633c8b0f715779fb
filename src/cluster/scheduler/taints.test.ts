import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Taint, Toleration } from '../../api/core-v1.js';
import {
  countIntolerablePreferNoSchedule, DO_NOT_SCHEDULE_EFFECTS, findUntoleratedTaint, toleratesTaint, untoleratedTaintReason,
} from './taints.js';

const cp: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

test('toleratesTaint', () => {
  const cases: [string, Toleration, Taint, boolean][] = [
    ['empty key + Exists tolerates every taint', { operator: 'Exists' }, gpu, true],
    ['empty key + Exists + effect only that effect', { operator: 'Exists', effect: 'NoExecute' }, gpu, false],
    ['key + Exists ignores the value', { key: 'dedicated', operator: 'Exists' }, gpu, true],
    ['operator defaults to Equal', { key: 'dedicated', value: 'gpu' }, gpu, true],
    ['Equal compares values', { key: 'dedicated', operator: 'Equal', value: 'cpu' }, gpu, false],
    ['Equal with no value matches an empty-valued taint', { key: cp.key, operator: 'Equal' }, cp, true],
    ['Equal with no value does not match a valued taint', { key: 'dedicated' }, gpu, false],
    ['empty effect matches every effect', { key: 'dedicated', value: 'gpu', effect: '' }, { ...gpu, effect: 'NoExecute' }, true],
    ['different effect', { key: 'dedicated', value: 'gpu', effect: 'PreferNoSchedule' }, gpu, false],
    ['different key', { key: 'other', operator: 'Exists' }, gpu, false],
    ['empty key + Equal compares only the value (as upstream code does)', { value: 'gpu' }, gpu, true],
    ['unknown operator tolerates nothing', { key: 'dedicated', operator: 'Gt' as 'Exists', value: 'gpu' }, gpu, false],
  ];
  for (const [name, toleration, taint, want] of cases) assert.equal(toleratesTaint(toleration, taint), want, name);
});

test('findUntoleratedTaint', () => {
  const soft: Taint = { key: 'soft', effect: 'PreferNoSchedule' };
  const evict: Taint = { key: 'evict', value: 'x', effect: 'NoExecute' };
  const cases: [string, Taint[] | undefined, Toleration[] | undefined, Taint | undefined][] = [
    ['no taints', undefined, undefined, undefined],
    ['PreferNoSchedule is not a filter effect', [soft], [], undefined],
    ['first untolerated in node order', [soft, cp, gpu], [], cp],
    ['skips tolerated ones', [cp, gpu], [{ key: cp.key, operator: 'Exists', effect: 'NoSchedule' }], gpu],
    ['NoExecute counts', [evict], [{ key: 'evict', value: 'y' }], evict],
    ['all tolerated', [cp, evict], [{ operator: 'Exists' }], undefined],
  ];
  for (const [name, taints, tolerations, want] of cases) {
    assert.deepEqual(findUntoleratedTaint(taints, tolerations, DO_NOT_SCHEDULE_EFFECTS), want, name);
  }
});

test('countIntolerablePreferNoSchedule', () => {
  const a: Taint = { key: 'a', effect: 'PreferNoSchedule' };
  const b: Taint = { key: 'b', value: '1', effect: 'PreferNoSchedule' };
  const cases: [string, Toleration[], number][] = [
    ['none tolerated', [], 2],
    ['NoSchedule-effect tolerations do not count for scoring', [{ operator: 'Exists', effect: 'NoSchedule' }], 2],
    ['empty-effect toleration counts', [{ key: 'a', operator: 'Exists' }], 1],
    ['PreferNoSchedule toleration counts', [{ key: 'b', value: '1', effect: 'PreferNoSchedule' }], 1],
    ['tolerate all', [{ operator: 'Exists' }], 0],
  ];
  for (const [name, tolerations, want] of cases) assert.equal(countIntolerablePreferNoSchedule([a, b, gpu], tolerations), want, name);
});

test('untoleratedTaintReason uses kube 1.32 format', () => {
  assert.equal(untoleratedTaintReason(cp), 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
  assert.equal(untoleratedTaintReason(gpu), 'node(s) had untolerated taint {dedicated: gpu}');
});
