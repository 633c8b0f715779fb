// Empties terminating namespaces and then releases their `kubernetes` finalizer, as the namespace
// controller of kube-controller-manager does: every namespaced object is deleted (its own
// finalizers are honoured, so the namespace waits for them), and once nothing is left the
// namespace is finalized and disappears. It runs inside the API server process until the cluster
// controllers (issue 4) take it over through the API.
import { BatchQueue } from '../../machinery/batch-queue.js';
import type { StoredObject } from '../../storage/mvcc.js';
import { deleteObject } from '../handlers/delete.js';
import type { ServerServices } from '../handlers/scope.js';
import { updateObject } from '../handlers/write.js';
import { builtin, internalScope } from '../internal-scope.js';
import { storageKey } from '../resource-registry.js';

const NS_PREFIX = '/core/namespaces/';

export class NamespaceFinalizer {
  private stop: (() => void) | undefined;
  private readonly queue = new BatchQueue('namespace', (name) => this.reconcile(name));

  constructor(private readonly services: ServerServices) {}

  start(): void {
    for (const ns of this.services.store.list(NS_PREFIX)) if (ns.object.metadata.deletionTimestamp) this.enqueue(ns.object.metadata.name ?? '');
    // Any change anywhere may be the last object of a terminating namespace going away.
    this.stop = this.services.store.watch('/', this.services.store.revision(), (e) => {
      const ns = e.key.startsWith(NS_PREFIX) ? e.key.slice(NS_PREFIX.length) : e.current.object.metadata.namespace;
      if (ns && this.isTerminating(ns)) this.enqueue(ns);
    });
  }

  close(): void {
    this.stop?.();
  }

  private isTerminating(name: string): boolean {
    return Boolean(this.services.store.get(`${NS_PREFIX}${name}`)?.object.metadata.deletionTimestamp);
  }

  private enqueue(name: string): void {
    this.queue.add(name);
  }

  private async reconcile(name: string): Promise<void> {
    const ns = this.services.store.get(`${NS_PREFIX}${name}`);
    if (!ns?.object.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const info of this.namespacedResources()) {
      for (const obj of this.services.store.list(storageKey(info, name))) {
        remaining++;
        if (obj.object.metadata.deletionTimestamp) continue;
        const scope = internalScope(this.services, info, name, obj.object.metadata.name ?? '');
        await deleteObject(scope, obj, { propagationPolicy: 'Background' }, false).catch(() => undefined);
      }
    }
    if (remaining === 0) await this.finalize(ns);
  }

  private namespacedResources() {
    const seen = new Set<string>();
    return this.services.registry.resources().filter((r) => {
      const id = `${r.group}/${r.resource}`;
      if (!r.namespaced || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  private async finalize(ns: StoredObject): Promise<void> {
    const info = builtin(this.services, '', 'namespaces');
    const name = ns.object.metadata.name ?? '';
    const spec = (ns.object.spec ?? {}) as { finalizers?: string[] };
    const finalizers = (spec.finalizers ?? []).filter((f) => f !== 'kubernetes');
    const scope = internalScope(this.services, info, '', name, 'finalize');
    await updateObject(scope, ns, { ...ns.object, spec: { ...spec, finalizers } }, 'finalize');
  }
}
