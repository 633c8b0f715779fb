import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Expectations } from './expectations.js';

type Step = (e: Expectations, clock: { t: number }) => void;

test('Expectations: satisfied only once every expected change is observed, or after the timeout', () => {
  const cases: { name: string; steps: Step[]; satisfied: boolean }[] = [
    { name: 'no record', steps: [], satisfied: true },
    { name: 'creations pending', steps: [(e) => e.expectCreations('k', 2), (e) => e.creationObserved('k')], satisfied: false },
    { name: 'creations observed', steps: [(e) => e.expectCreations('k', 2), (e) => e.creationObserved('k'), (e) => e.creationObserved('k')], satisfied: true },
    { name: 'deletions pending', steps: [(e) => e.expectDeletions('k', ['ns/a', 'ns/b']), (e) => e.deletionObserved('k', 'ns/a')], satisfied: false },
    {
      name: 'a deletion observed twice counts once',
      steps: [(e) => e.expectDeletions('k', ['ns/a', 'ns/b']), (e) => e.deletionObserved('k', 'ns/a'), (e) => e.deletionObserved('k', 'ns/a')],
      satisfied: false,
    },
    { name: 'untracked deletion ignored', steps: [(e) => e.expectDeletions('k', ['ns/a']), (e) => e.deletionObserved('k', 'ns/z')], satisfied: false },
    { name: 'deletions observed', steps: [(e) => e.expectDeletions('k', ['ns/a']), (e) => e.deletionObserved('k', 'ns/a')], satisfied: true },
    { name: 'expired', steps: [(e) => e.expectCreations('k', 5), (_e, c) => { c.t += 1001; }], satisfied: true },
    { name: 'not yet expired', steps: [(e) => e.expectCreations('k', 5), (_e, c) => { c.t += 999; }], satisfied: false },
    { name: 'deleted', steps: [(e) => e.expectCreations('k', 5), (e) => e.delete('k')], satisfied: true },
    { name: 'other key untouched', steps: [(e) => e.expectCreations('other', 5)], satisfied: true },
  ];
  for (const c of cases) {
    const clock = { t: 0 };
    const e = new Expectations(() => clock.t, 1000);
    for (const s of c.steps) s(e, clock);
    assert.equal(e.satisfied('k'), c.satisfied, c.name);
  }
});
