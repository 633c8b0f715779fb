// The admission chain, in kube-apiserver's order: built-in plugins first (here NamespaceLifecycle),
// then mutating and validating webhooks (registered later through `use`). Each plugin may change
// the object (mutating) or refuse the request with a Status.
import type { KubeObject } from '../api/types.js';
import { forbidden, notFound } from '../machinery/errors.js';
import type { MVCCStore } from '../storage/mvcc.js';
import type { RequestScope } from './handlers/scope.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionPlugin {
  name: string;
  admit(scope: RequestScope, op: Operation, obj: KubeObject | undefined, old: KubeObject | undefined): Promise<void> | void;
}

export class Admission {
  private readonly plugins: AdmissionPlugin[];

  constructor(store: MVCCStore) {
    this.plugins = [namespaceLifecycle(store)];
  }

  use(plugin: AdmissionPlugin): void {
    this.plugins.push(plugin);
  }

  async admit(scope: RequestScope, op: Operation, obj: KubeObject | undefined, old: KubeObject | undefined): Promise<void> {
    for (const p of this.plugins) await p.admit(scope, op, obj, old);
  }
}

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** NamespaceLifecycle: no new content in a missing or terminating namespace; system namespaces stay. */
function namespaceLifecycle(store: MVCCStore): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    admit(scope, op, obj) {
      const { info } = scope;
      if (op === 'DELETE' && info.group === '' && info.resource === 'namespaces' && IMMORTAL_NAMESPACES.has(scope.name)) {
        throw forbidden(info, scope.name, 'this namespace may not be deleted');
      }
      if (op !== 'CREATE' || !info.namespaced) return;
      const ns = store.get(`/core/namespaces/${scope.namespace}`);
      if (!ns) throw notFound({ group: '', resource: 'namespaces' }, scope.namespace);
      if (ns.object.metadata.deletionTimestamp || (ns.object.status as { phase?: string } | undefined)?.phase === 'Terminating') {
        // Events are still accepted so that controllers can report on the teardown.
        if (info.resource === 'events') return;
        throw forbidden(info, obj?.metadata.name ?? '', `unable to create new content in namespace ${scope.namespace} because it is being terminated`);
      }
    },
  };
}
