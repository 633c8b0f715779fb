// The query and path parameters kube-apiserver declares on each kind of operation (the fields of
// GetOptions, ListOptions, CreateOptions, UpdateOptions, PatchOptions, DeleteOptions and
// PodLogOptions, as endpoints/installer.go adds them). kubectl depends on one of them: it treats a
// kind as validated server-side only if its PATCH operation declares `fieldValidation`
// (cli-runtime's QueryParamVerifierV3). Descriptions are ours. Rendering per OpenAPI version is here
// too; which operation gets which set is decided in paths.ts.
import type { Flavor, Schema } from './well-known.js';

export interface ParamSpec {
  name: string;
  in: 'query' | 'path';
  type: 'string' | 'integer' | 'boolean';
  description: string;
  required?: boolean;
}

const q = (name: string, type: ParamSpec['type'], description: string): ParamSpec => ({ name, in: 'query', type, description });

const P = {
  pretty: q('pretty', 'string', "If 'true', the response is indented for humans."),
  allowWatchBookmarks: q('allowWatchBookmarks', 'boolean', 'Asks a watch to send BOOKMARK events, which carry only a resourceVersion. Servers may ignore the request; clients must not assume bookmarks arrive at any interval. Ignored when not watching.'),
  continue: q('continue', 'string', 'The continue token from the previous page of a chunked list. The token is opaque and expires; an expired token is rejected with 410 Gone, and the list must then be restarted without it.'),
  fieldSelector: q('fieldSelector', 'string', 'Restricts the returned objects by their fields, e.g. metadata.name=x. Matches everything when empty.'),
  labelSelector: q('labelSelector', 'string', 'Restricts the returned objects by their labels. Matches everything when empty.'),
  limit: q('limit', 'integer', 'The most objects a list call returns. When more remain, the list metadata carries a continue token to fetch the next page. Not supported together with watch.'),
  resourceVersion: q('resourceVersion', 'string', 'Which resource version the request must be served from; its meaning depends on resourceVersionMatch. Defaults to the most recent version.'),
  resourceVersionMatch: q('resourceVersionMatch', 'string', 'How resourceVersion is applied to a list: Exact or NotOlderThan. Requires resourceVersion to be set.'),
  sendInitialEvents: q('sendInitialEvents', 'boolean', 'With watch=true, starts the watch with synthetic ADDED events for the current state, then a bookmark marking its end. Requires resourceVersionMatch=NotOlderThan.'),
  timeoutSeconds: q('timeoutSeconds', 'integer', 'How long a list or watch call may last, in seconds, whether or not anything happens.'),
  watch: q('watch', 'boolean', 'Stream added, updated and deleted notifications for the selected objects instead of listing them once. Pair with resourceVersion.'),
  dryRun: q('dryRun', 'string', "Process the request without persisting anything. The only valid value is 'All'; anything else is rejected."),
  fieldManager: q('fieldManager', 'string', 'Names the actor making the change, for managed-fields tracking. At most 128 printable characters.'),
  fieldManagerPatch: q('fieldManager', 'string', 'Names the actor making the change, for managed-fields tracking. At most 128 printable characters. Required for apply patches, optional for the other patch types.'),
  fieldValidation: q('fieldValidation', 'string', 'What the server does about unknown or duplicate fields in the request body: Ignore drops them silently, Warn accepts the request and reports each one in a Warning header, Strict rejects the request.'),
  force: q('force', 'boolean', 'For apply patches only: take over fields that other managers own instead of failing with a conflict. Must be unset for other patch types.'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'integer', 'Seconds to wait before the object is deleted; zero deletes immediately. When unset, the per-kind default applies.'),
  ignoreStoreReadErrorWithClusterBreakingPotential: q('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean', 'Deletes an object that cannot be read back from storage (corrupt or undecryptable), skipping finalizers and admission. Dangerous; only for recovering from such objects.'),
  orphanDependents: q('orphanDependents', 'boolean', "Deprecated in favour of propagationPolicy. Whether dependents are orphaned (the 'orphan' finalizer is added or removed accordingly). Do not set together with propagationPolicy."),
  propagationPolicy: q('propagationPolicy', 'string', "How dependents are garbage collected: 'Orphan' leaves them, 'Background' deletes them after the owner, 'Foreground' deletes them before the owner. When unset, the finalizers and the kind's default decide."),
  container: q('container', 'string', 'The container whose logs to return. May be omitted when the pod has a single container.'),
  follow: q('follow', 'boolean', 'Keep streaming new log lines.'),
  insecureSkipTLSVerifyBackend: q('insecureSkipTLSVerifyBackend', 'boolean', "Do not verify the kubelet's serving certificate when fetching logs."),
  limitBytes: q('limitBytes', 'integer', 'Stop after this many bytes of log output.'),
  previous: q('previous', 'boolean', 'Return the logs of the previous, terminated instance of the container.'),
  sinceSeconds: q('sinceSeconds', 'integer', 'Only return log lines newer than this many seconds.'),
  tailLines: q('tailLines', 'integer', 'Only return this many lines from the end of the log.'),
  timestamps: q('timestamps', 'boolean', 'Prefix every log line with its RFC 3339 timestamp.'),
} satisfies Record<string, ParamSpec>;

export const LIST_PARAMS: ParamSpec[] = [
  P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion,
  P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch,
];
export const CREATE_PARAMS: ParamSpec[] = [P.dryRun, P.fieldManager, P.fieldValidation];
export const UPDATE_PARAMS: ParamSpec[] = [P.dryRun, P.fieldManager, P.fieldValidation];
export const PATCH_PARAMS: ParamSpec[] = [P.dryRun, P.force, P.fieldManagerPatch, P.fieldValidation];
export const DELETE_PARAMS: ParamSpec[] = [
  P.dryRun, P.gracePeriodSeconds, P.ignoreStoreReadErrorWithClusterBreakingPotential, P.orphanDependents,
  P.propagationPolicy,
];
export const DELETE_COLLECTION_PARAMS: ParamSpec[] = [
  P.continue, P.dryRun, P.fieldSelector, P.gracePeriodSeconds, P.ignoreStoreReadErrorWithClusterBreakingPotential,
  P.labelSelector, P.limit, P.orphanDependents, P.propagationPolicy, P.resourceVersion, P.resourceVersionMatch,
  P.sendInitialEvents, P.timeoutSeconds,
];
export const LOG_PARAMS: ParamSpec[] = [
  P.container, P.follow, P.insecureSkipTLSVerifyBackend, P.limitBytes, P.previous, P.sinceSeconds, P.tailLines,
  P.timestamps,
];
export const PRETTY = P.pretty;

export function pathParam(name: 'name' | 'namespace', kind: string): ParamSpec {
  const description = name === 'name' ? `name of the ${kind}` : 'the namespace holding the object';
  return { name, in: 'path', type: 'string', description, required: true };
}

export function renderParam(p: ParamSpec, flavor: Flavor): Schema {
  const out: Schema = { description: p.description, in: p.in, name: p.name };
  if (p.required) out.required = true;
  if (flavor === 'v3') out.schema = { type: p.type, uniqueItems: true };
  else Object.assign(out, { type: p.type, uniqueItems: true });
  return out;
}
