// Tables of the core/v1 kinds other than pods and events: namespaces, nodes, services, endpoints,
// configmaps, secrets and serviceaccounts. Mirrors the corresponding print functions of
// k8s.io/kubernetes/pkg/printers/internalversion. Where kube-apiserver would have defaulted a field
// before printing (service type, port protocol, secret type), the default is applied here too, so objects that
// skipped defaulting still print as kube would show them.
import type { KubeObject } from '../../api/types.js';
import { since } from './duration.js';
import { formatLabels, joinHostPort, sortedUnique } from './format.js';
import { AGE_COLUMN, column, NAME_COLUMN, nameOf, wide, type Printer } from './printer.js';

const age = (obj: KubeObject, now: Date): string => since(obj.metadata.creationTimestamp, now);
const count = (value: unknown): number =>
  value && typeof value === 'object' ? Object.keys(value as object).length : 0;

export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column('Status', 'string', 'Lifecycle phase of the namespace.'), AGE_COLUMN],
  row: (obj, { now }) => {
    const status = (obj as { status?: { phase?: string } }).status;
    return { cells: [nameOf(obj), status?.phase ?? '', age(obj, now)] };
  },
};

export const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, column('Data', 'string', 'Number of keys in data and binaryData.'), AGE_COLUMN],
  row: (obj, { now }) => ({ cells: [nameOf(obj), count(obj.data) + count(obj.binaryData), age(obj, now)] }),
};

export const secretPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'Type of the secret, which fixes the keys it must hold.'),
    column('Data', 'string', 'Number of keys in data.'),
    AGE_COLUMN,
  ],
  row: (obj, { now }) => ({ cells: [nameOf(obj), typeof obj.type === 'string' && obj.type ? obj.type : 'Opaque', count(obj.data), age(obj, now)] }),
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME_COLUMN, column('Secrets', 'string', 'Number of secrets referenced by the service account.'), AGE_COLUMN],
  row: (obj, { now }) => {
    const secrets = Array.isArray(obj.secrets) ? obj.secrets.length : 0;
    return { cells: [nameOf(obj), secrets, age(obj, now)] };
  },
};

interface Node extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type?: string; status?: string }[];
    addresses?: { type?: string; address?: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Readiness of the node, and whether scheduling is disabled.'),
    column('Roles', 'string', 'Roles from node-role.kubernetes.io/<role> labels.'),
    AGE_COLUMN,
    column('Version', 'string', 'Kubelet version reported by the node.'),
    wide('Internal-IP', 'string', 'First InternalIP address of the node.'),
    wide('External-IP', 'string', 'First ExternalIP address of the node.'),
    wide('OS-Image', 'string', 'Operating system image reported by the node.'),
    wide('Kernel-Version', 'string', 'Kernel version reported by the node.'),
    wide('Container-Runtime', 'string', 'Container runtime and version reported by the node.'),
  ],
  row: (obj, { now }) => {
    const node = obj as Node;
    const info = node.status?.nodeInfo ?? {};
    return {
      cells: [
        nameOf(node),
        nodeStatus(node),
        nodeRoles(node.metadata.labels).join(',') || '<none>',
        age(node, now),
        info.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

/** "Ready" / "NotReady" / "Unknown" (no Ready condition), plus ",SchedulingDisabled" when cordoned. */
export function nodeStatus(node: Node): string {
  let ready: { status?: string } | undefined;
  for (const c of node.status?.conditions ?? []) if (c.type === 'Ready') ready = c;
  const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Roles from `node-role.kubernetes.io/<role>` keys and the legacy `kubernetes.io/role=<role>`. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles: string[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.push(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.push(value);
    }
  }
  return sortedUnique(roles);
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}

interface Service extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    ports?: ServicePort[];
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'string', 'Virtual IP of the service inside the cluster.'),
    column('External-IP', 'string', 'Addresses the service is reachable at from outside the cluster.'),
    column('Port(s)', 'string', 'Service ports, with node ports when allocated.'),
    AGE_COLUMN,
    wide('Selector', 'string', 'Labels of the pods the service routes to.'),
  ],
  row: (obj, { now }) => {
    const svc = obj as Service;
    const spec = svc.spec ?? {};
    const clusterIP = spec.clusterIPs?.length ? spec.clusterIPs[0]! : spec.clusterIP || '<none>';
    return {
      cells: [
        nameOf(svc),
        spec.type || 'ClusterIP',
        clusterIP,
        serviceExternalIP(svc),
        servicePorts(spec.ports) || '<none>',
        age(svc, now),
        formatLabels(spec.selector),
      ],
    };
  },
};

/** EXTERNAL-IP by service type; load-balancer ingress is never clipped since tables are wide. */
export function serviceExternalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = sortedUnique(
        (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((a) => a !== ''),
      );
      if (external.length > 0) return [...ingress, ...external].join(',');
      return ingress.length > 0 ? ingress.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export function servicePorts(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const protocol = p.protocol || 'TCP';
      return p.nodePort ? `${p.port ?? 0}:${p.nodePort}/${protocol}` : `${p.port ?? 0}/${protocol}`;
    })
    .join(',');
}

interface EndpointSubset {
  addresses?: { ip?: string }[];
  ports?: { port?: number }[];
}

export const endpointsPrinter: Printer = {
  columns: [NAME_COLUMN, column('Endpoints', 'string', 'Ready addresses with their ports.'), AGE_COLUMN],
  row: (obj, { now }) => ({ cells: [nameOf(obj), formatEndpoints(obj.subsets as EndpointSubset[] | undefined), age(obj, now)] }),
};

/** Ready addresses as ip:port for every port (bare ips for portless subsets), at most three shown. */
export function formatEndpoints(subsets: EndpointSubset[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let total = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    const targets = ports.length === 0 ? [undefined] : ports.map((p) => p.port ?? 0);
    for (const port of targets) {
      total += addresses.length;
      for (const a of addresses) {
        if (list.length === max) break;
        list.push(port === undefined ? a.ip ?? '' : joinHostPort(a.ip ?? '', port));
      }
    }
  }
  const shown = list.join(',');
  return total > max ? `${shown} + ${total - max} more...` : shown;
}
