// The peering phase of a ForeignCluster as the CRD replicator reads it (Liqo's
// foreignclusterutils.GetPeeringPhase): from the OutgoingPeering and IncomingPeering conditions,
// where a missing condition counts as None (disabled) and any other status as enabled, and from
// whether this cluster holds an identity on the remote one. Pure.
import type { ForeignCluster, PeeringConditionStatus, PeeringConditionType } from '../apis/discovery.js';

export type PeeringPhase = 'None' | 'Authenticated' | 'Outgoing' | 'Incoming' | 'Bidirectional';

function conditionStatus(fc: ForeignCluster, type: PeeringConditionType): PeeringConditionStatus {
  return fc.status?.peeringConditions?.find((c) => c.type === type)?.status ?? 'None';
}

export function peeringPhaseOf(fc: ForeignCluster, authenticated: boolean): PeeringPhase {
  if (!authenticated) return 'None';
  const outgoing = conditionStatus(fc, 'OutgoingPeering') !== 'None';
  const incoming = conditionStatus(fc, 'IncomingPeering') !== 'None';
  if (outgoing && incoming) return 'Bidirectional';
  if (incoming) return 'Incoming';
  if (outgoing) return 'Outgoing';
  return 'Authenticated';
}
