import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ForeignCluster, PeeringEnabledType, ResourceRequest } from '../apis/discovery.js';
import type { ResourceOffer, VirtualKubeletStatus } from '../apis/sharing.js';
import { decidePhase, planWithdrawal, type NegotiationPhase, type Withdrawal } from './decision.js';

const VENICE = { clusterID: 'b07938e3-d241-460c-a77b-e286c0f733c7', clusterName: 'venice' };

const rr = (withdrawn = false, deleting = false): ResourceRequest => ({
  metadata: { name: 'venice', namespace: 'liqo-tenant-venice-b07938', deletionTimestamp: deleting ? '2024-01-01T00:00:00Z' : undefined },
  spec: { clusterIdentity: VENICE, authUrl: 'https://127.0.0.1:30443', withdrawalTimestamp: withdrawn ? '2024-01-01T00:00:00Z' : undefined },
});
const fc = (incoming?: PeeringEnabledType): ForeignCluster => ({ metadata: { name: 'venice' }, spec: { foreignAuthUrl: 'https://x', incomingPeeringEnabled: incoming } });

test('decidePhase: Deleting on withdrawal or deletion, Allow by the ForeignCluster or the default, else Deny', () => {
  const cases: [ResourceRequest, ForeignCluster, boolean, NegotiationPhase][] = [
    [rr(), fc('Auto'), true, 'Allow'],
    [rr(), fc(undefined), true, 'Allow'],
    [rr(), fc('Yes'), false, 'Allow'],
    [rr(), fc('Auto'), false, 'Deny'],
    [rr(), fc('No'), true, 'Deny'],
    [rr(true), fc('Yes'), true, 'Deleting'],
    [rr(false, true), fc('Yes'), true, 'Deleting'],
    [rr(true), fc('No'), true, 'Deleting'],
  ];
  for (const [request, cluster, byDefault, want] of cases) {
    assert.equal(decidePhase(request, cluster, byDefault), want, `${cluster.spec.incomingPeeringEnabled}/${byDefault}/${request.spec.withdrawalTimestamp ?? request.metadata.deletionTimestamp ?? ''}`);
  }
});

test('planWithdrawal: an offer a virtual kubelet serves is marked, then waited for; one nobody serves is deleted', () => {
  const offer = (vk: VirtualKubeletStatus | undefined, marked = false, deleting = false): ResourceOffer => ({
    metadata: { name: 'naples', deletionTimestamp: deleting ? '2024-01-01T00:00:00Z' : undefined },
    spec: { clusterId: 'x', withdrawalTimestamp: marked ? '2024-01-01T00:00:00Z' : undefined },
    status: vk ? { phase: 'Accepted', virtualKubeletStatus: vk } : undefined,
  });
  const cases: [ResourceOffer | undefined, Withdrawal][] = [
    [undefined, 'none'],
    [offer('Created', false, true), 'none'],
    [offer('Created'), 'mark'],
    [offer('Deleting'), 'mark'],
    [offer('Created', true), 'wait'],
    [offer('Deleting', true), 'wait'],
    [offer('None'), 'delete'],
    [offer('None', true), 'delete'],
    [offer(undefined), 'delete'],
  ];
  for (const [o, want] of cases) assert.equal(planWithdrawal(o), want, JSON.stringify(o?.status ?? null) + (o?.spec.withdrawalTimestamp ? ' marked' : ''));
});
