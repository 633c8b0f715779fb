// The provider's decisions about a ResourceRequest (reference §4.6): offer resources to the
// consumer (Allow), refuse (Deny) or tear the peering down (Deleting); and, when no offer should
// stand, how to take it back without pulling the node from under a running virtual kubelet:
// an offer a virtual kubelet serves is first marked withdrawn (the consumer drains and deletes its
// node, then reports None), and only an offer nobody serves is deleted. Pure.
import type { ForeignCluster, ResourceRequest } from '../apis/discovery.js';
import type { ResourceOffer } from '../apis/sharing.js';

export type NegotiationPhase = 'Allow' | 'Deny' | 'Deleting';

/** Upstream's --enable-incoming-peering (Helm discovery.config.incomingPeeringEnabled): on by default. */
export const INCOMING_PEERING_ENABLED_BY_DEFAULT = true;

export function decidePhase(rr: ResourceRequest, fc: ForeignCluster, incomingEnabledByDefault = INCOMING_PEERING_ENABLED_BY_DEFAULT): NegotiationPhase {
  if (rr.metadata.deletionTimestamp || rr.spec.withdrawalTimestamp) return 'Deleting';
  const incoming = fc.spec.incomingPeeringEnabled ?? 'Auto';
  if (incoming === 'Yes' || (incoming === 'Auto' && incomingEnabledByDefault)) return 'Allow';
  return 'Deny';
}

/** What to do with the offer when it should not stand: nothing, mark it withdrawn, or delete it. */
export type Withdrawal = 'none' | 'mark' | 'wait' | 'delete';

export function planWithdrawal(offer: ResourceOffer | undefined): Withdrawal {
  if (!offer || offer.metadata.deletionTimestamp) return 'none';
  const vk = offer.status?.virtualKubeletStatus ?? 'None';
  if (vk === 'Created' || vk === 'Deleting') return offer.spec.withdrawalTimestamp ? 'wait' : 'mark';
  return 'delete';
}
