// The ForeignCluster's peering conditions (reference §4.4, §4.9): pure functions that say which
// status each condition should have, from the objects the controller sees, and set it on the
// condition list (the transition time moves only when the status does).
import type { PeeringCondition, PeeringConditionStatus, PeeringConditionType, ResourceRequest } from '../apis/discovery.js';
import type { PeeringPhase } from '../peering/phase.js';
import type { TunnelEndpoint } from '../apis/net.js';
import type { ResourceOffer } from '../apis/sharing.js';

export interface ConditionValue { status: PeeringConditionStatus; reason: string; message: string }

export function setCondition(conditions: PeeringCondition[], type: PeeringConditionType, v: ConditionValue, now: string): PeeringCondition[] {
  const old = conditions.find((c) => c.type === type);
  const next: PeeringCondition = { type, status: v.status, lastTransitionTime: old && old.status === v.status ? old.lastTransitionTime ?? now : now, reason: v.reason, message: v.message };
  return old ? conditions.map((c) => (c.type === type ? next : c)) : [...conditions, next];
}

/** Outgoing (we consume) or incoming (we provide), from the ResourceRequest and the offer answering it. */
export function peeringCondition(rr: ResourceRequest | undefined, offer: ResourceOffer | undefined, ns: string): ConditionValue {
  if (!rr) return { status: 'None', reason: 'NoResourceRequest', message: `No ResourceRequest found in the Tenant Namespace ${ns}` };
  if (rr.spec.withdrawalTimestamp || rr.metadata.deletionTimestamp) {
    return { status: 'Disconnecting', reason: 'ResourceRequestDeleting', message: `The ResourceRequest is in deleting phase in the Tenant Namespace ${ns}` };
  }
  if ((rr.status?.offerState ?? 'None') === 'None' || !offer) {
    return { status: 'Pending', reason: 'ResourceRequestPending', message: `The remote cluster has not created a ResourceOffer in the Tenant Namespace ${ns} yet` };
  }
  if (offer.status?.virtualKubeletStatus !== 'Created') {
    return { status: 'Pending', reason: 'KubeletPending', message: 'The remote cluster has not started the VirtualKubelet for the peering yet' };
  }
  return { status: 'Established', reason: 'ResourceRequestAccepted', message: `The ResourceRequest has been accepted by the remote cluster in the Tenant Namespace ${ns}` };
}

export function networkCondition(tep: TunnelEndpoint | undefined, ns: string): ConditionValue {
  const status = tep?.status?.connection?.status;
  if (!tep) return { status: 'None', reason: 'TunnelEndpointNotFound', message: `The TunnelEndpoint has not been found in the Tenant Namespace ${ns}` };
  if (status === 'Connected') return { status: 'Established', reason: 'TunnelEndpointAvailable', message: `The TunnelEndpoint has been successfully found in the Tenant Namespace ${ns} and it is connected` };
  if (status === 'Error') return { status: 'Error', reason: 'TunnelEndpointError', message: tep.status?.connection?.statusMessage ?? 'No network connectivity towards remote cluster' };
  return { status: 'Pending', reason: 'TunnelEndpointConnecting', message: `The TunnelEndpoint has been successfully found in the Tenant Namespace ${ns}, but it is not connected yet` };
}

/** The peering ClusterRoles the remote cluster gets in the tenant namespace in each phase. */
export function rolesFor(phase: PeeringPhase): ('basic' | 'incoming' | 'outgoing')[] {
  switch (phase) {
    case 'None': return [];
    case 'Authenticated': return ['basic'];
    case 'Outgoing': return ['basic', 'outgoing'];
    case 'Incoming': return ['basic', 'incoming'];
    case 'Bidirectional': return ['basic', 'incoming', 'outgoing'];
  }
}
