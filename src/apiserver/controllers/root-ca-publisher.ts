// kube-controller-manager's root-ca-cert-publisher: every active namespace has a ConfigMap
// `kube-root-ca.crt` holding the cluster CA as `ca.crt`, the CA that the kube-api-access volume of
// every pod mounts. Deleted or edited copies are put back. In-server until issue 4 (ADR 0004).
import { BatchQueue } from '../../machinery/batch-queue.js';
import { deepEqual } from '../../machinery/deep.js';
import { ROOT_CA_CONFIGMAP } from '../serviceaccounts/constants.js';
import type { ServerServices } from '../handlers/scope.js';
import { updateObject } from '../handlers/write.js';
import { builtin, internalScope } from '../internal-scope.js';
import { ensureObject } from './bootstrap.js';

const NS_PREFIX = '/core/namespaces/';
const CM_PREFIX = '/core/configmaps/';

export class RootCAPublisher {
  private stops: (() => void)[] = [];
  private readonly queue = new BatchQueue('root-ca-cert-publisher', (ns) => this.reconcile(ns));

  constructor(private readonly services: ServerServices, private readonly caPem: string) {}

  start(): void {
    const { store } = this.services;
    for (const ns of store.list(NS_PREFIX)) this.queue.add(ns.object.metadata.name ?? '');
    this.stops.push(store.watch(NS_PREFIX, store.revision(), (e) => this.queue.add(e.key.slice(NS_PREFIX.length))));
    this.stops.push(store.watch(CM_PREFIX, store.revision(), (e) => {
      const meta = e.current.object.metadata;
      if (meta.name === ROOT_CA_CONFIGMAP && e.type !== 'ADDED') this.queue.add(meta.namespace ?? '');
    }));
  }

  close(): void {
    for (const stop of this.stops) stop();
  }

  private async reconcile(namespace: string): Promise<void> {
    const { store } = this.services;
    const ns = store.get(`${NS_PREFIX}${namespace}`);
    if (!ns || ns.object.metadata.deletionTimestamp) return;
    const data = { 'ca.crt': this.caPem };
    const current = store.get(`${CM_PREFIX}${namespace}/${ROOT_CA_CONFIGMAP}`);
    if (!current) {
      await ensureObject(this.services, '', 'configmaps', { metadata: { name: ROOT_CA_CONFIGMAP, namespace }, data });
      return;
    }
    if (deepEqual(current.object.data, data)) return;
    const scope = internalScope(this.services, builtin(this.services, '', 'configmaps'), namespace, ROOT_CA_CONFIGMAP);
    await updateObject(scope, current, { ...current.object, data }, 'main');
  }
}
