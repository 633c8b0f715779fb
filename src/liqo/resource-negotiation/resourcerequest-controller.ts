// The provider's ResourceRequest controller (reference §4.6, Liqo's resourcerequest-operator and
// offer updater): on the ResourceRequests consumers replicated into its tenant namespaces it
// makes sure a ForeignCluster stands for the consumer (discovery type IncomingPeering, so this
// cluster can authenticate back), decides Allow, Deny or Deleting, and on Allow keeps a
// ResourceOffer in the same namespace with the free resources times the sharing percentage,
// rewritten when a figure moves by more than 5% or the cluster labels change. Deny and Deleting
// take the offer back: marked withdrawn while a virtual kubelet serves it, deleted once none
// does. The request's status says whether an offer stands (offerState) and when it was withdrawn.
// Not here: the metrics ClusterRole for the consumer, the external resource plugin, prices.
import { deleteIfExists } from '../../client/if-exists.js';
import type { Node, Pod } from '../../api/core-v1.js';
import { CORE } from '../../client/resource.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { CacheFence, FENCE_RETRY_MS } from '../../runtime/cache-fence.js';
import { Controller, type Result } from '../../runtime/controller.js';
import { enqueueObject, enqueueOwner } from '../../runtime/handlers.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ForeignCluster, OfferState, ResourceRequest } from '../apis/discovery.js';
import { LIQO } from '../apis/resources.js';
import type { ResourceOffer } from '../apis/sharing.js';
import { CLUSTER_ID_LABEL, ORIGIN_ID_LABEL, REPLICATED_LABEL, REPLICATION_LABEL } from '../consts.js';
import type { LiqoContext } from '../controller-manager/context.js';
import { uniqueName } from '../identity.js';
import { decidePhase, planWithdrawal, type NegotiationPhase } from './decision.js';
import { forgeIncomingForeignCluster, forgeResourceOffer, offerSpecPatch } from './forge-offer.js';
import { offerChanged, offeredResources } from './offer-resources.js';

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** While a deleted offer is still there (its replica goes first), look again this often. */
const OFFER_GONE_POLL_MS = 1000;

export class ResourceRequestController implements Runnable {
  readonly name = 'resourcerequest';
  private readonly controller: Controller;
  private readonly requests: Informer<ResourceRequest>;
  private readonly offers: Informer<ResourceOffer>;
  private readonly fcs: Informer<ForeignCluster>;
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly fence = new CacheFence();

  constructor(private readonly ctx: LiqoContext) {
    const m = ctx.manager;
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: 2, log: ctx.log });
    const queue = this.controller.queue;
    this.requests = m.informer<ResourceRequest>(LIQO.resourcerequests, { labelSelector: `${REPLICATED_LABEL}=true` });
    this.offers = m.informer<ResourceOffer>(LIQO.resourceoffers, { labelSelector: `${REPLICATION_LABEL}=true` });
    this.fcs = m.informer<ForeignCluster>(LIQO.foreignclusters);
    this.nodes = m.informer<Node>(CORE.nodes);
    this.pods = m.informer<Pod>(CORE.pods);
    this.requests.addHandlers(enqueueObject(queue));
    this.offers.addHandlers(this.fence.observer());
    this.offers.addHandlers(enqueueOwner(queue, 'ResourceRequest'));
    const byCluster = (fc: ForeignCluster) => {
      for (const rr of this.requests.list()) if (rr.spec.clusterIdentity.clusterID === fc.spec.clusterIdentity?.clusterID) queue.add(keyOf(rr));
    };
    this.fcs.addHandlers({ onAdd: byCluster, onUpdate: byCluster, onDelete: byCluster });
    // Any change of the cluster's resources may move an offer: every request looks again (the
    // queue folds the bursts of a busy cluster into one reconcile per request).
    const all = () => { for (const rr of this.requests.list()) queue.add(keyOf(rr)); };
    for (const inf of [this.nodes, this.pods] as Informer<Node | Pod>[]) inf.addHandlers({ onAdd: all, onUpdate: all, onDelete: all });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  private get client() {
    return this.ctx.manager.client;
  }

  async reconcile(key: string): Promise<Result | void> {
    if (!this.fence.caughtUp(key)) return { requeueAfter: FENCE_RETRY_MS };
    const rr = this.requests.get(key);
    if (!rr || rr.metadata.labels?.[REPLICATED_LABEL] !== 'true') return;
    const consumer = rr.spec.clusterIdentity;
    if (consumer.clusterID === this.ctx.identity.clusterID || rr.metadata.labels[ORIGIN_ID_LABEL] !== consumer.clusterID) {
      this.ctx.log(`resourcerequest ${key}: ignored, it does not come from the cluster it names (${consumer.clusterID})`);
      return;
    }
    const fc = await this.ensureForeignCluster(rr);
    const phase: NegotiationPhase = fc ? decidePhase(rr, fc) : 'Deleting';
    let offer = this.offers.get(`${rr.metadata.namespace}/${this.ctx.identity.clusterName}`);
    let withdrawnAt = rr.status?.offerWithdrawalTimestamp;
    if (offer?.metadata.deletionTimestamp) {
      // Going (the replicator removes its replica first): no offer stands; a new one waits for it to be gone.
      await this.ensureStatus(rr, 'None', phase === 'Allow' ? undefined : withdrawnAt ?? rfc3339(this.ctx.now()));
      return phase === 'Allow' ? { requeueAfter: OFFER_GONE_POLL_MS } : undefined;
    }
    if (phase === 'Allow') {
      offer = await this.ensureOffer(key, rr, offer);
      withdrawnAt = undefined;
    } else if (await this.ensureWithdrawn(key, rr, offer, phase) === 'gone') {
      offer = undefined;
      withdrawnAt ??= rfc3339(this.ctx.now());
    } else if (!offer && phase === 'Deleting') {
      withdrawnAt ??= rfc3339(this.ctx.now());
    }
    await this.ensureStatus(rr, offer ? 'Created' : 'None', withdrawnAt);
  }

  /** Deny or Deleting: the offer is marked withdrawn while a virtual kubelet serves it, deleted once none does. */
  private async ensureWithdrawn(key: string, rr: ResourceRequest, offer: ResourceOffer | undefined, phase: NegotiationPhase): Promise<'gone' | 'standing'> {
    const plan = planWithdrawal(offer);
    if (!offer || plan === 'none' || plan === 'wait') return 'standing';
    const [ns, name] = [offer.metadata.namespace ?? '', offer.metadata.name ?? ''];
    if (plan === 'mark') {
      this.fence.wrote(key, await this.client.patch(LIQO.resourceoffers, ns, name, { spec: { withdrawalTimestamp: rfc3339(this.ctx.now()) } }));
      this.ctx.log(`resourcerequest ${key}: ${phase}, offer withdrawn (waiting for the virtual kubelet of ${rr.spec.clusterIdentity.clusterName} to stop)`);
      return 'standing';
    }
    await deleteIfExists(this.client, LIQO.resourceoffers, ns, name);
    this.ctx.log(`resourcerequest ${key}: ${phase}, offer deleted`);
    return 'gone';
  }

  /** The ForeignCluster of the consumer: found by cluster ID, else created (named after it, or its UniqueName on a clash). */
  private async ensureForeignCluster(rr: ResourceRequest): Promise<ForeignCluster | undefined> {
    const id = rr.spec.clusterIdentity;
    const existing = this.fcs.list().find((f) => f.spec.clusterIdentity?.clusterID === id.clusterID || f.metadata.labels?.[CLUSTER_ID_LABEL] === id.clusterID);
    if (existing) return existing;
    if (rr.metadata.deletionTimestamp || rr.spec.withdrawalTimestamp) return undefined;
    for (const name of [id.clusterName, uniqueName(id)]) {
      const clash = this.fcs.get(name);
      if (clash && clash.spec.clusterIdentity?.clusterID !== id.clusterID) continue;
      try {
        const fc = await this.client.create<ForeignCluster>(LIQO.foreignclusters, forgeIncomingForeignCluster(rr, name));
        this.ctx.log(`resourcerequest ${keyOf(rr)}: foreigncluster ${name} created for the incoming peering of ${id.clusterName}`);
        return fc;
      } catch (err) {
        if (!isStatusError(err) || err.code !== 409) throw err;
        const other = await this.client.get<ForeignCluster>(LIQO.foreignclusters, '', name);
        if (other.spec.clusterIdentity?.clusterID === id.clusterID) return other;
      }
    }
    throw new Error(`no name left for the ForeignCluster of cluster ${id.clusterID}: ${id.clusterName} and ${uniqueName(id)} are taken`);
  }

  private async ensureOffer(key: string, rr: ResourceRequest, offer: ResourceOffer | undefined): Promise<ResourceOffer> {
    const hard = offeredResources(this.nodes.list(), this.pods.list(), rr.spec.clusterIdentity.clusterID, this.ctx.sharingPercentage);
    const desired = forgeResourceOffer({ rr, provider: this.ctx.identity, hard, clusterLabels: this.ctx.clusterLabels });
    if (!offer) {
      try {
        const created = await this.client.create<ResourceOffer>(LIQO.resourceoffers, desired);
        this.fence.wrote(key, created);
        this.ctx.events.event(rr, 'Normal', 'ResourceOfferCreated', `ResourceOffer ${created.metadata.name} created for cluster ${rr.spec.clusterIdentity.clusterName}`);
        return created;
      } catch (err) {
        if (!isStatusError(err) || err.code !== 409) throw err;
        offer = await this.client.get<ResourceOffer>(LIQO.resourceoffers, desired.metadata.namespace ?? '', desired.metadata.name ?? '');
      }
    }
    const stale = offerChanged(offer.spec.resourceQuota?.hard, hard) || !deepEqual(offer.spec.labels ?? {}, desired.spec.labels ?? {});
    if (!stale && !offer.spec.withdrawalTimestamp) return offer;
    const patched = await this.client.patch<ResourceOffer>(LIQO.resourceoffers, offer.metadata.namespace ?? '', offer.metadata.name ?? '', {
      spec: { ...offerSpecPatch(desired), withdrawalTimestamp: null },
    });
    this.fence.wrote(key, patched);
    return patched;
  }

  private async ensureStatus(rr: ResourceRequest, offerState: OfferState, offerWithdrawalTimestamp: string | undefined): Promise<void> {
    const want = { offerState, offerWithdrawalTimestamp };
    if (deepEqual({ offerState: rr.status?.offerState ?? 'None', offerWithdrawalTimestamp: rr.status?.offerWithdrawalTimestamp }, want)) return;
    // Not fenced: the fence follows the offers' informer, and a repeated status patch is harmless.
    await this.client.patch(LIQO.resourcerequests, rr.metadata.namespace ?? '', rr.metadata.name ?? '', {
      status: { offerState, offerWithdrawalTimestamp: offerWithdrawalTimestamp ?? null },
    }, 'merge', { subresource: 'status' });
  }
}

function keyOf(rr: ResourceRequest): string {
  return `${rr.metadata.namespace}/${rr.metadata.name}`;
}
