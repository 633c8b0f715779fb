import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceRequest } from '../apis/discovery.js';
import { forgeIncomingForeignCluster, forgeResourceOffer } from './forge-offer.js';

const VENICE = { clusterID: 'b07938e3-d241-460c-a77b-e286c0f733c7', clusterName: 'venice' };
const NAPLES = { clusterID: '7881be1c-0c56-4d1e-8c34-7c8c3f8e5a2a', clusterName: 'naples' };

const rr: ResourceRequest = {
  metadata: { name: 'venice', namespace: 'liqo-tenant-venice-b07938', uid: 'rr-uid', labels: { 'liqo.io/replicated': 'true', 'liqo.io/originID': VENICE.clusterID } },
  spec: { clusterIdentity: VENICE, authUrl: 'https://127.0.0.1:30443' },
};

test('forgeResourceOffer: in the request\'s namespace, named after the provider, replicated to the consumer, owned by the request', () => {
  const hard = { cpu: '3600m', memory: '7Gi', pods: '99', 'ephemeral-storage': '90Gi' };
  assert.deepEqual(forgeResourceOffer({ rr, provider: NAPLES, hard, clusterLabels: { 'topology.liqo.io/region': 'south' } }), {
    apiVersion: 'sharing.liqo.io/v1alpha1', kind: 'ResourceOffer',
    metadata: {
      name: 'naples', namespace: 'liqo-tenant-venice-b07938',
      labels: { 'discovery.liqo.io/cluster-id': VENICE.clusterID, 'liqo.io/replication': 'true', 'liqo.io/remoteID': VENICE.clusterID },
      ownerReferences: [{ apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ResourceRequest', name: 'venice', uid: 'rr-uid', controller: true }],
    },
    spec: { clusterId: NAPLES.clusterID, resourceQuota: { hard }, labels: { 'topology.liqo.io/region': 'south' } },
  });
});

test('forgeIncomingForeignCluster: the consumer as an IncomingPeering, reachable at the auth URL it sent', () => {
  assert.deepEqual(forgeIncomingForeignCluster(rr, 'venice-b07938'), {
    apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster',
    metadata: { name: 'venice-b07938', labels: { 'discovery.liqo.io/discovery-type': 'IncomingPeering', 'discovery.liqo.io/cluster-id': VENICE.clusterID } },
    spec: { clusterIdentity: VENICE, foreignAuthUrl: 'https://127.0.0.1:30443', outgoingPeeringEnabled: 'Auto', incomingPeeringEnabled: 'Auto' },
  });
});
