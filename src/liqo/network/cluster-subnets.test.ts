// The remapping decisions with the tutorial's numbers (reference §4.7): all three clusters on pod
// CIDR 10.200.0.0/16 and service CIDR 10.90.0.0/12; Venice peers with Florence, then Naples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateClusterSubnets, recordLocalNAT, releaseClusterSubnets, remoteNetworks } from './cluster-subnets.js';
import { forgeIpamSpec } from './network-manager.js';

const TUTORIAL = { podCidr: '10.200.0.0/16', serviceCidr: '10.90.0.0/12', reservedSubnets: [] };
const PEER = { podCIDR: '10.200.0.0/16', externalCIDR: '10.201.0.0/16' };

test('Venice with Florence then Naples: 10.202/10.203, then 10.204/10.205; processing again allocates nothing', () => {
  const venice = forgeIpamSpec(TUTORIAL);
  assert.equal(venice.externalCIDR, '10.201.0.0/16');
  const florence = allocateClusterSubnets(venice, 'florence-id', PEER);
  assert.ok(florence.changed);
  assert.deepEqual(remoteNetworks(florence.subnets, PEER), { podCIDR: '10.202.0.0/16', externalCIDR: '10.203.0.0/16', podCIDRNAT: '10.202.0.0/16', externalCIDRNAT: '10.203.0.0/16' });
  const naples = allocateClusterSubnets(florence.spec, 'naples-id', PEER);
  assert.deepEqual(remoteNetworks(naples.subnets, PEER), { podCIDR: '10.204.0.0/16', externalCIDR: '10.205.0.0/16', podCIDRNAT: '10.204.0.0/16', externalCIDRNAT: '10.205.0.0/16' });
  assert.deepEqual(naples.spec.clusterSubnets, {
    'florence-id': { remotePodCIDR: '10.202.0.0/16', remoteExternalCIDR: '10.203.0.0/16', localNATPodCIDR: 'None', localNATExternalCIDR: 'None' },
    'naples-id': { remotePodCIDR: '10.204.0.0/16', remoteExternalCIDR: '10.205.0.0/16', localNATPodCIDR: 'None', localNATExternalCIDR: 'None' },
  });

  const again = allocateClusterSubnets(naples.spec, 'florence-id', PEER);
  assert.equal(again.changed, false);
  assert.equal(again.spec, naples.spec);
  // A restart re-records the cluster's own networks and keeps the peerings'.
  const restarted = forgeIpamSpec(TUTORIAL, naples.spec);
  assert.deepEqual(restarted.clusterSubnets, naples.spec.clusterSubnets);
  assert.equal(allocateClusterSubnets(restarted, 'naples-id', PEER).changed, false);
});

test('Florence (peered with Venice only) remaps Venice to 10.202/10.203; the local NAT Venice chose is recorded', () => {
  const florence = allocateClusterSubnets(forgeIpamSpec(TUTORIAL), 'venice-id', PEER);
  assert.equal(florence.subnets.remotePodCIDR, '10.202.0.0/16');
  const nat = recordLocalNAT(florence.spec, 'venice-id', { podCIDRNAT: '10.202.0.0/16', externalCIDRNAT: '10.203.0.0/16' });
  assert.ok(nat.changed);
  assert.deepEqual(nat.spec.clusterSubnets?.['venice-id'], { remotePodCIDR: '10.202.0.0/16', remoteExternalCIDR: '10.203.0.0/16', localNATPodCIDR: '10.202.0.0/16', localNATExternalCIDR: '10.203.0.0/16' });
  assert.equal(recordLocalNAT(nat.spec, 'venice-id', { podCIDRNAT: '10.202.0.0/16', externalCIDRNAT: '10.203.0.0/16' }).changed, false);
  assert.equal(recordLocalNAT(nat.spec, 'nobody', { podCIDRNAT: 'None' }).changed, false);
});

test('networks that do not overlap are kept (None), and taken: a second peer on them is remapped', () => {
  const spec = forgeIpamSpec(TUTORIAL);
  const other = { podCIDR: '10.100.0.0/16', externalCIDR: '10.101.0.0/16' };
  const first = allocateClusterSubnets(spec, 'a', other);
  assert.deepEqual(remoteNetworks(first.subnets, other), { podCIDR: '10.100.0.0/16', externalCIDR: '10.101.0.0/16', podCIDRNAT: 'None', externalCIDRNAT: 'None' });
  const second = allocateClusterSubnets(first.spec, 'b', other);
  assert.equal(remoteNetworks(second.subnets, other).podCIDRNAT, '10.102.0.0/16', 'best fit: the free /16 next to them');
});

test('a released peering frees its networks for the next one; a remote that changed its prefix gets new ones', () => {
  const florence = allocateClusterSubnets(forgeIpamSpec(TUTORIAL), 'florence-id', PEER);
  const released = releaseClusterSubnets(florence.spec, 'florence-id');
  assert.ok(released.changed);
  assert.deepEqual(released.spec.clusterSubnets, {});
  assert.equal(releaseClusterSubnets(released.spec, 'florence-id').changed, false);
  assert.equal(allocateClusterSubnets(released.spec, 'naples-id', PEER).subnets.remotePodCIDR, '10.202.0.0/16');

  const resized = allocateClusterSubnets(florence.spec, 'florence-id', { podCIDR: '10.200.0.0/17', externalCIDR: '10.201.0.0/17' });
  assert.ok(resized.changed);
  assert.equal(resized.subnets.remotePodCIDR, '10.202.0.0/17');
});
