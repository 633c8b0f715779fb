// The manifests in deploy/ (the CRDs and the installation) and the values of one install applied
// to them: a pure edit of the plain objects, so what liqoctl applies is exactly what
// `kubectl apply -f deploy/` would, plus the cluster's identity, flags, image tag and Service type.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../api/types.js';
import type { Container, Deployment, Service } from '../../api/core-v1.js';
import {
  AUTH_SERVICE, CLUSTER_ID_CONFIGMAP, CLUSTER_ID_KEY, CLUSTER_NAME_KEY, DEFAULT_LIQO_NAMESPACE, LIQO_IMAGE_REPOSITORY,
} from '../../liqo/consts.js';
import { formatLabels } from '../../liqo/identity.js';

export const DEPLOY_DIR = fileURLToPath(new URL('../../../deploy/', import.meta.url));

export interface InstallValues {
  clusterID: string;
  clusterName: string;
  clusterLabels: Record<string, string>;
  sharingPercentage: number;
  podCIDR: string;
  serviceCIDR: string;
  reservedSubnets: string[];
  namespace: string;
  /** The image tag, e.g. v0.1.0. */
  version: string;
  /** How the auth and gateway Services are exposed. */
  serviceType: 'NodePort' | 'LoadBalancer';
}

export interface Manifests { crds: KubeObject[]; objects: KubeObject[] }

export function loadManifests(dir = DEPLOY_DIR): Manifests {
  const crds: KubeObject[] = [];
  const objects: KubeObject[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const obj = doc.toJS() as KubeObject | null;
      if (!obj) continue;
      (obj.kind === 'CustomResourceDefinition' ? crds : objects).push(obj);
    }
  }
  return { crds, objects };
}

/** Replaces (or appends) `--name=value` in a container's args. */
export function setFlag(args: string[], name: string, value: string): string[] {
  const prefix = `--${name}=`;
  const i = args.findIndex((a) => a.startsWith(prefix));
  return i >= 0 ? args.map((a, j) => (j === i ? prefix + value : a)) : [...args, prefix + value];
}

/** The flag values of a component's container (`--name=value`). */
export function flagsOf(container: Container | undefined): Record<string, string> {
  const flags: Record<string, string> = {};
  for (const a of container?.args ?? []) {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    if (m) flags[m[1]!] = m[2]!;
  }
  return flags;
}

function editContainers(d: Deployment, edit: (c: Container) => Container): Deployment {
  return { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: d.spec.template.spec.containers.map(edit) } } } };
}

function componentFlags(name: string, v: InstallValues): Record<string, string> {
  switch (name) {
    case 'liqo-controller-manager': return { 'cluster-labels': formatLabels(v.clusterLabels), 'resource-sharing-percentage': String(v.sharingPercentage) };
    case 'liqo-network-manager': return { 'pod-cidr': v.podCIDR, 'service-cidr': v.serviceCIDR, 'reserved-subnets': v.reservedSubnets.join(',') };
    default: return {};
  }
}

function forgeObject(obj: KubeObject, v: InstallValues): KubeObject {
  const meta = { ...obj.metadata };
  if (meta.namespace === DEFAULT_LIQO_NAMESPACE) meta.namespace = v.namespace;
  let out: KubeObject = { ...obj, metadata: meta };
  if (obj.kind === 'Namespace' && meta.name === DEFAULT_LIQO_NAMESPACE) out.metadata = { ...meta, name: v.namespace };
  if (obj.kind === 'ConfigMap' && meta.name === CLUSTER_ID_CONFIGMAP) {
    out = { ...out, data: { [CLUSTER_ID_KEY]: v.clusterID, [CLUSTER_NAME_KEY]: v.clusterName } } as KubeObject;
  }
  if (obj.kind === 'ClusterRoleBinding' || obj.kind === 'RoleBinding') {
    const subjects = (obj as { subjects?: { namespace?: string }[] }).subjects?.map((s) => (s.namespace === DEFAULT_LIQO_NAMESPACE ? { ...s, namespace: v.namespace } : s));
    out = { ...out, subjects } as KubeObject;
  }
  if (obj.kind === 'Deployment') {
    const flags = componentFlags(meta.name ?? '', v);
    out = editContainers(out as Deployment, (c) => ({
      ...c,
      image: c.image?.startsWith(`${LIQO_IMAGE_REPOSITORY}:`) ? `${LIQO_IMAGE_REPOSITORY}:${v.version}` : c.image,
      args: Object.entries(flags).reduce((args, [k, val]) => setFlag(args, k, val), c.args ?? []),
    }));
  }
  if (obj.kind === 'Service' && (meta.name === AUTH_SERVICE || meta.name === 'liqo-gateway')) {
    const svc = out as Service;
    out = { ...svc, spec: { ...svc.spec, type: v.serviceType } } as KubeObject;
  }
  return out;
}

export function forgeInstallObjects(m: Manifests, v: InstallValues): Manifests {
  return { crds: m.crds, objects: m.objects.map((o) => forgeObject(o, v)) };
}
