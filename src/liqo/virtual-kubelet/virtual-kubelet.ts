// The virtual kubelet (reference §5.1), one per peering, started by the consumer's ResourceOffer
// controller in the tenant namespace: it serves the ResourceOffer the provider sent, holding
// finalizer liqo.io/node on it, and registers the virtual node `liqo-<provider>` on the home
// cluster from it, kept Ready while the provider's API server answers (a GET of /version with the
// identity the provider issued, every 10 s) and renewed through its Lease. When the offer is
// withdrawn (or deleted) it deletes the node, then drops the finalizer, so the controller can
// stop it. Restarts are harmless: the node is adopted, not registered twice.
// Not here (later issues): pod and resource reflection, the NamespaceMap, networking.
import type { Node } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { Controller, errorText, type Result } from '../../runtime/controller.js';
import { Informer } from '../../runtime/informer.js';
import { LIQO } from '../apis/resources.js';
import type { ResourceOffer } from '../apis/sharing.js';
import { retry, type Component } from '../component.js';
import { NODE_FINALIZER, ORIGIN_ID_LABEL, REPLICATED_LABEL } from '../consts.js';
import type { ClusterIdentity } from '../identity.js';
import { remoteClient } from '../peering/identity-secret.js';
import { isVirtualNode } from '../resource-negotiation/offer-resources.js';
import { FALLBACK_KUBELET_VERSION, type RemoteHealth } from './forge-node.js';
import { LEASE_RENEW_MS, VirtualNodeAgent } from './virtual-node.js';

export interface VirtualKubeletFlags {
  foreignClusterId: string;
  foreignClusterName: string;
  nodename: string;
  nodeIp?: string;
  tenantNamespace: string;
  homeClusterId: string;
  homeClusterName: string;
}

/** How often the provider is probed, and how long an answer may take (upstream: 10 s and 1 s). */
export const HEALTH_PERIOD_MS = 10_000;
export const HEALTH_TIMEOUT_MS = 3_000;
/** While the node waits for other finalizers to let it go. */
const NODE_GONE_POLL_MS = 1_000;
const KEY = 'node';

export function isWithdrawn(offer: ResourceOffer): boolean {
  return Boolean(offer.spec.withdrawalTimestamp || offer.metadata.deletionTimestamp);
}

/** One cheap authenticated request to the provider; never throws. */
export async function probeRemote(remote: Client, timeoutMs = HEALTH_TIMEOUT_MS): Promise<RemoteHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs); });
  try {
    await Promise.race([remote.request('GET', '/version'), timeout]);
    return { reachable: true };
  } catch (err) {
    return { reachable: false, message: errorText(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** The home cluster's kubelet version, read from its real nodes, as the virtual node shows it. */
export async function homeKubeletVersion(client: Client): Promise<string> {
  const nodes = await client.list<Node>(CORE.nodes);
  const real = nodes.items.find((n) => !isVirtualNode(n));
  return (real?.status?.nodeInfo as { kubeletVersion?: string } | undefined)?.kubeletVersion || FALLBACK_KUBELET_VERSION;
}

interface VirtualKubeletDeps {
  client: Client;
  remote: Client;
  remoteIdentity: ClusterIdentity;
  flags: VirtualKubeletFlags;
  nodeIP: string;
  kubeletVersion: string;
  log: (msg: string) => void;
  now: () => Date;
  onReconciled?: () => void;
}

export class VirtualKubelet {
  private readonly offers: Informer<ResourceOffer>;
  private readonly controller: Controller;
  private readonly agent: VirtualNodeAgent;
  private health: RemoteHealth = { reachable: false, message: 'not probed yet' };
  private active = false;

  constructor(private readonly d: VirtualKubeletDeps) {
    this.offers = new Informer<ResourceOffer>(d.client, LIQO.resourceoffers, {
      namespace: d.flags.tenantNamespace, labelSelector: `${REPLICATED_LABEL}=true,${ORIGIN_ID_LABEL}=${d.flags.foreignClusterId}`,
    });
    this.controller = new Controller('virtual-kubelet', () => this.reconcile(), { log: d.log });
    const enqueue = () => this.controller.enqueue(KEY);
    this.offers.addHandlers({ onAdd: enqueue, onUpdate: enqueue, onDelete: enqueue });
    this.agent = new VirtualNodeAgent(d.client, d.flags.nodename, d.now, d.log);
  }

  async run(signal: AbortSignal): Promise<void> {
    // Probed before the first registration, so a restart never posts a spurious NotReady.
    this.health = await probeRemote(this.d.remote);
    await this.offers.start();
    const timers = [
      setInterval(() => void this.renewLease(), LEASE_RENEW_MS),
      setInterval(() => void this.probe(), HEALTH_PERIOD_MS),
    ];
    signal.addEventListener('abort', () => {
      for (const t of timers) clearInterval(t);
      this.offers.stop();
    }, { once: true });
    this.controller.enqueue(KEY);
    await this.controller.run(signal);
  }

  private offer(): ResourceOffer | undefined {
    return this.offers.list()[0];
  }

  private async probe(): Promise<void> {
    const health = await probeRemote(this.d.remote);
    if (health.reachable !== this.health.reachable || health.message !== this.health.message) {
      this.d.log(health.reachable ? `the remote cluster ${this.d.remoteIdentity.clusterName} is reachable again` : `the remote cluster ${this.d.remoteIdentity.clusterName} cannot be reached: ${health.message ?? ''}`);
    }
    this.health = health;
    // Also the periodic status report: the reconcile posts only what changed or is due.
    this.controller.enqueue(KEY);
  }

  private async renewLease(): Promise<void> {
    if (!this.active) return;
    try {
      await this.agent.ensureLease();
    } catch (err) {
      this.d.log(`renewing the lease of node ${this.agent.name}: ${errorText(err)}`);
    }
  }

  async reconcile(): Promise<Result | void> {
    const offer = this.offer();
    if (!offer || isWithdrawn(offer)) return this.withdraw(offer);
    await this.ensureFinalizer(offer);
    const outcome = await this.agent.ensureNode({
      nodeName: this.d.flags.nodename, remote: this.d.remoteIdentity, offer, nodeIP: this.d.nodeIP, kubeletVersion: this.d.kubeletVersion,
    }, this.health);
    if (outcome === 'created') this.d.log(`node ${this.agent.name} registered`);
    if (!this.active) {
      if (outcome !== 'created') this.d.log(`node ${this.agent.name} adopted: it was registered before`);
      this.active = true;
      await this.agent.ensureLease();
    }
    this.d.onReconciled?.();
  }

  /** The offer is gone or withdrawn: the node goes first, then the finalizer that kept the offer. */
  private async withdraw(offer: ResourceOffer | undefined): Promise<Result | void> {
    this.active = false;
    if (!(await this.agent.removeNode())) return { requeueAfter: NODE_GONE_POLL_MS };
    if (offer?.metadata.finalizers?.includes(NODE_FINALIZER)) {
      const fresh = await this.d.client.get<ResourceOffer>(LIQO.resourceoffers, offer.metadata.namespace ?? '', offer.metadata.name ?? '');
      await this.d.client.update(LIQO.resourceoffers, { ...fresh, metadata: { ...fresh.metadata, finalizers: (fresh.metadata.finalizers ?? []).filter((f) => f !== NODE_FINALIZER) } });
      this.d.log(`node ${this.agent.name} deleted: the offer of ${this.d.remoteIdentity.clusterName} was withdrawn`);
    }
    this.d.onReconciled?.();
  }

  /** Holds the offer while a node stands for it; a PUT on the read version, so a concurrent withdrawal wins. */
  private async ensureFinalizer(offer: ResourceOffer): Promise<void> {
    if (offer.metadata.finalizers?.includes(NODE_FINALIZER)) return;
    await this.d.client.update(LIQO.resourceoffers, { ...offer, metadata: { ...offer.metadata, finalizers: [...(offer.metadata.finalizers ?? []), NODE_FINALIZER] } });
  }
}

/** The `virtual-kubelet` subcommand. */
export async function runVirtualKubelet(c: Component, flags: VirtualKubeletFlags): Promise<void> {
  const remoteIdentity = { clusterID: flags.foreignClusterId, clusterName: flags.foreignClusterName };
  // An unset POD_IP leaves `$(POD_IP)` unexpanded in the flag, as kube does.
  const nodeIP = [flags.nodeIp, process.env.POD_IP].find((ip) => ip && !ip.includes('$(')) ?? '';
  c.log(`virtual kubelet for ${remoteIdentity.clusterName} (${remoteIdentity.clusterID}) on ${flags.homeClusterName}: node ${flags.nodename}, IP ${nodeIP || '(none)'}`);
  const remote = await retry(`reading the identity for ${remoteIdentity.clusterName}`, c.log, async () => {
    const r = await remoteClient(c.client, flags.tenantNamespace, remoteIdentity.clusterID, 'liqo-ts/virtual-kubelet');
    if (!r) throw new Error(`no identity for cluster ${remoteIdentity.clusterID} in namespace ${flags.tenantNamespace}`);
    return r;
  });
  const kubeletVersion = await retry('reading the home cluster\'s kubelet version', c.log, () => homeKubeletVersion(c.client));
  const vk = new VirtualKubelet({
    client: c.client, remote: remote.client, remoteIdentity, flags, nodeIP, kubeletVersion, log: c.log, now: () => new Date(),
    onReconciled: () => c.setReady(true),
  });
  const abort = new AbortController();
  c.onStop(() => abort.abort());
  await vk.run(abort.signal);
}
