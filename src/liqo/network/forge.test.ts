import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Service } from '../../api/core-v1.js';
import type { ForeignCluster } from '../apis/discovery.js';
import type { NetworkConfig } from '../apis/net.js';
import { uniqueName } from '../identity.js';
import { forgeGatewayEndpoint, forgeNetworkConfig, forgeTunnelEndpoint } from './forge.js';
import { isLocalNetworkConfig, isPeering, isReceivedNetworkConfig } from './networkconfig-controller.js';

const VENICE = { clusterID: '11111111-1111-4111-8111-111111111111', clusterName: 'venice' };
const NAPLES = { clusterID: '33333333-3333-4333-8333-333333333333', clusterName: 'naples' };
const KEY = 'q2Ks4u8Rz9nH3mCq0wE5QjvFz7n0e1xY2bT4dC6aA8k=';

const node = (name: string, ip: string, labels: Record<string, string> = {}): Node =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] } }) as Node;
const service = (spec: Partial<Service['spec']>, annotations?: Record<string, string>, status?: unknown): Service =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'liqo-gateway', namespace: 'liqo', annotations }, spec: { ports: [{ port: 5871, nodePort: 31234 }], ...spec }, status }) as Service;

test('the gateway endpoint: a NodePort on the first non-virtual node, a LoadBalancer ingress, overrides; a ClusterIP cannot be reached', () => {
  const nodes = [node('liqo-florence', '10.0.0.9', { 'liqo.io/type': 'virtual-node' }), node('venice-control-plane', '127.0.0.1')];
  assert.deepEqual(forgeGatewayEndpoint(service({ type: 'NodePort' }), nodes), { ip: '127.0.0.1', port: 31234 });
  assert.deepEqual(forgeGatewayEndpoint(service({ type: 'LoadBalancer' }, undefined, { loadBalancer: { ingress: [{ ip: '172.18.0.5' }] } }), nodes), { ip: '172.18.0.5', port: 5871 });
  assert.throws(() => forgeGatewayEndpoint(service({ type: 'LoadBalancer' }), nodes), /LoadBalancer Service has no external IP yet/);
  assert.deepEqual(forgeGatewayEndpoint(service({ type: 'ClusterIP' }, { 'liqo.io/override-address': '1.2.3.4', 'liqo.io/override-port': '443' }), nodes), { ip: '1.2.3.4', port: 443 });
  assert.throws(() => forgeGatewayEndpoint(service({ type: 'ClusterIP' }), nodes), /cannot expose the gateway with a ClusterIP Service/);
});

test('a ForeignCluster asks for networking once it has a tenant namespace and a peering direction that is not None', () => {
  const fc = (status: ForeignCluster['status']): ForeignCluster => ({ apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster', metadata: { name: 'naples' }, spec: { clusterIdentity: NAPLES, foreignAuthUrl: 'https://x' }, status });
  const ns = { local: 'liqo-tenant-naples-abcdef' };
  const cond = (type: 'OutgoingPeering' | 'IncomingPeering' | 'AuthenticationStatus', status: 'None' | 'Pending' | 'Established') => ({ type, status });
  assert.equal(isPeering(fc(undefined)), false);
  assert.equal(isPeering(fc({ tenantNamespace: ns, peeringConditions: [cond('AuthenticationStatus', 'Established')] })), false, 'authenticated only');
  assert.equal(isPeering(fc({ tenantNamespace: ns, peeringConditions: [cond('OutgoingPeering', 'None'), cond('IncomingPeering', 'None')] })), false);
  assert.equal(isPeering(fc({ peeringConditions: [cond('OutgoingPeering', 'Established')] })), false, 'no tenant namespace');
  assert.equal(isPeering(fc({ tenantNamespace: ns, peeringConditions: [cond('OutgoingPeering', 'Pending')] })), true);
  assert.equal(isPeering(fc({ tenantNamespace: ns, peeringConditions: [cond('IncomingPeering', 'Established')] })), true);
  assert.equal(isPeering({ ...fc({ tenantNamespace: ns, peeringConditions: [cond('OutgoingPeering', 'Established')] }), metadata: { name: 'naples', deletionTimestamp: '2024-01-01T00:00:00Z' } }), false);
});

test('the NetworkConfig Venice sends Naples, and the TunnelEndpoint of the tutorial\'s numbers', () => {
  const ns = `liqo-tenant-${uniqueName(NAPLES)}`;
  const local = forgeNetworkConfig(NAPLES, ns, { ipam: { podCIDR: '10.200.0.0/16', externalCIDR: '10.201.0.0/16' }, endpoint: { ip: '127.0.0.1', port: 31234 }, publicKey: KEY });
  assert.deepEqual(local, {
    apiVersion: 'net.liqo.io/v1alpha1', kind: 'NetworkConfig',
    metadata: { name: uniqueName(NAPLES), namespace: ns, labels: { 'liqo.io/replication': 'true', 'liqo.io/remoteID': NAPLES.clusterID } },
    spec: { cluster: NAPLES, podCIDR: '10.200.0.0/16', externalCIDR: '10.201.0.0/16', endpointIP: '127.0.0.1', backendType: 'liqo-tcp', backend_config: { publicKey: KEY, port: '31234' } },
  });
  assert.ok(isLocalNetworkConfig(local, NAPLES.clusterID));
  assert.ok(!isReceivedNetworkConfig(local));

  // Naples processed Venice's (remapped to 10.202/10.203); Venice took 10.204/10.205 for Naples.
  const processedByNaples: NetworkConfig = { ...local, status: { processed: true, podCIDRNAT: '10.202.0.0/16', externalCIDRNAT: '10.203.0.0/16' } };
  const received: NetworkConfig = {
    apiVersion: 'net.liqo.io/v1alpha1', kind: 'NetworkConfig',
    metadata: { name: uniqueName(VENICE), namespace: ns, labels: { 'liqo.io/replicated': 'true', 'liqo.io/originID': NAPLES.clusterID } },
    spec: { cluster: VENICE, podCIDR: '10.200.0.0/16', externalCIDR: '10.201.0.0/16', endpointIP: '127.0.0.1', backendType: 'liqo-tcp', backend_config: { publicKey: KEY, port: '30999' } },
  };
  assert.ok(isReceivedNetworkConfig(received, NAPLES.clusterID));
  const tep = forgeTunnelEndpoint(NAPLES, ns, processedByNaples, received, { podCIDR: '10.204.0.0/16', externalCIDR: '10.205.0.0/16', podCIDRNAT: '10.204.0.0/16', externalCIDRNAT: '10.205.0.0/16' });
  assert.deepEqual(tep.metadata, { name: `tep-${uniqueName(NAPLES)}`, namespace: ns, labels: { clusterID: NAPLES.clusterID } });
  assert.deepEqual(tep.spec, {
    clusterIdentity: NAPLES,
    localPodCIDR: '10.200.0.0/16', localNATPodCIDR: '10.202.0.0/16', localExternalCIDR: '10.201.0.0/16', localNATExternalCIDR: '10.203.0.0/16',
    remotePodCIDR: '10.200.0.0/16', remoteNATPodCIDR: '10.204.0.0/16', remoteExternalCIDR: '10.201.0.0/16', remoteNATExternalCIDR: '10.205.0.0/16',
    endpointIP: '127.0.0.1', backendType: 'liqo-tcp', backend_config: { publicKey: KEY, port: '30999' },
  });
});
