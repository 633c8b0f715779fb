// kind's `kind.x-k8s.io/v1alpha4` Cluster config, read the way kind reads it: the apiVersion and
// kind are checked first, then the document is decoded strictly (unknown fields are errors), then
// defaulted (one control-plane node, pod subnet 10.244.0.0/16, service subnet 10.96.0.0/16,
// 127.0.0.1 and a free port) and validated with kind's messages. Fields lkind has no use for
// (images, mounts, port mappings, kubeadm/containerd patches, feature gates) are accepted and
// ignored so that existing kind configs work unchanged. Nodes are named like kind's containers.
import { LineCounter, parseAllDocuments } from 'yaml';
import { validateLabels } from '../machinery/validation/index.js';
import type { NodeConfig } from './cluster-config.js';
import { formatCidr, isLoopbackIPv4, parseIPv4, parseIPv4Cidr } from '../machinery/cidr.js';
import { BOOL, decodeStrict, INT32, listOf, STRING, STRING_LIST, struct } from './strict-yaml.js';

export const KIND_API_VERSION = 'kind.x-k8s.io/v1alpha4';
export const DEFAULT_POD_SUBNET = '10.244.0.0/16';
export const DEFAULT_SERVICE_SUBNET = '10.96.0.0/16';
export const DEFAULT_API_SERVER_ADDRESS = '127.0.0.1';

export type NodeRole = NodeConfig['role'];

/** A kind Cluster config after defaulting: what lkind acts upon. */
export interface KindClusterSpec {
  name?: string;
  ipFamily: string;
  apiServerAddress: string;
  /** 0 means "pick a free port". */
  apiServerPort: number;
  podSubnet: string;
  serviceSubnet: string;
  nodes: { role: string; labels: Record<string, string> }[];
}

const PATCH = struct('v1alpha4.PatchJSON6902', { group: STRING, version: STRING, kind: STRING, patch: STRING });
const NODE = struct('v1alpha4.Node', {
  role: STRING, image: STRING, labels: { kind: 'map', value: 'string' },
  extraMounts: listOf(struct('v1alpha4.Mount', {
    containerPath: STRING, hostPath: STRING, readOnly: BOOL, selinuxRelabel: BOOL, propagation: STRING,
  })),
  extraPortMappings: listOf(struct('v1alpha4.PortMapping', {
    containerPort: INT32, hostPort: INT32, listenAddress: STRING, protocol: STRING,
  })),
  kubeadmConfigPatches: STRING_LIST,
  kubeadmConfigPatchesJSON6902: listOf(PATCH),
});
const CLUSTER = struct('v1alpha4.Cluster', {
  kind: STRING, apiVersion: STRING, name: STRING,
  nodes: listOf(NODE),
  networking: struct('v1alpha4.Networking', {
    ipFamily: STRING, apiServerPort: INT32, apiServerAddress: STRING, podSubnet: STRING, serviceSubnet: STRING,
    disableDefaultCNI: BOOL, kubeProxyMode: STRING, dnsSearch: STRING_LIST,
  }),
  featureGates: { kind: 'map', value: 'bool' },
  runtimeConfig: { kind: 'map', value: 'string' },
  kubeadmConfigPatches: STRING_LIST,
  kubeadmConfigPatchesJSON6902: listOf(PATCH),
  containerdConfigPatches: STRING_LIST,
  containerdConfigPatchesJSON6902: STRING_LIST,
});

interface RawCluster {
  kind?: string;
  apiVersion?: string;
  name?: string;
  nodes?: { role?: string; labels?: Record<string, string> }[];
  networking?: { ipFamily?: string; apiServerPort?: number; apiServerAddress?: string; podSubnet?: string; serviceSubnet?: string };
}

/** The config used when --config is not given: kind's defaults. */
export function defaultKindConfig(): KindClusterSpec {
  return withDefaults({});
}

function withDefaults(raw: RawCluster): KindClusterSpec {
  const net = raw.networking ?? {};
  const nodes = raw.nodes?.length ? raw.nodes : [{}];
  return {
    ...(raw.name ? { name: raw.name } : {}),
    ipFamily: net.ipFamily || 'ipv4',
    apiServerAddress: net.apiServerAddress || DEFAULT_API_SERVER_ADDRESS,
    apiServerPort: net.apiServerPort ?? 0,
    podSubnet: net.podSubnet || DEFAULT_POD_SUBNET,
    serviceSubnet: net.serviceSubnet || DEFAULT_SERVICE_SUBNET,
    nodes: nodes.map((n) => ({ role: n.role || 'control-plane', labels: { ...(n.labels ?? {}) } })),
  };
}

/** Parses a kind config file's text; throws with kind's messages on a malformed document. */
export function parseKindConfig(text: string): KindClusterSpec {
  const lines = new LineCounter();
  const doc = parseAllDocuments(text, { lineCounter: lines })[0];
  if (doc && doc.errors.length > 0) {
    throw new Error(`could not determine kind / apiVersion for config: yaml: ${doc.errors[0]!.message.split('\n')[0]!.replace(/:$/, '')}`);
  }
  const typeMeta = (doc?.toJS() ?? {}) as { kind?: unknown; apiVersion?: unknown };
  const apiVersion = typeof typeMeta === 'object' && typeMeta ? String(typeMeta.apiVersion ?? '') : '';
  const kind = typeof typeMeta === 'object' && typeMeta ? String(typeMeta.kind ?? '') : '';
  if (apiVersion !== KIND_API_VERSION) throw new Error(`unknown apiVersion: ${apiVersion}`);
  if (kind !== 'Cluster') throw new Error(`unknown kind ${kind} for apiVersion: ${apiVersion}`);
  const { value, error } = decodeStrict(doc!.contents, CLUSTER, lines);
  if (error) throw new Error(`unable to decode config: ${error}`);
  return withDefaults(value as RawCluster);
}

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAME_MAX = 63;

/** Cluster names are DNS labels: they name directories, kubeconfig entries and Node objects. */
export function validateClusterName(name: string): string | undefined {
  if (NAME_RE.test(name) && name.length <= NAME_MAX) return undefined;
  return `'${name}' is not a valid cluster name, cluster names must match \`${NAME_RE.source}\` and be at most ${NAME_MAX} characters`;
}

function validateSubnet(what: string, text: string, minPrefix: number): string[] {
  const cidr = parseIPv4Cidr(text);
  if (!cidr) return [`invalid ${what} subnet: ${JSON.stringify(text)} is not an IPv4 CIDR (e.g. 10.0.0.0/16)`];
  if (cidr.prefix < minPrefix) return [`invalid ${what} subnet: ${text} is too large, the prefix length must be at least /${minPrefix}`];
  return [];
}

function validateNetworking(spec: KindClusterSpec): string[] {
  const errs: string[] = [];
  if (spec.ipFamily === 'ipv6' || spec.ipFamily === 'dual') errs.push(`ipFamily ${spec.ipFamily} is not supported by lkind: clusters are IPv4 only`);
  else if (spec.ipFamily !== 'ipv4') errs.push(`invalid ipFamily: ${spec.ipFamily}`);
  if (parseIPv4(spec.apiServerAddress) === undefined || !isLoopbackIPv4(spec.apiServerAddress)) {
    errs.push(`invalid apiServerAddress: ${JSON.stringify(spec.apiServerAddress)} is not an IPv4 loopback address (127.0.0.0/8); lkind clusters listen on loopback only`);
  }
  if (!Number.isInteger(spec.apiServerPort) || spec.apiServerPort < 0 || spec.apiServerPort > 65535) {
    errs.push(`invalid apiServerPort: invalid port number: ${spec.apiServerPort}`);
  }
  errs.push(...validateSubnet('pod', spec.podSubnet, 8));
  // kube-apiserver refuses service ranges larger than a /12 (2^20 addresses).
  errs.push(...validateSubnet('service', spec.serviceSubnet, 12));
  return errs;
}

function validateNodes(spec: KindClusterSpec): string[] {
  const errs: string[] = [];
  spec.nodes.forEach((node, i) => {
    const nodeErrs: string[] = [];
    if (node.role !== 'control-plane' && node.role !== 'worker') nodeErrs.push(`${JSON.stringify(node.role)} is not a valid node role`);
    nodeErrs.push(...validateLabels(node.labels, 'labels').map((e) => e.message));
    if (nodeErrs.length) errs.push(`invalid configuration for node ${i}: ${aggregate(nodeErrs)}`);
  });
  if (!spec.nodes.some((n) => n.role === 'control-plane')) errs.push('must have at least one control-plane node');
  return errs;
}

/** All problems with a defaulted config and the cluster name; empty when valid. */
export function validateKindConfig(name: string, spec: KindClusterSpec): string[] {
  const nameErr = validateClusterName(name);
  return [...(nameErr ? [nameErr] : []), ...validateNetworking(spec), ...validateNodes(spec)];
}

/** Joins errors like k8s.io/apimachinery's aggregate: one bare, several in brackets. */
export function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

/** Names nodes like kind: <cluster>-control-plane, <cluster>-control-plane2, <cluster>-worker, ... */
export function nameNodes(cluster: string, nodes: KindClusterSpec['nodes']): NodeConfig[] {
  const seen = new Map<string, number>();
  return nodes.map((node) => {
    const count = (seen.get(node.role) ?? 0) + 1;
    seen.set(node.role, count);
    return { name: `${cluster}-${node.role}${count > 1 ? count : ''}`, role: node.role as NodeRole, labels: { ...node.labels } };
  });
}

/** The subnets in canonical network form (host bits cleared), as the daemon expects them. */
export function canonicalSubnet(text: string): string {
  const cidr = parseIPv4Cidr(text);
  return cidr ? formatCidr(cidr) : text;
}
