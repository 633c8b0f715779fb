// `liqoctl install [provider]`: the steps and lines of liqoctl's installer. Nothing is written
// before the flags, the cluster configuration and the values have all been checked; then the
// CRDs, then the components, applied server-side (re-running upgrades in place), and a wait for
// every component to be available, with progress.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Deployment } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/rest-client.js';
import { APPS } from '../../client/resource.js';
import { COMPONENTS } from '../../liqo/consts.js';
import { connect, type KubeFlags } from '../kube.js';
import { applyObject, CRDS, pollUntil } from '../objects.js';
import type { Printer } from '../output.js';
import { forgeInstallObjects, loadManifests, type InstallValues } from './manifests.js';
import { providerConfig, requireGenericCidrs, type CidrFlags, type Provider } from './providers.js';
import { forgeValues, generateName, installedIdentity, validateCidrs, validateClusterName, validateLabels, type ValueFlags } from './values.js';

export interface InstallFlags extends KubeFlags, ValueFlags, CidrFlags {
  timeout: number;
  dryRun: boolean;
  onlyOutputValues: boolean;
  dumpValuesPath: string;
  skipValidation: boolean;
}

function isAvailable(d: Deployment | undefined): boolean {
  const s = d?.status;
  const want = d?.spec.replicas ?? 1;
  return Boolean(d && s && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && (s.updatedReplicas ?? 0) >= want && (s.availableReplicas ?? 0) >= want);
}

async function waitForCrds(client: Client, crds: KubeObject[], deadline: number): Promise<void> {
  await pollUntil(deadline, async () => {
    for (const crd of crds) {
      const got = await client.get<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>(CRDS, '', crd.metadata.name ?? '');
      if (!got.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return false;
    }
    return true;
  });
}

async function waitForComponents(client: Client, namespace: string, deadline: number, progress: (ready: number, total: number) => void): Promise<void> {
  await pollUntil(deadline, async () => {
    const list = await client.list<Deployment>(APPS.deployments, { namespace });
    const byName = new Map(list.items.map((d) => [d.metadata.name, d]));
    const ready = COMPONENTS.filter((c) => isAvailable(byName.get(c.name))).length;
    progress(ready, COMPONENTS.length);
    return ready === COMPONENTS.length;
  });
}

async function apply(client: Client, values: InstallValues, flags: InstallFlags, p: Printer): Promise<void> {
  const deadline = Date.now() + flags.timeout;
  const { crds, objects } = forgeInstallObjects(loadManifests(), values);
  for (const crd of crds) await applyObject(client, crd, flags.dryRun);
  if (flags.dryRun) {
    // The components' namespace does not exist in a dry run of a fresh install: check what can be.
    for (const obj of objects) {
      if (obj.kind === 'Namespace' || obj.metadata.namespace === undefined) await applyObject(client, obj, true);
    }
    return;
  }
  await waitForCrds(client, crds, deadline);
  for (const obj of objects) await applyObject(client, obj);
  const text = 'Installing or upgrading Liqo... (this may take a few minutes)';
  await waitForComponents(client, values.namespace, deadline, (ready, total) => p.update(`${text} [${ready}/${total} components ready]`));
}

export async function install(provider: Provider, flags: InstallFlags, p: Printer, version: string): Promise<void> {
  // Bad input is refused before the cluster is touched.
  if (flags.clusterName) validateClusterName(flags.clusterName);
  validateLabels(flags.clusterLabels);
  if (provider === 'generic') requireGenericCidrs(flags);
  const { client } = await p.step('Initializing installer', 'Installer initialized', async () => {
    const kube = await connect(flags);
    await kube.client.request('GET', '/version');
    return kube;
  });
  const { cfg, installed } = await p.step('Retrieving cluster configuration', 'Cluster configuration correctly retrieved', async () => {
    const cfg = await providerConfig(provider, client, flags);
    if (!flags.skipValidation) await validateCidrs(client, cfg.podCIDR, cfg.serviceCIDR);
    return { cfg, installed: await installedIdentity(client, flags.namespace) };
  });
  let generated: string | undefined;
  if (!flags.clusterName && !installed.clusterName) {
    generated = generateName();
    p.info(`No cluster name specified. Generated: "${generated}"`);
  }
  const values = await p.step('Generating installation parameters', 'Installation parameters correctly generated', async () =>
    forgeValues(provider, flags, cfg, installed, version, generated));
  if (flags.onlyOutputValues) {
    writeFileSync(flags.dumpValuesPath, stringify(values));
    p.success(`All Set! Chart values written in "${flags.dumpValuesPath}"`);
    return;
  }
  await p.step('Installing or upgrading Liqo... (this may take a few minutes)',
    flags.dryRun ? 'Dry run completed: the installation would succeed' : 'All Set! You can now proceed establishing a peering (liqoctl peer --help for more information)',
    () => apply(client, values, flags, p));
  if (!flags.dryRun) p.success('Make sure to use the same version of Liqo on all remote clusters');
}
