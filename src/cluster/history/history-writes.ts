// The writes behind a DaemonSet's or StatefulSet's ControllerRevision history (kube's
// pkg/controller/history realHistory: CreateControllerRevision, UpdateControllerRevision,
// DeleteControllerRevision): the revision of the owner's current template is created, or an old
// one renumbered to be the newest, as planHistory decides; revisions past the history limit that
// no live pod runs are deleted. Each create or patch response goes to `wrote`, so the caller's
// CacheFence holds its key until the informer has seen the write.
import type { ControllerRevision } from '../../api/apps-batch-v1.js';
import type { Client } from '../../client/rest-client.js';
import { APPS } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { planHistory, revisionsToPrune, type RevisionOwner } from './controller-history.js';

/** The revision of the owner's current template, as it is after this call's create or patch. */
export async function ensureCurrentRevision(
  client: Client, owner: RevisionOwner, revisions: readonly ControllerRevision[], wrote: (rev: ControllerRevision) => void,
): Promise<ControllerRevision> {
  const plan = planHistory(owner, revisions);
  if (plan.create) {
    const created = await client.create(APPS.controllerrevisions, plan.current);
    wrote(created);
    return created;
  }
  if (plan.bump !== undefined) {
    const bumped = await client.patch<ControllerRevision>(APPS.controllerrevisions, owner.metadata.namespace ?? '', plan.current.metadata.name ?? '', { revision: plan.bump });
    wrote(bumped);
    return bumped;
  }
  return plan.current;
}

/** Deletes the revisions revisionsToPrune picks; one already gone (404) is fine. */
export async function ensureHistoryPruned(
  client: Client, revisions: readonly ControllerRevision[], current: ControllerRevision, liveHashes: Set<string>, limit: number,
): Promise<void> {
  for (const rev of revisionsToPrune(revisions, current.metadata.name ?? '', liveHashes, limit)) {
    try {
      await client.delete(APPS.controllerrevisions, rev.metadata.namespace ?? '', rev.metadata.name ?? '');
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }
}
