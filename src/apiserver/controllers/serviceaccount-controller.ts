// The ServiceAccount controller of kube-controller-manager: every active namespace has a `default`
// ServiceAccount, recreated if deleted. It runs inside the API server until the cluster
// controllers take it over through the API (ADR 0004).
import { BatchQueue } from '../../machinery/batch-queue.js';
import type { ServerServices } from '../handlers/scope.js';
import { ensureObject } from './bootstrap.js';

const NS_PREFIX = '/core/namespaces/';
const SA_PREFIX = '/core/serviceaccounts/';

export class ServiceAccountController {
  private stops: (() => void)[] = [];
  private readonly queue = new BatchQueue('serviceaccounts', (ns) => this.reconcile(ns));

  constructor(private readonly services: ServerServices) {}

  start(): void {
    const { store } = this.services;
    for (const ns of store.list(NS_PREFIX)) this.queue.add(ns.object.metadata.name ?? '');
    this.stops.push(store.watch(NS_PREFIX, store.revision(), (e) => this.queue.add(e.key.slice(NS_PREFIX.length))));
    this.stops.push(store.watch(SA_PREFIX, store.revision(), (e) => {
      if (e.type === 'DELETED' && e.current.object.metadata.name === 'default') this.queue.add(e.current.object.metadata.namespace ?? '');
    }));
  }

  close(): void {
    for (const stop of this.stops) stop();
  }

  private async reconcile(namespace: string): Promise<void> {
    const ns = this.services.store.get(`${NS_PREFIX}${namespace}`);
    if (!ns || ns.object.metadata.deletionTimestamp) return;
    await ensureObject(this.services, '', 'serviceaccounts', { metadata: { name: 'default', namespace } });
  }
}
