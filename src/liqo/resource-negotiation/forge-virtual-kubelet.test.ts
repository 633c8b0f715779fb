import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ForeignCluster } from '../apis/discovery.js';
import type { ResourceOffer } from '../apis/sharing.js';
import { deploymentOutdated, forgeVirtualKubeletBinding, forgeVirtualKubeletDeployment, forgeVirtualKubeletServiceAccount } from './forge-virtual-kubelet.js';

const VENICE = { clusterID: 'b07938e3-d241-460c-a77b-e286c0f733c7', clusterName: 'venice' };
const NAPLES = { clusterID: '7881be1c-0c56-4d1e-8c34-7c8c3f8e5a2a', clusterName: 'naples' };
const NS = 'liqo-tenant-naples-3f1b9c';
const IMAGE = 'ghcr.io/liqo-ts/liqo:v0.1.0';

const offer: ResourceOffer = {
  metadata: { name: 'naples', namespace: NS, uid: 'offer-uid', labels: { 'liqo.io/replicated': 'true', 'liqo.io/originID': NAPLES.clusterID } },
  spec: { clusterId: NAPLES.clusterID },
};
const fc: ForeignCluster = { metadata: { name: 'naples', uid: 'fc-uid' }, spec: { foreignAuthUrl: 'https://x', clusterIdentity: NAPLES } };

test('the Deployment: the controller manager\'s image, the peering in its flags, the pod IP as node IP, owned by the offer', () => {
  const d = forgeVirtualKubeletDeployment({ offer, remote: NAPLES, home: VENICE, image: IMAGE });
  assert.equal(d.metadata.name, 'virtual-kubelet');
  assert.equal(d.metadata.namespace, NS);
  assert.deepEqual(d.metadata.annotations, { 'liqo.io/resourceoffer': 'naples' });
  assert.deepEqual(d.metadata.ownerReferences, [{ apiVersion: 'sharing.liqo.io/v1alpha1', kind: 'ResourceOffer', name: 'naples', uid: 'offer-uid', controller: true }]);
  assert.equal(d.spec.strategy?.type, 'Recreate');
  const pod = d.spec.template;
  assert.equal(pod.spec.serviceAccountName, 'virtual-kubelet');
  for (const [k, v] of Object.entries(d.spec.selector.matchLabels ?? {})) assert.equal(pod.metadata?.labels?.[k], v, `the template carries selector label ${k}`);
  const c = pod.spec.containers[0]!;
  assert.equal(c.image, IMAGE);
  assert.deepEqual(c.args, [
    'virtual-kubelet', `--foreign-cluster-id=${NAPLES.clusterID}`, '--foreign-cluster-name=naples', '--nodename=liqo-naples', '--node-ip=$(POD_IP)',
    `--tenant-namespace=${NS}`, `--home-cluster-id=${VENICE.clusterID}`, '--home-cluster-name=venice',
  ]);
  assert.deepEqual(c.env, [{ name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } }]);
});

test('deploymentOutdated: only image, args or env count', () => {
  const d = forgeVirtualKubeletDeployment({ offer, remote: NAPLES, home: VENICE, image: IMAGE });
  const withContainer = (patch: Record<string, unknown>) => ({ ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ ...d.spec.template.spec.containers[0]!, ...patch }] } } } });
  assert.equal(deploymentOutdated(withContainer({ resources: {} }), d), false);
  assert.equal(deploymentOutdated(withContainer({ image: 'ghcr.io/liqo-ts/liqo:v0.2.0' }), d), true);
  assert.equal(deploymentOutdated(withContainer({ args: ['virtual-kubelet'] }), d), true);
  assert.equal(deploymentOutdated(withContainer({ env: [] }), d), true);
});

test('ServiceAccount and ClusterRoleBinding: liqo-virtual-kubelet-<UniqueName> to the local role, owned by the ForeignCluster', () => {
  assert.deepEqual([forgeVirtualKubeletServiceAccount(NS, NAPLES).metadata.name, forgeVirtualKubeletServiceAccount(NS, NAPLES).metadata.namespace], ['virtual-kubelet', NS]);
  const crb = forgeVirtualKubeletBinding(NS, NAPLES, fc) as unknown as { metadata: { name: string; ownerReferences: unknown[] }; roleRef: unknown; subjects: unknown[] };
  assert.match(crb.metadata.name, /^liqo-virtual-kubelet-naples-[0-9a-f]{6}$/);
  assert.deepEqual(crb.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'liqo-virtual-kubelet-local' });
  assert.deepEqual(crb.subjects, [{ kind: 'ServiceAccount', name: 'virtual-kubelet', namespace: NS }]);
  assert.deepEqual(crb.metadata.ownerReferences, [{ apiVersion: 'discovery.liqo.io/v1alpha1', kind: 'ForeignCluster', name: 'naples', uid: 'fc-uid' }]);
});
