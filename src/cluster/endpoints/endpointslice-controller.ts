// The endpointslice controller (kube-controller-manager's, pkg/controller/endpointslice): keeps the
// EndpointSlices managed by `endpointslice-controller.k8s.io` for every Service with a selector
// equal to what forgeDesiredSlices makes of its pods: existing slices of the same port set are
// updated in place, missing ones created, surplus ones (and ones owned by an earlier Service of
// the same name) deleted. Slices other managers write (the bootstrap `kubernetes` slice, mirrored
// or user slices) are never touched; a deleted Service's slices go with it through the garbage
// collector (ownerReferences). It does not run kube's EndpointSlice mirroring controller.
import type { Pod, Service } from '../../api/core-v1.js';
import type { EndpointSlice } from '../../api/apps-batch-v1.js';
import { CORE, DISCOVERY } from '../../client/resource.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { CacheFence, FENCE_RETRY_MS } from '../../runtime/cache-fence.js';
import { Controller, type Result } from '../../runtime/controller.js';
import { enqueueMapped } from '../../runtime/handlers.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MANAGED_BY_CONTROLLER } from './consts.js';
import { forgeDesiredSlices, forgeEndpointSlice, isOwnedBy, sliceKey, sliceLabels, type DesiredSlice } from './forge-endpointslices.js';
import { hasControllerEndpoints, selectsPod } from './service-pods.js';
import { watchServicePods } from './service-watch.js';

function managedServiceKey(slice: EndpointSlice): string | undefined {
  const labels = slice.metadata.labels ?? {};
  if (labels[LABEL_MANAGED_BY] !== MANAGED_BY_CONTROLLER || !labels[LABEL_SERVICE_NAME]) return undefined;
  return `${slice.metadata.namespace}/${labels[LABEL_SERVICE_NAME]}`;
}

export class EndpointSliceController implements Runnable {
  readonly name = 'endpointslice';
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly fence = new CacheFence();
  private readonly controller: Controller;

  constructor(private readonly ctx: ClusterContext) {
    const m = ctx.manager;
    this.services = m.informer<Service>(CORE.services);
    this.pods = m.informer<Pod>(CORE.pods);
    this.slices = m.informer<EndpointSlice>(DISCOVERY.endpointslices);
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: 2, log: ctx.log });
    watchServicePods(this.services, this.pods, this.controller.queue);
    this.slices.addHandlers(this.fence.observer());
    this.slices.addHandlers(enqueueMapped(this.controller.queue, (slice: EndpointSlice) => {
      const key = managedServiceKey(slice);
      return key && this.services.get(key) ? key : undefined;
    }));
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  async reconcile(key: string): Promise<Result | void> {
    if (!this.fence.caughtUp(key)) return { requeueAfter: FENCE_RETRY_MS };
    const svc = this.services.get(key);
    if (!svc || !hasControllerEndpoints(svc)) return;
    const existing = this.slices.list().filter((s) => managedServiceKey(s) === key).sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const desired = forgeDesiredSlices(svc, this.pods.list().filter((p) => selectsPod(svc, p)));
    const reusable = existing.filter((s) => isOwnedBy(s, svc));
    const surplus = existing.filter((s) => !isOwnedBy(s, svc));
    for (const want of desired) {
      const i = reusable.findIndex((s) => sliceKey(s) === want.key);
      if (i < 0) await this.ensureCreated(key, svc, want);
      else await this.ensureUpdated(key, svc, reusable.splice(i, 1)[0]!, want);
    }
    for (const slice of [...surplus, ...reusable]) await this.ensureDeleted(key, slice);
  }

  private async ensureCreated(key: string, svc: Service, want: DesiredSlice): Promise<void> {
    this.fence.wrote(key, await this.ctx.manager.client.create(DISCOVERY.endpointslices, forgeEndpointSlice(svc, want)));
  }

  private async ensureUpdated(key: string, svc: Service, slice: EndpointSlice, want: DesiredSlice): Promise<void> {
    const labels = sliceLabels(svc);
    if (deepEqual(slice.endpoints ?? [], want.endpoints) && deepEqual(slice.metadata.labels ?? {}, labels)) return;
    const next: EndpointSlice = { ...slice, metadata: { ...slice.metadata, labels }, endpoints: want.endpoints, ports: want.ports };
    this.fence.wrote(key, await this.ctx.manager.client.update(DISCOVERY.endpointslices, next));
  }

  private async ensureDeleted(key: string, slice: EndpointSlice): Promise<void> {
    try {
      this.fence.wrote(key, await this.ctx.manager.client.delete(DISCOVERY.endpointslices, slice.metadata.namespace ?? '', slice.metadata.name ?? ''));
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }
}

