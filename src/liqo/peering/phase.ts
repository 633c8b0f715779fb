// The peering phase of a ForeignCluster (Liqo's GetPeeringPhase): from whether this cluster holds
// an identity on the remote one and from the OutgoingPeering and IncomingPeering conditions, where
// a missing condition counts as None (disabled) and any other status as enabled. The CRD
// replicator gates what it copies by it; the ForeignCluster controller binds permissions by it.
import type { ForeignCluster, PeeringConditionStatus, PeeringConditionType } from '../apis/discovery.js';

export type PeeringPhase = 'None' | 'Authenticated' | 'Outgoing' | 'Incoming' | 'Bidirectional';

export function conditionStatus(fc: ForeignCluster, type: PeeringConditionType): PeeringConditionStatus {
  return fc.status?.peeringConditions?.find((c) => c.type === type)?.status ?? 'None';
}

export function peeringPhase(authenticated: boolean, outgoing: PeeringConditionStatus, incoming: PeeringConditionStatus): PeeringPhase {
  if (!authenticated) return 'None';
  const out = outgoing !== 'None';
  const inc = incoming !== 'None';
  if (out && inc) return 'Bidirectional';
  if (inc) return 'Incoming';
  if (out) return 'Outgoing';
  return 'Authenticated';
}

export function peeringPhaseOf(fc: ForeignCluster, authenticated: boolean): PeeringPhase {
  return peeringPhase(authenticated, conditionStatus(fc, 'OutgoingPeering'), conditionStatus(fc, 'IncomingPeering'));
}
