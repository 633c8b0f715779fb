// The network manager's controller, one key per remote cluster ID (reference §4.7):
//  1. enforceReceivedNetworkConfig: the NetworkConfig the remote sent (replicated here) gets its
//     networks reserved or remapped in the IPAM, recorded in the IpamStorage before its status
//     says processed with the NAT networks; when it is gone, the networks are released.
//  2. enforceLocalNetworkConfig: while a ForeignCluster peers (it has a local tenant namespace and
//     its OutgoingPeering or IncomingPeering condition is set and not None: liqoctl peer waits for
//     authentication, then for the outgoing peering, then for the network), this cluster's
//     NetworkConfig for it exists in the tenant namespace, labelled for the CRD replicator; once
//     the peering ends it is deleted.
//  3. enforceTunnelEndpoint: once both exist and each side processed the other's, the
//     TunnelEndpoint of the peering (label clusterID) is created or updated; otherwise deleted.
// The gateway's endpoint (liqo-gateway Service, nodes) is watched: a change rewrites every local
// NetworkConfig. Its public key is read from its Secret when needed (the network manager may get
// that one Secret only; the gateway creates it at start, before any peering).
import type { Node, Secret, Service } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';
import { CORE, type ResourceRef } from '../../client/resource.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { Controller, type Logger } from '../../runtime/controller.js';
import { enqueueMapped } from '../../runtime/handlers.js';
import type { Informer } from '../../runtime/informer.js';
import type { Manager, Runnable } from '../../runtime/manager.js';
import {
  GATEWAY_KEYS_SECRET, GATEWAY_SERVICE, IPAM_STORAGE_NAME, ORIGIN_ID_LABEL, REMOTE_ID_LABEL, REPLICATED_LABEL, REPLICATION_LABEL,
  TEP_CLUSTER_ID_LABEL,
} from '../consts.js';
import type { ClusterIdentity } from '../identity.js';
import type { ForeignCluster } from '../apis/discovery.js';
import type { IpamStorage, NetworkConfig, NetworkConfigStatus, TunnelEndpoint } from '../apis/net.js';
import { LIQO } from '../apis/resources.js';
import { publicKeyOf } from '../gateway/keys.js';
import { allocateClusterSubnets, recordLocalNAT, releaseClusterSubnets, remoteNetworks, type RemoteNetworks } from './cluster-subnets.js';
import { forgeGatewayEndpoint, forgeNetworkConfig, forgeTunnelEndpoint } from './forge.js';

/** Whether the ForeignCluster asks for networking: a tenant namespace and a peering direction. */
export function isPeering(fc: ForeignCluster): boolean {
  if (fc.metadata.deletionTimestamp || !fc.status?.tenantNamespace?.local || !fc.spec.clusterIdentity?.clusterID) return false;
  return (fc.status.peeringConditions ?? []).some((c) => (c.type === 'OutgoingPeering' || c.type === 'IncomingPeering') && c.status !== 'None');
}

export function isLocalNetworkConfig(nc: KubeObject, clusterID?: string): boolean {
  const l = nc.metadata.labels ?? {};
  return l[REPLICATION_LABEL] === 'true' && l[REPLICATED_LABEL] !== 'true' && (clusterID === undefined || l[REMOTE_ID_LABEL] === clusterID);
}

export function isReceivedNetworkConfig(nc: KubeObject, clusterID?: string): boolean {
  const l = nc.metadata.labels ?? {};
  return l[REPLICATED_LABEL] === 'true' && (clusterID === undefined || l[ORIGIN_ID_LABEL] === clusterID);
}

/** The remote cluster a NetworkConfig is about (sent to, or received from). */
function networkConfigCluster(nc: KubeObject): string | undefined {
  const l = nc.metadata.labels ?? {};
  if (isReceivedNetworkConfig(nc)) return l[ORIGIN_ID_LABEL];
  if (isLocalNetworkConfig(nc)) return l[REMOTE_ID_LABEL];
  return undefined;
}

function statusEqual(a: NetworkConfigStatus | undefined, b: NetworkConfigStatus): boolean {
  return a?.processed === b.processed && a.podCIDRNAT === b.podCIDRNAT && a.externalCIDRNAT === b.externalCIDRNAT;
}

export interface NetworkContext {
  manager: Manager;
  /** The Liqo namespace (the gateway's Service and key Secret). */
  namespace: string;
  log: Logger;
}

export class NetworkConfigController implements Runnable {
  readonly name = 'networkconfig';
  private readonly fcs: Informer<ForeignCluster>;
  private readonly ncs: Informer<NetworkConfig>;
  private readonly teps: Informer<TunnelEndpoint>;
  private readonly services: Informer<Service>;
  private readonly nodes: Informer<Node>;
  private readonly controller: Controller;

  constructor(private readonly ctx: NetworkContext) {
    const m = ctx.manager;
    this.fcs = m.informer<ForeignCluster>(LIQO.foreignclusters);
    this.ncs = m.informer<NetworkConfig>(LIQO.networkconfigs);
    this.teps = m.informer<TunnelEndpoint>(LIQO.tunnelendpoints, { labelSelector: TEP_CLUSTER_ID_LABEL });
    this.services = m.informer<Service>(CORE.services, { namespace: ctx.namespace, fieldSelector: `metadata.name=${GATEWAY_SERVICE}` });
    this.nodes = m.informer<Node>(CORE.nodes);
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { log: ctx.log });
    const q = this.controller.queue;
    this.fcs.addHandlers(enqueueMapped(q, (fc) => fc.spec?.clusterIdentity?.clusterID || undefined));
    this.ncs.addHandlers(enqueueMapped(q, networkConfigCluster));
    // The gateway writes a TunnelEndpoint's status every few seconds (latency): not our business.
    const tepKey = (tep: TunnelEndpoint) => tep.metadata.labels?.[TEP_CLUSTER_ID_LABEL];
    const tepHandlers = enqueueMapped(q, tepKey);
    this.teps.addHandlers({
      ...tepHandlers,
      onUpdate: (tep, old) => {
        if (!deepEqual(tep.spec, old.spec) || !deepEqual(tep.metadata.labels ?? {}, old.metadata.labels ?? {}) || tep.metadata.deletionTimestamp !== old.metadata.deletionTimestamp) tepHandlers.onUpdate?.(tep, old);
      },
    });
    const all = { onAdd: () => this.enqueueAll(), onUpdate: () => this.enqueueAll(), onDelete: () => this.enqueueAll() };
    for (const inf of [this.services, this.nodes] as Informer<KubeObject>[]) inf.addHandlers(all);
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  private enqueueAll(): void {
    for (const fc of this.fcs.list()) {
      const id = fc.spec.clusterIdentity?.clusterID;
      if (id) this.controller.enqueue(id);
    }
  }

  async reconcile(clusterID: string): Promise<void> {
    const fc = this.fcs.list().find((f) => f.spec.clusterIdentity?.clusterID === clusterID);
    const ncs = this.ncs.list();
    const local = ncs.find((nc) => isLocalNetworkConfig(nc, clusterID));
    const received = ncs.find((nc) => isReceivedNetworkConfig(nc, clusterID) && !nc.metadata.deletionTimestamp);
    const peering = fc !== undefined && isPeering(fc);
    // What the remote sent is processed first: it does not depend on anything of ours.
    const seen = await this.enforceReceivedNetworkConfig(fc?.spec.clusterIdentity?.clusterName ?? clusterID, clusterID, received, local);
    const localNC = peering ? await this.enforceLocalNetworkConfig(fc, local) : await this.ensureDeleted(LIQO.networkconfigs, local);
    if (peering && localNC?.status?.processed && received && seen) await this.enforceTunnelEndpoint(fc, localNC, received, seen);
    else for (const tep of this.tepsOf(clusterID)) await this.ensureDeleted(LIQO.tunnelendpoints, tep);
  }

  private tepsOf(clusterID: string): TunnelEndpoint[] {
    return this.teps.list().filter((t) => t.metadata.labels?.[TEP_CLUSTER_ID_LABEL] === clusterID);
  }

  private async gatewayPublicKey(): Promise<string> {
    let secret: Secret | undefined;
    try {
      secret = await this.ctx.manager.client.get<Secret>(CORE.secrets, this.ctx.namespace, GATEWAY_KEYS_SECRET);
    } catch (err) {
      if (!isStatusError(err) || err.code !== 404) throw err;
    }
    const key = secret && publicKeyOf(secret);
    if (!key) throw new Error(`the gateway has not created its key Secret ${this.ctx.namespace}/${GATEWAY_KEYS_SECRET} yet`);
    return key;
  }

  private async ipamStorage(): Promise<IpamStorage> {
    return this.ctx.manager.client.get<IpamStorage>(LIQO.ipamstorages, '', IPAM_STORAGE_NAME);
  }

  private async enforceLocalNetworkConfig(fc: ForeignCluster, current: NetworkConfig | undefined): Promise<NetworkConfig | undefined> {
    if (current?.metadata.deletionTimestamp) return undefined;
    const svc = this.services.get(`${this.ctx.namespace}/${GATEWAY_SERVICE}`);
    if (!svc) throw new Error(`service ${this.ctx.namespace}/${GATEWAY_SERVICE} not found`);
    const publicKey = await this.gatewayPublicKey();
    const ipam = (await this.ipamStorage()).spec;
    const remote = fc.spec.clusterIdentity as ClusterIdentity;
    const desired = forgeNetworkConfig(remote, fc.status!.tenantNamespace!.local!, { ipam, endpoint: forgeGatewayEndpoint(svc, this.nodes.list()), publicKey });
    const client = this.ctx.manager.client;
    if (!current) {
      this.ctx.log(`networkconfig: creating ${desired.metadata.namespace}/${desired.metadata.name} for cluster ${remote.clusterName}`);
      return client.create(LIQO.networkconfigs, desired);
    }
    const labels = { ...current.metadata.labels, ...desired.metadata.labels };
    if (deepEqual(current.spec, desired.spec) && deepEqual(current.metadata.labels ?? {}, labels)) return current;
    return client.update(LIQO.networkconfigs, { ...current, metadata: { ...current.metadata, labels }, spec: desired.spec });
  }

  /** The remote's networks as seen here (allocated once), or undefined once its NetworkConfig is gone. */
  private async enforceReceivedNetworkConfig(remoteName: string, clusterID: string, received: NetworkConfig | undefined, localNC: NetworkConfig | undefined): Promise<RemoteNetworks | undefined> {
    const client = this.ctx.manager.client;
    const storage = await this.ipamStorage();
    if (!received) {
      const released = releaseClusterSubnets(storage.spec, clusterID);
      if (released.changed) {
        await client.update(LIQO.ipamstorages, { ...storage, spec: released.spec });
        this.ctx.log(`networkconfig: released the networks of cluster ${remoteName}`);
      }
      return undefined;
    }
    const allocated = allocateClusterSubnets(storage.spec, clusterID, received.spec);
    let spec = allocated.spec;
    let changed = allocated.changed;
    if (localNC?.status?.processed) {
      const nat = recordLocalNAT(spec, clusterID, localNC.status);
      spec = nat.spec;
      changed ||= nat.changed;
    }
    // The allocation is on record before any status says so: a restart finds it again.
    if (changed) await client.update(LIQO.ipamstorages, { ...storage, spec });
    const seen = remoteNetworks(allocated.subnets, received.spec);
    const status: NetworkConfigStatus = { processed: true, podCIDRNAT: seen.podCIDRNAT, externalCIDRNAT: seen.externalCIDRNAT };
    if (!statusEqual(received.status, status)) {
      await client.update(LIQO.networkconfigs, { ...received, status }, 'status');
      this.ctx.log(`networkconfig: processed ${received.metadata.namespace}/${received.metadata.name} of cluster ${remoteName}: pods ${received.spec.podCIDR} -> ${seen.podCIDR}, external ${received.spec.externalCIDR} -> ${seen.externalCIDR}`);
    }
    return seen;
  }

  private async enforceTunnelEndpoint(fc: ForeignCluster, localNC: NetworkConfig, received: NetworkConfig, seen: RemoteNetworks): Promise<void> {
    const desired = forgeTunnelEndpoint(fc.spec.clusterIdentity as ClusterIdentity, fc.status!.tenantNamespace!.local!, localNC, received, seen);
    const client = this.ctx.manager.client;
    const existing = this.tepsOf(desired.spec.clusterIdentity.clusterID);
    const current = existing.find((t) => t.metadata.namespace === desired.metadata.namespace && t.metadata.name === desired.metadata.name);
    for (const stray of existing.filter((t) => t !== current)) await this.ensureDeleted(LIQO.tunnelendpoints, stray);
    if (!current) {
      this.ctx.log(`networkconfig: creating TunnelEndpoint ${desired.metadata.namespace}/${desired.metadata.name} towards ${desired.spec.endpointIP}:${desired.spec.backend_config.port ?? ''}`);
      await client.create(LIQO.tunnelendpoints, desired);
      return;
    }
    if (deepEqual(current.spec, desired.spec)) return;
    await client.update(LIQO.tunnelendpoints, { ...current, spec: desired.spec });
  }

  private async ensureDeleted(ref: ResourceRef, obj: KubeObject | undefined): Promise<undefined> {
    if (!obj || obj.metadata.deletionTimestamp) return undefined;
    try {
      await this.ctx.manager.client.delete(ref, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
      this.ctx.log(`networkconfig: deleted ${obj.kind ?? ''} ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`);
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
    return undefined;
  }
}
