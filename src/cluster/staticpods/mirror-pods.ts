// The control plane's static pods, as kind's nodes show them: a kubelet that runs static pod
// manifests publishes a mirror pod for each (kube-system/<component>-<node>), and tools read the
// control plane's settings from them; liqoctl's kind provider, for one, reads the pod and service
// CIDRs from kube-controller-manager's flags. lkind's control plane lives in the cluster process,
// so the mirror pods describe it; the simulated kubelet runs them like any other pod, and a
// deleted mirror pod comes back, as with a real kubelet.
import type { Node, Pod } from '../../api/core-v1.js';
import type { Client } from '../../client/rest-client.js';
import { CORE } from '../../client/resource.js';
import { isStatusError } from '../../machinery/errors.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';

const NAMESPACE = 'kube-system';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

interface StaticPod { component: string; command: string[] }

export function staticPods(podSubnet: string, serviceSubnet: string): StaticPod[] {
  return [
    { component: 'etcd', command: ['etcd', '--data-dir=/var/lib/etcd'] },
    { component: 'kube-apiserver', command: ['kube-apiserver', `--service-cluster-ip-range=${serviceSubnet}`, '--authorization-mode=Node,RBAC'] },
    {
      component: 'kube-controller-manager',
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', `--cluster-cidr=${podSubnet}`, `--service-cluster-ip-range=${serviceSubnet}`, '--use-service-account-credentials=true'],
    },
    { component: 'kube-scheduler', command: ['kube-scheduler', '--leader-elect=true'] },
  ];
}

export function forgeMirrorPod(s: StaticPod, node: Node, version: string): Pod {
  const nodeName = node.metadata.name ?? '';
  const image = s.component === 'etcd' ? 'registry.k8s.io/etcd:3.5.16-0' : `registry.k8s.io/${s.component}:${version}`;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `${s.component}-${nodeName}`, namespace: NAMESPACE,
      labels: { component: s.component, tier: 'control-plane' },
      annotations: { [MIRROR_ANNOTATION]: 'lkind', 'kubernetes.io/config.source': 'file' },
      ownerReferences: node.metadata.uid ? [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid, controller: true }] : undefined,
    },
    spec: {
      nodeName, hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000,
      containers: [{ name: s.component, image, command: s.command, imagePullPolicy: 'IfNotPresent' }],
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  };
}

export class MirrorPods implements Runnable {
  readonly name = 'mirror-pods';
  private readonly client: Client;
  private published!: () => void;
  private readonly publishedOnce = new Promise<void>((r) => { this.published = r; });

  constructor(private readonly ctx: ClusterContext) {
    this.client = ctx.manager.client;
    const pods = ctx.manager.informer<Pod>(CORE.pods, { namespace: NAMESPACE });
    pods.addHandlers({ onDelete: (p) => { if (p.metadata.annotations?.[MIRROR_ANNOTATION]) void this.ensureLogged(); } });
  }

  private async ensure(): Promise<void> {
    const pods = staticPods(this.ctx.podSubnet, this.ctx.serviceSubnet);
    for (const forged of this.ctx.nodes.filter((n) => n.metadata.labels?.[CONTROL_PLANE_ROLE] !== undefined)) {
      const node = await this.client.get<Node>(CORE.nodes, '', forged.metadata.name ?? '');
      const version = (node.status as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion ?? 'v1.32.0';
      for (const s of pods) {
        try {
          await this.client.create(CORE.pods, forgeMirrorPod(s, node, version));
        } catch (err) {
          if (!isStatusError(err) || err.code !== 409) throw err;
        }
      }
    }
  }

  /** The cluster is ready once its control plane's pods are listed, as on a kind cluster. */
  ready(): Promise<void> {
    return this.publishedOnce;
  }

  async run(signal: AbortSignal): Promise<void> {
    // Retried until the kubelet has registered the node; a restarted cluster finds its pods.
    while (!signal.aborted) {
      if (await this.ensureLogged()) {
        this.published();
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async ensureLogged(): Promise<boolean> {
    try {
      await this.ensure();
      return true;
    } catch (err) {
      this.ctx.log(`mirror pods: ${(err as Error).message}`);
      return false;
    }
  }
}
