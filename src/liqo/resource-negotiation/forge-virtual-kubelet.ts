// Pure builders of what the consumer runs for an accepted ResourceOffer (reference §4.6): the
// `virtual-kubelet` ServiceAccount of the tenant namespace, its ClusterRoleBinding to
// liqo-virtual-kubelet-local (deploy/liqo.yaml), and the `virtual-kubelet` Deployment, which runs
// the controller manager's own image with the peering in its flags and its pod IP as node IP.
import type { Deployment } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';
import type { ForeignCluster } from '../apis/discovery.js';
import { LIQO_API_VERSIONS } from '../apis/resources.js';
import type { ResourceOffer } from '../apis/sharing.js';
import {
  CLUSTER_ID_LABEL, COMPONENT_LABEL, HEALTH_PORT, NAME_LABEL, PART_OF_LABEL, PART_OF_VALUE, REMOTE_CLUSTER_ID_LABEL, RESOURCE_OFFER_ANNOTATION,
  VIRTUAL_KUBELET_LOCAL_ROLE, VIRTUAL_KUBELET_NAME, virtualKubeletBindingName, virtualNodeName,
} from '../consts.js';
import { uniqueName, type ClusterIdentity } from '../identity.js';

export interface VirtualKubeletInput {
  offer: ResourceOffer;
  remote: ClusterIdentity;
  home: ClusterIdentity;
  image: string;
}

function labels(remote: ClusterIdentity): Record<string, string> {
  return {
    [NAME_LABEL]: VIRTUAL_KUBELET_NAME, [COMPONENT_LABEL]: VIRTUAL_KUBELET_NAME, [PART_OF_LABEL]: PART_OF_VALUE,
    [CLUSTER_ID_LABEL]: remote.clusterID, [REMOTE_CLUSTER_ID_LABEL]: remote.clusterID,
  };
}

export function forgeVirtualKubeletServiceAccount(namespace: string, remote: ClusterIdentity): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: VIRTUAL_KUBELET_NAME, namespace, labels: labels(remote) } };
}

/** Cluster-scoped, so it cannot belong to the offer: it belongs to the ForeignCluster, and is removed with the virtual kubelet. */
export function forgeVirtualKubeletBinding(namespace: string, remote: ClusterIdentity, fc: ForeignCluster): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
    metadata: {
      name: virtualKubeletBindingName(uniqueName(remote)), labels: labels(remote),
      ownerReferences: [{ apiVersion: LIQO_API_VERSIONS.discovery, kind: 'ForeignCluster', name: fc.metadata.name ?? '', uid: fc.metadata.uid ?? '' }],
    },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: VIRTUAL_KUBELET_LOCAL_ROLE },
    subjects: [{ kind: 'ServiceAccount', name: VIRTUAL_KUBELET_NAME, namespace }],
  };
}

export function virtualKubeletArgs({ offer, remote, home }: Omit<VirtualKubeletInput, 'image'>): string[] {
  return [
    'virtual-kubelet',
    `--foreign-cluster-id=${remote.clusterID}`,
    `--foreign-cluster-name=${remote.clusterName}`,
    `--nodename=${virtualNodeName(remote.clusterName)}`,
    '--node-ip=$(POD_IP)',
    `--tenant-namespace=${offer.metadata.namespace ?? ''}`,
    `--home-cluster-id=${home.clusterID}`,
    `--home-cluster-name=${home.clusterName}`,
  ];
}

export function forgeVirtualKubeletDeployment(input: VirtualKubeletInput): Deployment {
  const { offer, remote, image } = input;
  const podLabels = labels(remote);
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name: VIRTUAL_KUBELET_NAME, namespace: offer.metadata.namespace, labels: podLabels,
      annotations: { [RESOURCE_OFFER_ANNOTATION]: offer.metadata.name ?? '' },
      ownerReferences: [{ apiVersion: LIQO_API_VERSIONS.sharing, kind: 'ResourceOffer', name: offer.metadata.name ?? '', uid: offer.metadata.uid ?? '', controller: true }],
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { [NAME_LABEL]: VIRTUAL_KUBELET_NAME, [CLUSTER_ID_LABEL]: remote.clusterID } },
      // Two virtual kubelets must never write one node: the old pod goes before the new one starts.
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels: podLabels, annotations: { [RESOURCE_OFFER_ANNOTATION]: offer.metadata.name ?? '' } },
        spec: {
          serviceAccountName: VIRTUAL_KUBELET_NAME,
          containers: [{
            name: VIRTUAL_KUBELET_NAME, image, args: virtualKubeletArgs(input),
            env: [{ name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } }],
            ports: [{ name: 'healthz', containerPort: HEALTH_PORT }],
            readinessProbe: { httpGet: { path: '/readyz', port: 'healthz' }, periodSeconds: 1 },
            resources: { requests: { cpu: '10m', memory: '32Mi' } },
          }],
        },
      },
    },
  };
}

/** Whether a running Deployment's container differs from the forged one where it matters (image, args, env). */
export function deploymentOutdated(current: Deployment, desired: Deployment): boolean {
  const a = current.spec.template.spec.containers[0];
  const b = desired.spec.template.spec.containers[0];
  return !a || !b || a.image !== b.image || JSON.stringify(a.args ?? []) !== JSON.stringify(b.args ?? []) || JSON.stringify(a.env ?? []) !== JSON.stringify(b.env ?? []);
}
