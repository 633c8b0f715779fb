import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ForeignCluster, PeeringConditionStatus } from '../apis/discovery.js';
import { peeringPhaseOf, type PeeringPhase } from '../peering/phase.js';
import { isReplicationEnabled, REPLICATED_RESOURCES, replicatedResource } from './resources.js';

function fc(outgoing?: PeeringConditionStatus, incoming?: PeeringConditionStatus): ForeignCluster {
  const peeringConditions = [
    ...(outgoing ? [{ type: 'OutgoingPeering' as const, status: outgoing }] : []),
    ...(incoming ? [{ type: 'IncomingPeering' as const, status: incoming }] : []),
    { type: 'AuthenticationStatus' as const, status: 'Established' as const },
  ];
  return { apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster', metadata: { name: 'naples' }, spec: { foreignAuthUrl: 'https://x' }, status: { peeringConditions } };
}

test('the peering phase: unset and None are disabled, any other status enabled; nothing without an identity', () => {
  const cases: [ForeignCluster, boolean, PeeringPhase][] = [
    [fc(), true, 'Authenticated'],
    [fc('None', 'None'), true, 'Authenticated'],
    [fc('Pending'), true, 'Outgoing'],
    [fc('Established', 'None'), true, 'Outgoing'],
    [fc('Disconnecting'), true, 'Outgoing'],
    [fc(undefined, 'Pending'), true, 'Incoming'],
    [fc('None', 'Established'), true, 'Incoming'],
    [fc('Established', 'Established'), true, 'Bidirectional'],
    [fc('Pending', 'Pending'), true, 'Bidirectional'],
    [fc('Established', 'Established'), false, 'None'],
    [{ ...fc(), status: undefined }, true, 'Authenticated'],
  ];
  for (const [f, auth, want] of cases) assert.equal(peeringPhaseOf(f, auth), want, JSON.stringify([f.status?.peeringConditions, auth]));
});

test('what is replicated in each phase (reference §4.5)', () => {
  const table: Record<PeeringPhase, string[]> = {
    None: [],
    Authenticated: ['resourcerequests'],
    Outgoing: ['resourcerequests', 'networkconfigs', 'namespacemaps'],
    Incoming: ['resourcerequests', 'resourceoffers', 'networkconfigs'],
    Bidirectional: ['resourcerequests', 'resourceoffers', 'networkconfigs', 'namespacemaps'],
  };
  for (const [phase, want] of Object.entries(table) as [PeeringPhase, string[]][]) {
    assert.deepEqual(REPLICATED_RESOURCES.filter((r) => isReplicationEnabled(r, phase)).map((r) => r.name), want, phase);
  }
  assert.equal(replicatedResource('shadowpods'), undefined);
  assert.equal(replicatedResource('namespacemaps')?.kind, 'NamespaceMap');
});
