// Forges the Node objects of a local cluster from its kind config, labelled and addressed the way
// kind's nodes are (hostname/os/arch labels, control-plane role label, InternalIP). The simulated
// kubelets (src/cluster/kubelet/) register them and keep their status and heartbeats.
import { cpus, release, totalmem } from 'node:os';
import type { KubeObject } from '../api/types.js';
import type { ClusterConfig } from './cluster-config.js';
import { formatCidr, parseIPv4Cidr } from '../machinery/cidr.js';
import { nodeAddress } from '../machinery/loopback.js';

/**
 * The pod CIDR of the i-th node: the i-th /24 of the pod subnet, as kube-controller-manager's node
 * IPAM hands them out (kind: 10.244.0.0/24, 10.244.1.0/24...); a subnet of /24 or smaller is
 * shared whole.
 */
export function nodePodCIDR(podSubnet: string, index: number): string {
  const cidr = parseIPv4Cidr(podSubnet);
  if (!cidr || cidr.prefix >= 24) return podSubnet;
  const slices = 2 ** (24 - cidr.prefix);
  return formatCidr({ network: cidr.network + (index % slices) * 256, prefix: 24 });
}

export function forgeNodes(config: ClusterConfig): KubeObject[] {
  const hasWorkers = config.nodes.some((n) => n.role === 'worker');
  return config.nodes.map((node, index) => {
    const controlPlane = node.role === 'control-plane';
    return {
      apiVersion: 'v1', kind: 'Node',
      metadata: {
        name: node.name,
        labels: {
          'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux',
          ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
          ...node.labels,
        },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      spec: {
        podCIDR: nodePodCIDR(config.podSubnet, index), podCIDRs: [nodePodCIDR(config.podSubnet, index)], providerID: `lkind://${config.name}/${node.name}`,
        // kind taints control-plane nodes only when the cluster has workers.
        ...(controlPlane && hasWorkers ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
      },
      status: forgeNodeStatus(config, node.name),
    };
  });
}

function forgeNodeStatus(config: ClusterConfig, name: string): Record<string, unknown> {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const resources = { cpu: String(cpus().length), memory: `${Math.floor(totalmem() / 1024)}Ki`, pods: '110', 'ephemeral-storage': '100Gi' };
  const condition = (type: string, status: string, reason: string, message: string) =>
    ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  return {
    capacity: resources, allocatable: resources,
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ],
    addresses: [{ type: 'InternalIP', address: nodeAddress(config.port) }, { type: 'Hostname', address: name }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: '', systemUUID: '', bootID: '', kernelVersion: release(), osImage: 'lkind simulated node',
      containerRuntimeVersion: 'lkind://0.1.0', kubeletVersion: config.kubernetesVersion, kubeProxyVersion: config.kubernetesVersion,
      operatingSystem: 'linux', architecture: 'amd64',
    },
  };
}
