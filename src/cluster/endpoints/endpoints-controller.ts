// The endpoints controller (kube-controller-manager's, pkg/controller/endpoint): keeps the core/v1
// Endpoints `<service>` of every Service with a selector equal to what forgeEndpoints makes of the
// pods it selects, and deletes it with its Service. Services without a selector (the bootstrap
// `kubernetes` Service, user-managed endpoints) and ExternalName Services are never touched.
// Unlike kube it does not sweep orphaned Endpoints at start-up.
import type { Pod, Service } from '../../api/core-v1.js';
import { CORE } from '../../client/resource.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { CacheFence, FENCE_RETRY_MS } from '../../runtime/cache-fence.js';
import { Controller, type Result } from '../../runtime/controller.js';
import { enqueueMapped } from '../../runtime/handlers.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { forgeEndpoints, type Endpoints } from './forge-endpoints.js';
import { hasControllerEndpoints, selectsPod } from './service-pods.js';
import { watchServicePods } from './service-watch.js';

export class EndpointsController implements Runnable {
  readonly name = 'endpoints';
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly fence = new CacheFence();
  private readonly controller: Controller;

  constructor(private readonly ctx: ClusterContext) {
    const m = ctx.manager;
    this.services = m.informer<Service>(CORE.services);
    this.pods = m.informer<Pod>(CORE.pods);
    this.endpoints = m.informer<Endpoints>(CORE.endpoints);
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: 2, log: ctx.log });
    watchServicePods(this.services, this.pods, this.controller.queue);
    this.endpoints.addHandlers(this.fence.observer());
    this.endpoints.addHandlers(enqueueMapped(this.controller.queue, (ep) => (this.services.get(objectKey(ep)) ? objectKey(ep) : undefined)));
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  async reconcile(key: string): Promise<Result | void> {
    if (!this.fence.caughtUp(key)) return { requeueAfter: FENCE_RETRY_MS };
    const svc = this.services.get(key);
    const current = this.endpoints.get(key);
    if (!svc) return this.ensureDeleted(key, current);
    if (!hasControllerEndpoints(svc)) return;
    const desired = forgeEndpoints(svc, this.pods.list().filter((p) => selectsPod(svc, p)));
    await this.ensureEndpoints(key, desired, current);
  }

  private async ensureEndpoints(key: string, desired: Endpoints, current: Endpoints | undefined): Promise<void> {
    const client = this.ctx.manager.client;
    if (!current) {
      this.fence.wrote(key, await client.create(CORE.endpoints, desired));
      return;
    }
    if (deepEqual(current.subsets ?? [], desired.subsets ?? []) && deepEqual(current.metadata.labels ?? {}, desired.metadata.labels ?? {})) return;
    const next: Endpoints = { ...current, metadata: { ...current.metadata, labels: desired.metadata.labels } };
    if (desired.subsets) next.subsets = desired.subsets;
    else delete next.subsets;
    this.fence.wrote(key, await client.update(CORE.endpoints, next));
  }

  private async ensureDeleted(key: string, current: Endpoints | undefined): Promise<void> {
    if (!current) return;
    try {
      this.fence.wrote(key, await this.ctx.manager.client.delete(CORE.endpoints, current.metadata.namespace ?? '', current.metadata.name ?? ''));
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }
}
