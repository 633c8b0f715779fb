import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { selectorFromLabelSelector } from '../../machinery/selectors.js';
import { planClaims } from './controller-ref.js';

const owner: KubeObject = { metadata: { name: 'rs', namespace: 'ns', uid: 'u-rs' } };
const deleting: KubeObject = { metadata: { ...owner.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } };
const selector = selectorFromLabelSelector({ matchLabels: { app: 'web' } });

function obj(name: string, labels: Record<string, string>, ownerUid?: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  const ownerReferences = ownerUid ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: ownerUid, controller: true }] : undefined;
  return { metadata: { name, namespace: 'ns', labels, ownerReferences, ...extra } };
}

test('planClaims keeps, adopts, releases and ignores as ControllerRefManager does', () => {
  const web = { app: 'web' };
  const cases: { name: string; owner: KubeObject; obj: KubeObject; want: 'owned' | 'adopt' | 'release' | 'ignore' }[] = [
    { name: 'controlled and matching', owner, obj: obj('a', web, 'u-rs'), want: 'owned' },
    { name: 'controlled, no longer matching', owner, obj: obj('a', { app: 'db' }, 'u-rs'), want: 'release' },
    { name: 'controlled, not matching, owner deleting', owner: deleting, obj: obj('a', { app: 'db' }, 'u-rs'), want: 'ignore' },
    { name: 'controlled by another', owner, obj: obj('a', web, 'u-other'), want: 'ignore' },
    { name: 'orphan matching', owner, obj: obj('a', web), want: 'adopt' },
    { name: 'orphan not matching', owner, obj: obj('a', { app: 'db' }), want: 'ignore' },
    { name: 'orphan being deleted', owner, obj: obj('a', web, undefined, { deletionTimestamp: 'x' }), want: 'ignore' },
    { name: 'orphan, owner deleting', owner: deleting, obj: obj('a', web), want: 'ignore' },
    { name: 'orphan in another namespace', owner, obj: obj('a', web, undefined, { namespace: 'other' }), want: 'ignore' },
    {
      name: 'non-controller owner reference is an orphan',
      owner, obj: { metadata: { name: 'a', namespace: 'ns', labels: web, ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u-x' }] } }, want: 'adopt',
    },
  ];
  for (const c of cases) {
    const plan = planClaims(c.owner, selector, [c.obj]);
    const got = plan.adopt.length ? 'adopt' : plan.release.length ? 'release' : plan.owned.length ? 'owned' : 'ignore';
    assert.equal(got, c.want, c.name);
    if (c.want === 'adopt') assert.equal(plan.owned.length, 1, `${c.name}: adopted objects are owned`);
  }
});
