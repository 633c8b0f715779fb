// `liqoctl status`: the three boxes of liqoctl v0.7 (namespace, control plane, local cluster
// information). The control plane check reads the components' Deployments; the identity comes
// from the clusterid ConfigMap, the labels from the controller manager's flags, the networks
// from the IpamStorage the network manager keeps.
import type { Deployment, Namespace, Pod } from '../api/core-v1.js';
import type { IpamSpec, IpamStorage } from '../liqo/apis/net.js';
import type { Client } from '../client/rest-client.js';
import { APPS, CORE } from '../client/resource.js';
import { LIQO } from '../liqo/apis/resources.js';
import { COMPONENTS, IPAM_STORAGE_NAME } from '../liqo/consts.js';
import { parseLabels, readClusterIdentity } from '../liqo/identity.js';
import { flagsOf } from './install/manifests.js';
import { getIfExists } from '../client/if-exists.js';
import { errorMessage, type Printer } from './output.js';

export class StatusFailed extends Error {}

async function componentProblems(client: Client, namespace: string): Promise<string[]> {
  const problems: string[] = [];
  for (const c of COMPONENTS) {
    const d = await getIfExists<Deployment>(client, APPS.deployments, namespace, c.name);
    if (!d) {
      problems.push(`${c.kind}\t${c.name}\tnot found`);
      continue;
    }
    const want = d.spec.replicas ?? 1;
    const s = d.status ?? {};
    const ready = s.readyReplicas ?? 0;
    const available = s.availableReplicas ?? 0;
    const unavailable = s.unavailableReplicas ?? Math.max(0, want - available);
    if (ready >= want && available >= want && unavailable === 0) continue;
    const images = d.spec.template.spec.containers.map((x) => x.image).join(', ');
    problems.push(`${c.kind}\t${c.name}\tDesired: ${want}, Ready: ${ready}/${want}, available: ${available}/${want}, Unavailable: ${unavailable}/${want}, Image version: ${images}`);
    const selector = Object.entries(d.spec.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    for (const pod of (await client.list<Pod>(CORE.pods, { namespace, labelSelector: selector })).items) {
      for (const cs of pod.status?.containerStatuses ?? []) {
        const waiting = cs.state?.waiting;
        if (!cs.ready) problems.push(`\tPod ${pod.metadata.name}: container ${cs.name} not ready${waiting?.reason ? ` (${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''})` : ''}`);
      }
    }
  }
  return problems;
}

async function localInformation(client: Client, namespace: string): Promise<string[]> {
  const id = await readClusterIdentity(client, namespace);
  const manager = await getIfExists<Deployment>(client, APPS.deployments, namespace, 'liqo-controller-manager');
  const labels = parseLabels(flagsOf(manager?.spec.template.spec.containers[0])['cluster-labels'] ?? '');
  const ipam = await getIfExists<IpamStorage>(client, LIQO.ipamstorages, '', IPAM_STORAGE_NAME);
  const net: Partial<IpamSpec> = ipam?.spec ?? {};
  const lines = ['Cluster Identity', `    Cluster ID: ${id.clusterID}`, `    Cluster Name: ${id.clusterName}`, '    Cluster Labels'];
  for (const [k, v] of Object.entries(labels)) lines.push(`        ${k}: ${v}`);
  lines.push('Network');
  if (ipam) {
    lines.push(`    Pod CIDR: ${net.podCIDR ?? ''}`, `    Service CIDR: ${net.serviceCIDR ?? ''}`, `    External CIDR: ${net.externalCIDR ?? ''}`);
    if (net.reservedSubnets?.length) lines.push(`    Reserved Subnets: ${net.reservedSubnets.join(', ')}`);
  } else {
    lines.push('    not yet known: the network manager has not recorded the networks');
  }
  return lines;
}

export async function status(client: Client, namespace: string, p: Printer): Promise<void> {
  const ns = await getIfExists<Namespace>(client, CORE.namespaces, '', namespace).catch((err: Error) => err);
  if (!ns || ns instanceof Error) {
    const reason = ns instanceof Error ? errorMessage(ns) : `namespaces "${namespace}" not found`;
    p.box('Namespace existence check', [`✖ liqo control plane namespace ${namespace} is not OK`, `Reason: ${reason}`]);
    throw ns instanceof Error ? ns : new StatusFailed(`Liqo is not installed in namespace ${namespace}: install it with liqoctl install, or pass -n <namespace>`);
  }
  p.box('Namespace existence check', [`✔ liqo control plane namespace ${namespace} exists`]);
  const problems = await componentProblems(client, namespace);
  p.box('Liqo control plane check', problems.length ? ['✖ liqo control plane is not OK', ...problems.map((l) => l.replace(/\t/g, '  '))] : ['✔ control plane pods are up and running']);
  p.box('Local Cluster Information', await localInformation(client, namespace));
  if (problems.length) throw new StatusFailed('liqo control plane is not OK');
}
