// Keeps metadata.managedFields up to date on non-apply writes, attributing the change to the field
// manager (?fieldManager=, else derived from the User-Agent like kube-apiserver: "kubectl/v1.32…"
// becomes "kubectl"). Server-side apply records its own entries (handlers/patch.ts).
import type { KubeObject } from '../api/types.js';
import { modelNameFor } from '../api/models.js';
import { updateManagedFields } from '../machinery/patch/index.js';
import type { RequestScope } from './handlers/scope.js';
import { timestamp } from './handlers/scope.js';

export function fieldManagerOf(scope: RequestScope): string {
  const explicit = scope.query.get('fieldManager');
  if (explicit) return explicit;
  const agent = String(scope.req.headers['user-agent'] ?? 'unknown');
  return agent.split('/')[0] || 'unknown';
}

/** The manager options of this endpoint: model or schema, subresource, version, time. */
export function managerOptions(scope: RequestScope) {
  const info = scope.info;
  return {
    manager: fieldManagerOf(scope),
    apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
    time: timestamp(scope.services.now()),
    ...(scope.subresource ? { subresource: scope.subresource } : {}),
    ...(info.custom ? { schema: info.custom.schema } : { modelName: modelNameFor(info) }),
    // A custom resource's main endpoint cannot set status when the status subresource is on.
    ...(info.custom?.hasStatus && !scope.subresource ? { resetFields: [['status']] } : {}),
  };
}

export function recordManagedFields(scope: RequestScope, old: KubeObject | undefined, next: KubeObject): void {
  if (scope.serverSideApply) return;
  const updated = updateManagedFields(old, next, { ...managerOptions(scope), operation: 'Update' });
  if (updated.metadata.managedFields) next.metadata.managedFields = updated.metadata.managedFields;
  else delete next.metadata.managedFields;
}
