// NamespaceLifecycle: no new content in a missing or terminating namespace, and the system
// namespaces are never deleted. Runs first, so a doomed request never reaches a webhook.
import { forbidden, notFound } from '../../machinery/errors.js';
import type { MVCCStore } from '../../storage/mvcc.js';
import type { AdmissionPlugin } from './types.js';

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export function namespaceLifecycle(store: MVCCStore): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    mutate({ scope, operation, object }) {
      const { info } = scope;
      if (operation === 'DELETE' && info.group === '' && info.resource === 'namespaces' && IMMORTAL_NAMESPACES.has(scope.name)) {
        throw forbidden(info, scope.name, 'this namespace may not be deleted');
      }
      if (operation !== 'CREATE' || !info.namespaced) return;
      const ns = store.get(`/core/namespaces/${scope.namespace}`);
      if (!ns) throw notFound({ group: '', resource: 'namespaces' }, scope.namespace);
      if (ns.object.metadata.deletionTimestamp || (ns.object.status as { phase?: string } | undefined)?.phase === 'Terminating') {
        // Events are still accepted so that controllers can report on the teardown.
        if (info.resource === 'events') return;
        throw forbidden(info, object?.metadata.name ?? '', `unable to create new content in namespace ${scope.namespace} because it is being terminated`);
      }
    },
  };
}
