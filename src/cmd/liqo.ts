// The one entrypoint of liqo-ts's image (`ENTRYPOINT ["node", "/app/bin/liqo.mjs"]`): each Liqo
// component is a subcommand, configured by flags and by the in-cluster configuration of its pod.
// `--kubeconfig` runs a component outside a pod, for development. Each subcommand loads only its
// own component's modules: every component is a process of its own, and memory is per process.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { startComponent, type ComponentFlags } from '../liqo/component.js';
import { AUTH_PORT, GATEWAY_PORT, HEALTH_PORT } from '../liqo/consts.js';
import { parseLabels } from '../liqo/identity.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function percentage(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 100) throw new InvalidArgumentError('must be an integer between 0 and 100');
  return n;
}

function labels(value: string): Record<string, string> {
  try {
    return parseLabels(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A component subcommand: the shared flags, then `body` once the component is up. */
function component<F extends object>(name: string, description: string, body: (c: Awaited<ReturnType<typeof startComponent>>, flags: F) => Promise<void>): Command {
  return new Command(name)
    .description(description)
    .addOption(new Option('--kubeconfig <path>', 'run outside a pod with this kubeconfig'))
    .addOption(new Option('--namespace <ns>', 'the Liqo namespace when run outside a pod (in a pod: its own)'))
    .option('--health-probe-bind-address <addr>', 'where /healthz and /readyz are served', `:${HEALTH_PORT}`)
    .action(async (flags: F & ComponentFlags) => {
      try {
        const c = await startComponent(`liqo-${name}`, flags);
        await body(c, flags);
      } catch (err) {
        process.stderr.write(`E ${name}: ${(err as Error).message}\n`);
        process.exit(1);
      }
    });
}

const program = new Command('liqo')
  .description('liqo-ts components (one subcommand per component)')
  .version(VERSION, '--version')
  .showHelpAfterError();

program.addCommand(component<{ clusterLabels: Record<string, string>; resourceSharingPercentage: number }>(
  'controller-manager', 'the Liqo controllers and webhooks', async (c, f) => (await import('../liqo/controller-manager/controller-manager.js')).runControllerManager(c, f))
  .option('--cluster-labels <k=v,...>', 'labels of this cluster, advertised to peers', labels, {})
  .option('--resource-sharing-percentage <n>', 'percentage of free resources offered to peers', percentage, 90));

program.addCommand(component<{ address: string; apiServerAddress?: string }>('auth', 'the authentication service (HTTPS)', async (c, f) => (await import('../liqo/auth/server.js')).runAuth(c, f))
  .option('--address <addr>', 'where the HTTPS service listens', `:${AUTH_PORT}`)
  .option('--api-server-address <url>', 'the API server URL given to peers (default: the kubernetes Endpoints)'));

program.addCommand(component('crd-replicator', 'replicates peering resources between clusters', async (c) => (await import('../liqo/crd-replicator/crd-replicator.js')).runCrdReplicator(c)));

program.addCommand(component<{ podCidr: string; serviceCidr: string; reservedSubnets: string[] }>(
  'network-manager', 'IPAM and the network configuration of peerings', async (c, f) => (await import('../liqo/network/network-manager.js')).runNetworkManager(c, f))
  .requiredOption('--pod-cidr <cidr>', 'the pod CIDR of this cluster')
  .requiredOption('--service-cidr <cidr>', 'the service CIDR of this cluster')
  .option('--reserved-subnets <cidrs>', 'networks the IPAM must not hand out', list, []));

program.addCommand(component<{ listenAddress: string }>('gateway', 'the endpoint of cross-cluster tunnels', async (c, f) => (await import('../liqo/gateway/gateway.js')).runGateway(c, f))
  .option('--listen-address <addr>', 'where peer gateways connect', `:${GATEWAY_PORT}`));

program.addCommand(component<import('../liqo/virtual-kubelet/virtual-kubelet.js').VirtualKubeletFlags>(
  'virtual-kubelet', 'the virtual node of one peering (started by the controller manager)', async (c, f) => (await import('../liqo/virtual-kubelet/virtual-kubelet.js')).runVirtualKubelet(c, f))
  .requiredOption('--foreign-cluster-id <id>', 'the cluster ID of the provider')
  .requiredOption('--foreign-cluster-name <name>', 'the cluster name of the provider')
  .requiredOption('--nodename <name>', 'the name of the virtual node')
  .option('--node-ip <ip>', 'the InternalIP of the virtual node (default: $POD_IP)')
  .requiredOption('--tenant-namespace <ns>', 'the tenant namespace of the provider (its identity and offer)')
  .requiredOption('--home-cluster-id <id>', 'the cluster ID of this cluster')
  .requiredOption('--home-cluster-name <name>', 'the cluster name of this cluster'));

await program.parseAsync(process.argv);
