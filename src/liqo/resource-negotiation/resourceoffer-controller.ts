// The consumer's ResourceOffer controller (reference §4.6, Liqo's resourceoffer-controller): on
// the offers providers replicated into this cluster's tenant namespaces, it makes the provider's
// ForeignCluster their controller, accepts them (auto-accept: Pending -> Accepted), and runs a
// virtual kubelet for each: ServiceAccount, ClusterRoleBinding and Deployment, then
// virtualKubeletStatus Created. A withdrawn offer goes Deleting while the virtual kubelet still
// holds finalizer liqo.io/node (it is removing its node); once it dropped it the Deployment and
// the binding are deleted and the status is None.
// Not here: ManualActionRequired (auto-accept cannot be disabled), storage and IPAM flags.
import type { Deployment } from '../../api/core-v1.js';
import type { OwnerReference } from '../../api/types.js';
import { APPS, CORE } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import { Controller, errorText, type Result } from '../../runtime/controller.js';
import { enqueueObject, enqueueOwner } from '../../runtime/handlers.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ForeignCluster } from '../apis/discovery.js';
import { LIQO, LIQO_API_VERSIONS } from '../apis/resources.js';
import type { OfferPhase, ResourceOffer, VirtualKubeletStatus } from '../apis/sharing.js';
import {
  CONTROLLER_MANAGER_DEPLOYMENT, NAME_LABEL, NODE_FINALIZER, ORIGIN_ID_LABEL, REPLICATED_LABEL, VIRTUAL_KUBELET_NAME, virtualKubeletBindingName,
} from '../consts.js';
import type { LiqoContext } from '../controller-manager/context.js';
import { uniqueName, type ClusterIdentity } from '../identity.js';
import {
  deploymentOutdated, forgeVirtualKubeletBinding, forgeVirtualKubeletDeployment, forgeVirtualKubeletServiceAccount,
} from './forge-virtual-kubelet.js';

const CLUSTER_ROLE_BINDINGS = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', namespaced: false };
const TENANT_PREFIX = 'liqo-tenant-';

function ignore(code: number) {
  return (err: unknown) => {
    if (!isStatusError(err) || err.code !== code) throw err;
  };
}

export class ResourceOfferController implements Runnable {
  readonly name = 'resourceoffer';
  private readonly controller: Controller;
  private readonly offers: Informer<ResourceOffer>;
  private readonly fcs: Informer<ForeignCluster>;
  private readonly deployments: Informer<Deployment>;
  private image: string | undefined;
  /** The status last written per offer (by uid), and the resourceVersion the write produced. */
  private readonly written = new Map<string, { want: string; rv: number }>();

  constructor(private readonly ctx: LiqoContext) {
    const m = ctx.manager;
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: 2, log: ctx.log });
    const queue = this.controller.queue;
    this.offers = m.informer<ResourceOffer>(LIQO.resourceoffers, { labelSelector: `${REPLICATED_LABEL}=true` });
    this.fcs = m.informer<ForeignCluster>(LIQO.foreignclusters);
    this.deployments = m.informer<Deployment>(APPS.deployments, { labelSelector: `${NAME_LABEL}=${VIRTUAL_KUBELET_NAME}` });
    this.offers.addHandlers(enqueueObject(queue));
    this.deployments.addHandlers(enqueueOwner(queue, 'ResourceOffer'));
    const byCluster = (fc: ForeignCluster) => {
      for (const o of this.offers.list()) if (o.metadata.labels?.[ORIGIN_ID_LABEL] === fc.spec.clusterIdentity?.clusterID) queue.add(`${o.metadata.namespace}/${o.metadata.name}`);
    };
    this.fcs.addHandlers({ onAdd: byCluster, onUpdate: byCluster });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  private get client() {
    return this.ctx.manager.client;
  }

  async reconcile(key: string): Promise<Result | void> {
    const offer = this.offers.get(key);
    if (!offer) return this.cleanUpAfter(key);
    const providerID = offer.metadata.labels?.[ORIGIN_ID_LABEL] ?? '';
    const fc = this.fcs.list().find((f) => f.spec.clusterIdentity?.clusterID === providerID);
    const remote = fc?.spec.clusterIdentity;
    if (!fc || !remote) {
      this.ctx.log(`resourceoffer ${key}: no ForeignCluster for cluster ${providerID} yet`);
      return;
    }
    if (offer.spec.withdrawalTimestamp || offer.metadata.deletionTimestamp) {
      const vk = await this.ensureWithdrawn(offer, remote);
      return this.ensureStatus(offer, offer.status?.phase ?? 'Pending', vk);
    }
    await this.ensureController(offer, fc);
    await this.ensureStatus(offer, 'Accepted', offer.status?.virtualKubeletStatus ?? 'None');
    await this.ensureVirtualKubelet(offer, remote, fc);
    return this.ensureStatus(offer, 'Accepted', 'Created');
  }

  /** The provider's ForeignCluster is the offer's controller (a deleted peering takes its offers along). */
  private async ensureController(offer: ResourceOffer, fc: ForeignCluster): Promise<void> {
    const refs = offer.metadata.ownerReferences ?? [];
    if (refs.some((r) => r.controller && r.kind === 'ForeignCluster' && r.uid === fc.metadata.uid)) return;
    const owner: OwnerReference = { apiVersion: LIQO_API_VERSIONS.discovery, kind: 'ForeignCluster', name: fc.metadata.name ?? '', uid: fc.metadata.uid ?? '', controller: true };
    const ownerReferences = [...refs.filter((r) => !r.controller), owner];
    await this.client.patch(LIQO.resourceoffers, offer.metadata.namespace ?? '', offer.metadata.name ?? '', { metadata: { ownerReferences } });
  }

  private async ensureStatus(offer: ResourceOffer, phase: OfferPhase, virtualKubeletStatus: VirtualKubeletStatus): Promise<void> {
    const uid = offer.metadata.uid ?? '';
    const want = `${phase}/${virtualKubeletStatus}`;
    if (`${offer.status?.phase ?? ''}/${offer.status?.virtualKubeletStatus ?? ''}` === want) return;
    // The cache may lag our own write: not the same status twice, unless someone changed it since.
    const last = this.written.get(uid);
    if (last?.want === want && Number(offer.metadata.resourceVersion) <= last.rv) return;
    const ns = offer.metadata.namespace ?? '';
    const written = await this.client.patch<ResourceOffer>(LIQO.resourceoffers, ns, offer.metadata.name ?? '', { status: { phase, virtualKubeletStatus } }, 'merge', { subresource: 'status' });
    this.written.set(uid, { want, rv: Number(written.metadata.resourceVersion) });
    if (virtualKubeletStatus !== (offer.status?.virtualKubeletStatus ?? 'None')) this.ctx.log(`resourceoffer ${ns}/${offer.metadata.name}: ${phase}, virtual kubelet ${virtualKubeletStatus}`);
  }

  /** The image of the controller manager itself: virtual kubelets run the same version. */
  private async ownImage(): Promise<string> {
    if (this.image) return this.image;
    const d = await this.client.get<Deployment>(APPS.deployments, this.ctx.namespace, CONTROLLER_MANAGER_DEPLOYMENT);
    const image = d.spec.template.spec.containers[0]?.image;
    if (!image) throw new Error(`deployment ${this.ctx.namespace}/${CONTROLLER_MANAGER_DEPLOYMENT} has no image`);
    return (this.image = image);
  }

  private async ensureVirtualKubelet(offer: ResourceOffer, remote: ClusterIdentity, fc: ForeignCluster): Promise<void> {
    const ns = offer.metadata.namespace ?? '';
    const desired = forgeVirtualKubeletDeployment({ offer, remote, home: this.ctx.identity, image: await this.ownImage() });
    const current = this.deployments.get(`${ns}/${VIRTUAL_KUBELET_NAME}`);
    if (current && !deploymentOutdated(current, desired)) return;
    await this.client.create(CORE.serviceaccounts, forgeVirtualKubeletServiceAccount(ns, remote)).catch(ignore(409));
    await this.client.create(CLUSTER_ROLE_BINDINGS, forgeVirtualKubeletBinding(ns, remote, fc)).catch(ignore(409));
    if (!current) {
      const created = await this.client.create(APPS.deployments, desired).then(() => true, (err: unknown) => { ignore(409)(err); return false; });
      if (created) {
        this.ctx.events.event(offer, 'Normal', 'VirtualKubeletCreated', `Virtual kubelet for cluster ${remote.clusterName} created`);
        this.ctx.log(`resourceoffer ${ns}/${offer.metadata.name}: virtual kubelet deployment created`);
      }
      return;
    }
    await this.client.patch(APPS.deployments, ns, VIRTUAL_KUBELET_NAME, { spec: { template: desired.spec.template } });
  }

  /** Deleting while the virtual kubelet still holds the offer; then its Deployment and binding go, None. */
  private async ensureWithdrawn(offer: ResourceOffer, remote: ClusterIdentity): Promise<VirtualKubeletStatus> {
    const ns = offer.metadata.namespace ?? '';
    const deployment = this.deployments.get(`${ns}/${VIRTUAL_KUBELET_NAME}`);
    if (deployment) {
      // The freshest word on the finalizer: a virtual kubelet starting right now may just have set it.
      const fresh = await this.client.get<ResourceOffer>(LIQO.resourceoffers, ns, offer.metadata.name ?? '').catch((err: unknown) => { ignore(404)(err); return undefined; });
      if (fresh?.metadata.finalizers?.includes(NODE_FINALIZER)) return 'Deleting';
      await this.client.delete(APPS.deployments, ns, VIRTUAL_KUBELET_NAME).catch(ignore(404));
      this.ctx.log(`resourceoffer ${ns}/${offer.metadata.name}: offer withdrawn, virtual kubelet deleted`);
    }
    await this.client.delete(CLUSTER_ROLE_BINDINGS, '', virtualKubeletBindingName(uniqueName(remote))).catch(ignore(404));
    return 'None';
  }

  /** An offer that is gone (its Deployment goes with it): its ClusterRoleBinding, named like the tenant namespace, too. */
  private async cleanUpAfter(key: string): Promise<void> {
    const [ns = ''] = key.split('/');
    if (!ns.startsWith(TENANT_PREFIX) || this.offers.list().some((o) => o.metadata.namespace === ns)) return;
    try {
      await this.client.delete(CLUSTER_ROLE_BINDINGS, '', virtualKubeletBindingName(ns.slice(TENANT_PREFIX.length)));
    } catch (err) {
      if (!isStatusError(err) || err.code !== 404) this.ctx.log(`resourceoffer ${key}: removing the virtual kubelet binding: ${errorText(err)}`);
    }
  }
}

