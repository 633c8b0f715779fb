// The ForeignCluster controller (reference §4.4), on consumers and providers alike: completes
// the remote identity from /ids, refuses clusters that cannot be peered (ourselves, a duplicate
// ID), keeps the tenant namespace, obtains this cluster's identity from the remote auth service,
// drives the outgoing peering through a ResourceRequest, reads the incoming peering and the
// network from what the remote and the network components write, binds the remote cluster's
// permissions for the phase, and removes ForeignClusters of incoming peerings once both
// directions are gone. Each step is an ensureX; the status is written once, when it changed.
import type { Secret } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';
import { CORE } from '../../client/resource.js';
import { deleteIfExists, getIfExists } from '../../client/if-exists.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { Controller, type Result } from '../../runtime/controller.js';
import { enqueueMapped, enqueueObject } from '../../runtime/handlers.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ForeignCluster, PeeringCondition, ResourceRequest } from '../apis/discovery.js';
import type { TunnelEndpoint } from '../apis/net.js';
import { LIQO } from '../apis/resources.js';
import type { ResourceOffer } from '../apis/sharing.js';
import { authURL } from '../auth/auth-url.js';
import { forgePeeringRoleBinding } from '../auth/identity.js';
import { tokenOf } from '../auth/token.js';
import {
  AUTH_TOKEN_SECRET, CLUSTER_ID_LABEL, DISCOVERY_TYPE_LABEL, ORIGIN_ID_LABEL, PEERING_ROLES, REMOTE_ID_LABEL, REPLICATED_LABEL, remoteTokenSecretName,
} from '../consts.js';
import type { LiqoContext } from '../controller-manager/context.js';
import type { ClusterIdentity } from '../identity.js';
import { findIdentitySecret, forgeIdentitySecret, parseIdentitySecret } from '../peering/identity-secret.js';
import { ensureTenantNamespace } from '../peering/tenant.js';
import { fetchRemoteIdentity, requestIdentity } from './auth-client.js';
import { networkCondition, peeringCondition, rolesFor, setCondition, type ConditionValue } from './conditions.js';
import { peeringPhase } from '../peering/phase.js';
import { forgeResourceRequest } from './resource-request.js';

const RESYNC_MS = 10_000;
const ROLE_BINDINGS = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', namespaced: true };

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A key of the cluster ID an object is about, for the ForeignCluster of that cluster. */
function clusterIDOf(obj: KubeObject): string | undefined {
  const l = obj.metadata.labels ?? {};
  return l[ORIGIN_ID_LABEL] ?? l[REMOTE_ID_LABEL] ?? l[CLUSTER_ID_LABEL] ?? l.clusterID;
}

export class ForeignClusterController implements Runnable {
  readonly name = 'foreigncluster';
  private readonly controller: Controller;
  private readonly fcs: Informer<ForeignCluster>;
  private readonly requests: Informer<ResourceRequest>;
  private readonly offers: Informer<ResourceOffer>;
  private readonly tunnels: Informer<TunnelEndpoint>;

  constructor(private readonly ctx: LiqoContext) {
    const m = ctx.manager;
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: 2, log: ctx.log });
    this.fcs = m.informer<ForeignCluster>(LIQO.foreignclusters);
    this.requests = m.informer<ResourceRequest>(LIQO.resourcerequests);
    this.offers = m.informer<ResourceOffer>(LIQO.resourceoffers);
    this.tunnels = m.informer<TunnelEndpoint>(LIQO.tunnelendpoints);
    this.fcs.addHandlers(enqueueObject(this.controller.queue));
    const byCluster = enqueueMapped(this.controller.queue, (o: KubeObject) => {
      const id = clusterIDOf(o);
      return id ? this.fcs.list().find((f) => f.spec.clusterIdentity?.clusterID === id)?.metadata.name : undefined;
    });
    for (const inf of [this.requests, this.offers, this.tunnels] as Informer<KubeObject>[]) inf.addHandlers(byCluster);
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  private get client() {
    return this.ctx.manager.client;
  }

  async reconcile(name: string): Promise<Result | void> {
    const cached = this.fcs.get(name);
    if (!cached) return;
    // Work on the freshest copy: the status is replaced as a whole.
    let fc: ForeignCluster;
    try {
      fc = await this.client.get<ForeignCluster>(LIQO.foreignclusters, '', name);
    } catch (err) {
      if (isStatusError(err) && err.code === 404) return;
      throw err;
    }
    const now = rfc3339(this.ctx.now());
    let conditions = [...(fc.status?.peeringConditions ?? [])];
    const set = (type: PeeringCondition['type'], v: ConditionValue) => { conditions = setCondition(conditions, type, v, now); };
    const status = { ...fc.status };

    const remote = await this.ensureRemoteIdentity(fc, set);
    if (!remote) return this.finish(fc, status, conditions);
    const problem = this.processable(fc, remote);
    set('ProcessForeignClusterStatus', problem ?? { status: 'Success', reason: 'ForeignClusterProcessable', message: 'This ForeignCluster seems to be processable' });
    if (problem) return this.finish(fc, status, conditions);

    const tenant = await ensureTenantNamespace(this.client, remote);
    status.tenantNamespace = { ...status.tenantNamespace, local: tenant };
    set('NetworkStatus', networkCondition(this.tunnels.list().find((t) => t.metadata.namespace === tenant && t.metadata.labels?.clusterID === remote.clusterID), tenant));

    const identity = await this.ensureIdentity(fc, remote, tenant, set);
    if (identity) status.tenantNamespace = { ...status.tenantNamespace, remote: identity.namespace };

    const outgoing = await this.ensureOutgoing(fc, remote, tenant, Boolean(identity));
    set('OutgoingPeering', outgoing);
    const incoming = this.incoming(remote, tenant);
    set('IncomingPeering', incoming);
    await this.ensurePermissions(remote, tenant, rolesFor(peeringPhase(Boolean(identity), outgoing.status, incoming.status)));

    if (fc.metadata.labels?.[DISCOVERY_TYPE_LABEL] === 'IncomingPeering' && outgoing.status === 'None' && incoming.status === 'None') {
      await deleteIfExists(this.client, LIQO.foreignclusters, '', name);
      this.ctx.log(`foreigncluster ${name}: no peering left in either direction, removed`);
      return;
    }
    return this.finish(fc, status, conditions);
  }

  private async finish(fc: ForeignCluster, status: ForeignCluster['status'], conditions: PeeringCondition[]): Promise<Result> {
    const next = { ...status, peeringConditions: conditions };
    if (!deepEqual(next, fc.status ?? {})) await this.client.update(LIQO.foreignclusters, { ...fc, status: next }, 'status');
    return { requeueAfter: RESYNC_MS };
  }

  /** The remote identity from the spec, completed from /ids when only the auth URL is known. */
  private async ensureRemoteIdentity(fc: ForeignCluster, set: (t: PeeringCondition['type'], v: ConditionValue) => void): Promise<ClusterIdentity | undefined> {
    const id = fc.spec.clusterIdentity;
    if (id?.clusterID && id.clusterName) return id;
    try {
      const fetched = await fetchRemoteIdentity(fc.spec.foreignAuthUrl, fc.spec.insecureSkipTLSVerify === false);
      const clusterIdentity = { clusterID: id?.clusterID || fetched.clusterID, clusterName: id?.clusterName || fetched.clusterName };
      await this.client.patch(LIQO.foreignclusters, '', fc.metadata.name ?? '', { spec: { clusterIdentity } });
      return clusterIdentity;
    } catch (err) {
      set('AuthenticationStatus', { status: 'Error', reason: 'AuthNotReachable', message: `The remote authentication service is not reachable: ${(err as Error).message}` });
      return undefined;
    }
  }

  private processable(fc: ForeignCluster, remote: ClusterIdentity): ConditionValue | undefined {
    if (remote.clusterID === this.ctx.identity.clusterID) return { status: 'Error', reason: 'LocalCluster', message: 'This cluster has the same clusterID of the local cluster' };
    const other = this.fcs.list().find((o) => o.metadata.name !== fc.metadata.name && o.spec.clusterIdentity?.clusterID === remote.clusterID);
    if (other) return { status: 'Error', reason: 'ClusterIDRepetition', message: `The same clusterID is already present in another ForeignCluster (${other.metadata.name})` };
    return undefined;
  }

  private async secretToken(name: string): Promise<string> {
    return tokenOf(await getIfExists<Secret>(this.client, CORE.secrets, this.ctx.namespace, name)) ?? '';
  }

  /** This cluster's identity on the remote: the stored one, or a new one from its auth service. */
  private async ensureIdentity(fc: ForeignCluster, remote: ClusterIdentity, tenant: string, set: (t: PeeringCondition['type'], v: ConditionValue) => void) {
    const stored = await findIdentitySecret(this.client, tenant, remote.clusterID);
    if (stored) {
      set('AuthenticationStatus', { status: 'Established', reason: 'IdentityAccepted', message: 'The Identity has been correctly accepted by the remote cluster' });
      return parseIdentitySecret(stored);
    }
    const remoteToken = await this.secretToken(remoteTokenSecretName(remote.clusterID));
    try {
      // Before asking for an identity, make sure the auth URL is the cluster the ID names.
      const answered = await fetchRemoteIdentity(fc.spec.foreignAuthUrl, fc.spec.insecureSkipTLSVerify === false);
      if (answered.clusterID !== remote.clusterID) {
        set('AuthenticationStatus', { status: 'Error', reason: 'ClusterIDMismatch', message: `The cluster at ${fc.spec.foreignAuthUrl} has cluster ID ${answered.clusterID}, not ${remote.clusterID}: check the --cluster-id of the peer command` });
        return undefined;
      }
      const outcome = await requestIdentity(fc.spec.foreignAuthUrl, fc.spec.insecureSkipTLSVerify === false, this.ctx.identity, await this.secretToken(AUTH_TOKEN_SECRET), remoteToken);
      if (!outcome.ok) {
        const denied = outcome.status === 401 || outcome.status === 403;
        if (denied && remoteToken) set('AuthenticationStatus', { status: 'Denied', reason: 'IdentityDenied', message: `Cluster authentication denied by the remote cluster: ${outcome.body}` });
        else if (denied) set('AuthenticationStatus', { status: 'EmptyDenied', reason: 'IdentityEmptyDenied', message: `The remote cluster requires cluster authentication to be enabled: ${outcome.body}` });
        else set('AuthenticationStatus', { status: 'Error', reason: 'IdentityError', message: `Cannot ensure identity: ${outcome.status} ${outcome.body}` });
        return undefined;
      }
      await this.client.create(CORE.secrets, forgeIdentitySecret(tenant, remote.clusterID, outcome.identity));
      this.ctx.log(`foreigncluster ${fc.metadata.name}: identity accepted by ${remote.clusterName} (tenant namespace ${outcome.identity.namespace} there)`);
      set('AuthenticationStatus', { status: 'Established', reason: 'IdentityAccepted', message: 'The Identity has been correctly accepted by the remote cluster' });
      return outcome.identity;
    } catch (err) {
      set('AuthenticationStatus', { status: 'Error', reason: 'IdentityError', message: `Cannot ensure identity: ${(err as Error).message}` });
      return undefined;
    }
  }

  private localRequest(remote: ClusterIdentity, tenant: string): ResourceRequest | undefined {
    return this.requests.list().find((r) => r.metadata.namespace === tenant && r.metadata.labels?.[REMOTE_ID_LABEL] === remote.clusterID && !r.metadata.labels?.[REPLICATED_LABEL]);
  }

  private receivedOffer(remote: ClusterIdentity, tenant: string): ResourceOffer | undefined {
    return this.offers.list().find((o) => o.metadata.namespace === tenant && o.metadata.labels?.[REPLICATED_LABEL] === 'true' && o.metadata.labels?.[ORIGIN_ID_LABEL] === remote.clusterID);
  }

  /** Peering wanted: ensure the ResourceRequest; not wanted: withdraw it, then delete it. */
  private async ensureOutgoing(fc: ForeignCluster, remote: ClusterIdentity, tenant: string, authenticated: boolean): Promise<ConditionValue> {
    let rr = this.localRequest(remote, tenant);
    const wanted = authenticated && !fc.metadata.deletionTimestamp && fc.spec.outgoingPeeringEnabled === 'Yes';
    if (wanted) {
      if (!rr) {
        const url = await authURL(this.client, this.ctx.namespace);
        rr = await this.client.create(LIQO.resourcerequests, forgeResourceRequest(fc, tenant, this.ctx.identity, url)).catch(async (err: unknown) => {
          if (isStatusError(err) && err.code === 409) return this.client.get<ResourceRequest>(LIQO.resourcerequests, tenant, this.ctx.identity.clusterName);
          throw err;
        });
      } else if (rr.spec.withdrawalTimestamp) {
        rr = await this.client.patch<ResourceRequest>(LIQO.resourcerequests, tenant, rr.metadata.name ?? '', [{ op: 'remove', path: '/spec/withdrawalTimestamp' }], 'json');
      }
      return peeringCondition(rr, this.receivedOffer(remote, tenant), tenant);
    }
    if (!rr) return peeringCondition(undefined, undefined, tenant);
    if (rr.status?.offerWithdrawalTimestamp || (rr.status?.offerState ?? 'None') === 'None') {
      await deleteIfExists(this.client, LIQO.resourcerequests, tenant, rr.metadata.name ?? '');
      return peeringCondition(undefined, undefined, tenant);
    }
    if (!rr.spec.withdrawalTimestamp) {
      await this.client.patch(LIQO.resourcerequests, tenant, rr.metadata.name ?? '', { spec: { withdrawalTimestamp: rfc3339(this.ctx.now()) } });
    }
    return { status: 'Disconnecting', reason: 'ResourceRequestDeleting', message: `The ResourceRequest is in deleting phase in the Tenant Namespace ${tenant}` };
  }

  /** Incoming: the remote's ResourceRequest replicated here and the offer we answered it with. */
  private incoming(remote: ClusterIdentity, tenant: string): ConditionValue {
    const rr = this.requests.list().find((r) => r.metadata.namespace === tenant && r.metadata.labels?.[REPLICATED_LABEL] === 'true' && r.metadata.labels?.[ORIGIN_ID_LABEL] === remote.clusterID);
    const offer = this.offers.list().find((o) => o.metadata.namespace === tenant && !o.metadata.labels?.[REPLICATED_LABEL] && o.metadata.labels?.[REMOTE_ID_LABEL] === remote.clusterID);
    return peeringCondition(rr, offer, tenant);
  }

  private async ensurePermissions(remote: ClusterIdentity, tenant: string, wanted: ('basic' | 'incoming' | 'outgoing')[]): Promise<void> {
    for (const set of ['basic', 'incoming', 'outgoing'] as const) {
      const binding = forgePeeringRoleBinding(tenant, PEERING_ROLES[set], remote.clusterID);
      if (wanted.includes(set)) {
        await this.client.create(ROLE_BINDINGS, binding).catch((err: unknown) => { if (!isStatusError(err) || err.code !== 409) throw err; });
      } else if (set !== 'basic') {
        // basic stays once granted: the auth service bound it with the identity.
        await deleteIfExists(this.client, ROLE_BINDINGS, tenant, binding.metadata.name ?? '');
      }
    }
  }
}

