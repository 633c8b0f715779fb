// `liqoctl uninstall [--purge]`: refuses while peerings or offloaded namespaces exist (with the
// reference's message), removes what install applied and waits for the components' pods to go;
// `--purge` also removes the Liqo CRDs (and with them every Liqo object) and the Liqo, tenant and
// storage namespaces, waiting until they are gone so that a new install can start at once.
import type { Namespace, Pod } from '../api/core-v1.js';
import type { KubeObject } from '../api/types.js';
import type { Client } from '../client/rest-client.js';
import { CORE } from '../client/resource.js';
import { LIQO, LIQO_GROUPS } from '../liqo/apis/resources.js';
import { PART_OF_LABEL, PART_OF_VALUE, STORAGE_NAMESPACE_LABEL, TENANT_NAMESPACE_LABEL } from '../liqo/consts.js';
import { isStatusError } from '../machinery/errors.js';
import { forgeInstallObjects, loadManifests } from './install/manifests.js';
import { deleteIfExists } from '../client/if-exists.js';
import { CRDS, KIND_REFS, pollUntil, refOf } from './objects.js';
import type { Printer } from './output.js';

interface Condition { type: string; status: string }
type FC = KubeObject & { status?: { peeringConditions?: Condition[] } };

async function listOrEmpty<T extends KubeObject>(client: Client, ref: typeof LIQO.foreignclusters): Promise<T[]> {
  try {
    return (await client.list<T>(ref)).items;
  } catch (err) {
    if (isStatusError(err) && err.code === 404) return []; // CRDs not installed (or purged)
    throw err;
  }
}

/** The reference's pre-uninstall message, or undefined when nothing blocks the uninstall. */
export function preUninstallProblems(fcs: FC[], offloadings: KubeObject[]): string | undefined {
  const active = (type: string, on: (s: string) => boolean) =>
    fcs.filter((fc) => fc.status?.peeringConditions?.some((c) => c.type === type && on(c.status))).map((fc) => fc.metadata.name ?? '');
  const sections: [string, string[]][] = [
    ['disable outgoing peering for clusters:', active('OutgoingPeering', (s) => s !== 'None')],
    ['disable incoming peering for clusters:', active('IncomingPeering', (s) => s !== 'None')],
    ['disable networking for clusters:', active('NetworkStatus', (s) => s === 'Established')],
    ['disable offloading for namespaces:', offloadings.map((o) => o.metadata.namespace ?? '')],
  ];
  const parts = sections.filter(([, names]) => names.length).map(([title, names]) => [title, ...names.map((n) => `- ${n}`)].join('\n'));
  return parts.length ? `Pre-uninstall checks failed: you should:\n${parts.join('\n')}` : undefined;
}

export interface UninstallFlags { namespace: string; purge: boolean; timeout: number }

async function removeComponents(client: Client, namespace: string, deadline: number): Promise<void> {
  const m = loadManifests();
  const { objects } = forgeInstallObjects(m, {
    clusterID: '', clusterName: '', clusterLabels: {}, sharingPercentage: 0, podCIDR: '', serviceCIDR: '', reservedSubnets: [], namespace, version: '', serviceType: 'LoadBalancer',
  });
  // The namespace stays (as with Helm); only --purge deletes it.
  for (const obj of objects.filter((o) => o.kind !== 'Namespace').reverse()) {
    await deleteIfExists(client, refOf(obj), obj.metadata.namespace ?? '', obj.metadata.name ?? '');
  }
  await pollUntil(deadline, async () => {
    const pods = await client.list<Pod>(CORE.pods, { namespace, labelSelector: `${PART_OF_LABEL}=${PART_OF_VALUE}` });
    return pods.items.length === 0;
  });
  const left = await client.list(KIND_REFS['rbac.authorization.k8s.io/v1/ClusterRole']!, { labelSelector: `${PART_OF_LABEL}=${PART_OF_VALUE}` });
  if (left.items.length) throw new Error('cluster-wide resources are still present - did you specify the right namespace?');
}

async function purgeCrds(client: Client, deadline: number): Promise<void> {
  const groups = Object.values(LIQO_GROUPS) as string[];
  const crds = (await client.list<KubeObject & { spec: { group: string } }>(CRDS)).items.filter((c) => groups.includes(c.spec.group));
  for (const crd of crds) await deleteIfExists(client, CRDS, '', crd.metadata.name ?? '');
  await pollUntil(deadline, async () => (await client.list<KubeObject & { spec: { group: string } }>(CRDS)).items.every((c) => !groups.includes(c.spec.group)));
}

async function purgeNamespaces(client: Client, namespace: string, deadline: number): Promise<void> {
  const names = new Set<string>([namespace]);
  for (const selector of [`${TENANT_NAMESPACE_LABEL}=true`, `${STORAGE_NAMESPACE_LABEL}=true`]) {
    for (const ns of (await client.list<Namespace>(CORE.namespaces, { labelSelector: selector })).items) names.add(ns.metadata.name ?? '');
  }
  for (const name of names) await deleteIfExists(client, CORE.namespaces, '', name);
  await pollUntil(deadline, async () => {
    const all = new Set((await client.list<Namespace>(CORE.namespaces)).items.map((n) => n.metadata.name));
    return [...names].every((n) => !all.has(n));
  });
}

export async function uninstall(client: Client, flags: UninstallFlags, p: Printer): Promise<void> {
  const deadline = Date.now() + flags.timeout;
  await p.step('Running pre-uninstall checks', 'Pre-uninstall checks passed', async () => {
    const problems = preUninstallProblems(await listOrEmpty<FC>(client, LIQO.foreignclusters), await listOrEmpty(client, LIQO.namespaceoffloadings));
    if (problems) throw new Error(problems);
  });
  await p.step('Uninstalling Liqo', 'Liqo uninstalled', () => removeComponents(client, flags.namespace, deadline));
  if (!flags.purge) return;
  await p.step('Purging Liqo CRDs', 'Liqo CRDs purged', () => purgeCrds(client, deadline));
  await p.step('Deleting Liqo namespaces', 'Liqo namespaces deleted', () => purgeNamespaces(client, flags.namespace, deadline));
}
