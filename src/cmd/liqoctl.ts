// The `liqoctl` command line: liqoctl's command tree, with install, status and uninstall working
// (more commands arrive with the peering and offloading issues; until then they fail with a clear
// "not implemented yet" and exit code 1, so scripts stop at the first missing piece). Every
// command takes kubectl's access flags; failures print an ERRO line and exit 1.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseLabels } from '../liqo/identity.js';
import { parseDuration } from '../machinery/duration.js';
import { install, type InstallFlags } from '../liqoctl/install/install.js';
import { PROVIDERS, type Provider } from '../liqoctl/install/providers.js';
import { addKubeFlags, connect, type KubeFlags } from '../liqoctl/kube.js';
import { errorMessage, Printer } from '../liqoctl/output.js';
import { generatePeerCommand } from '../liqoctl/peer-command.js';
import { peer, peerOutOfBand, unpeer, type PeerFlags } from '../liqoctl/peer.js';
import { status, StatusFailed } from '../liqoctl/status.js';
import { statusPeer } from '../liqoctl/status-peer.js';
import { uninstall, type UninstallFlags } from '../liqoctl/uninstall.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** liqoctl's commands not implemented yet, with their purpose. */
const PLANNED: [name: string, description: string][] = [
  ['network', 'Manages cross-cluster network connectivity'],
  ['authenticate', 'Authenticates this cluster with a provider cluster'],
  ['unauthenticate', 'Revokes the authentication with a provider cluster'],
  ['offload', 'Offloads a namespace to remote clusters'],
  ['unoffload', 'Stops offloading a namespace'],
  ['move', 'Moves an object (e.g. a volume) to another cluster'],
  ['activate', 'Activates a resource'],
  ['cordon', 'Cordons a resource'],
  ['uncordon', 'Uncordons a resource'],
  ['drain', 'Drains a resource'],
  ['create', 'Creates Liqo resources'],
  ['get', 'Gets Liqo resources'],
  ['delete', 'Deletes Liqo resources'],
  ['info', 'Shows the state of the Liqo installation'],
  ['test', 'Runs end-to-end tests'],
  ['docs', 'Generates the liqoctl documentation'],
];

function notImplemented(name: string, description: string): Command {
  return new Command(name)
    .description(`${description} (not implemented yet)`)
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      process.stderr.write(`ERROR: "liqoctl ${name}" is not implemented yet in liqo-ts\n`);
      process.exitCode = 1;
    });
}

const stderrPrinter = (verbose = false) => new Printer(process.stderr, verbose);

/** Runs a command body; a failure is one ERRO line (on stderr) and exit code 1. */
function run<F extends KubeFlags, A extends unknown[]>(body: (p: Printer, flags: F, ...args: A) => Promise<void>) {
  return async (...all: unknown[]) => {
    const cmd = all[all.length - 1] as Command;
    const flags = cmd.optsWithGlobals<F>();
    const p = new Printer(process.stdout, flags.verbose);
    try {
      await body(p, flags, ...(all.slice(0, -2) as A));
    } catch (err) {
      if (!(err instanceof StatusFailed) || err.message) stderrPrinter().error(errorMessage(err));
      process.exitCode = 1;
    }
  };
}

function intArg(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`must be an integer between ${min} and ${max}`);
    return n;
  };
}

function durationArg(value: string): number {
  try {
    return parseDuration(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function labelsArg(value: string): Record<string, string> {
  try {
    return parseLabels(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

const listArg = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

const UNSUPPORTED_PROVIDERS = ['aks', 'eks', 'gke', 'openshift'];

function providerOf(arg: string | undefined): Provider {
  if (arg === undefined) return 'generic';
  if ((PROVIDERS as readonly string[]).includes(arg)) return arg as Provider;
  if (UNSUPPORTED_PROVIDERS.includes(arg)) {
    throw new Error(`provider "${arg}" is not supported by liqo-ts yet: use the generic install (liqoctl install --pod-cidr <cidr> --service-cidr <cidr>)`);
  }
  throw new Error(`unknown provider "${arg}": choose one of ${PROVIDERS.join(', ')}, or none for a generic install`);
}

const TIMEOUT_HINTS = [
  'Possible causes of the timeout: the components cannot start (kubectl get pods -n liqo),',
  'their images cannot be pulled (ImagePullBackOff), or a LoadBalancer Service waits for a provider.',
  'Run again with --verbose for details, or increase --timeout.',
];

function installCommand(): Command {
  const cmd = new Command('install')
    .alias('upgrade')
    .argument('[provider]', `the kind of cluster: ${PROVIDERS.join(', ')} (none: a generic install with --pod-cidr and --service-cidr)`)
    .description('Install/upgrade Liqo in the selected cluster')
    .option('--cluster-name <name>', 'the name identifying the cluster in Liqo (default: the installed one, else generated)')
    .option('--cluster-labels <k=v,...>', 'the set of labels (key=value, comma separated) characterizing the local cluster', labelsArg, {})
    .option('--sharing-percentage <n>', 'the maximum percentage of available cluster resources that could be shared with remote clusters (0-100)', intArg(0, 100), 90)
    .option('--pod-cidr <cidr>', 'the pod CIDR of the cluster (generic and k3s installs)')
    .option('--service-cidr <cidr>', 'the service CIDR of the cluster (generic and k3s installs)')
    .option('--reserved-subnets <cidrs>', 'the private CIDRs to be excluded, as already in use (comma separated)', listArg, [])
    .addOption(new Option('--timeout <duration>', 'the timeout for the completion of the installation process').argParser(durationArg).default(600_000, '10m'))
    .option('--dry-run', 'simulate the installation process', false)
    .option('--only-output-values', 'generate the installation values and write them to a file, without installing', false)
    .option('--dump-values-path <path>', 'the path where the generated values are written (with --only-output-values)', './values.yaml')
    .option('--skip-validation', 'skip the validation of the pod and service CIDRs against the cluster', false)
    .option('--liqo-version <version>', 'the version (image tag) of Liqo to install', `v${VERSION}`)
    .action(run<InstallFlags & { liqoVersion: string }, [string | undefined]>(async (p, flags, provider) => {
      try {
        await install(providerOf(provider), flags, p, flags.liqoVersion);
      } catch (err) {
        if (errorMessage(err) === 'timed out waiting for the condition') {
          stderrPrinter().error(errorMessage(err));
          for (const hint of TIMEOUT_HINTS) p.info(hint);
          throw new StatusFailed('');
        }
        throw err;
      }
    }));
  return cmd;
}

function statusCommand(): Command {
  const cmd = new Command('status')
    .description('Show the status of Liqo')
    .action(run(async (p, flags) => {
      const { client } = await connect(flags);
      await status(client, flags.namespace, p);
    }));
  cmd.addCommand(new Command('peer')
    .description('Show the status of the peered clusters (all, or the named ones)')
    .argument('[names...]', 'the ForeignClusters to show')
    .action(run<KubeFlags, [string[]]>(async (p, flags, names) => {
      const { client } = await connect(flags);
      await statusPeer(client, names, p);
    })));
  return cmd;
}

function uninstallCommand(): Command {
  return (new Command('uninstall')
    .description('Uninstall Liqo from the selected cluster')
    .option('--purge', 'also remove the Liqo CRDs and namespaces', false)
    .addOption(new Option('--timeout <duration>', 'the timeout for the completion of the uninstallation process').argParser(durationArg).default(600_000, '10m'))
    .action(run<UninstallFlags & KubeFlags, []>(async (p, flags) => {
      const { client } = await connect(flags);
      await uninstall(client, flags, p);
    })));
}

function generateCommand(): Command {
  const cmd = new Command('generate').description('Generate Liqo resources (peer-command)');
  cmd.addCommand((new Command('peer-command')
    .description('Generate the command to execute on another cluster to peer with the local cluster')
    .option('--only-command', 'print only the peer command (useful in scripts)', false)
    .action(run<KubeFlags & { onlyCommand: boolean }, []>(async (p, flags) => {
      const { client } = await connect(flags);
      await generatePeerCommand(client, flags.namespace, flags.onlyCommand, p);
    }))));
  return cmd;
}

const timeoutOption = () => new Option('--timeout <duration>', 'the timeout for the completion of the operation').argParser(durationArg).default(120_000, '2m0s');

function peerCommand(): Command {
  const oob = new Command('out-of-band')
    .alias('oob')
    .description('Enable an outgoing out-of-band peering towards a remote cluster')
    .argument('<cluster-name>', 'the name of the remote cluster')
    .requiredOption('--auth-url <url>', 'the authentication URL of the target remote cluster')
    .requiredOption('--cluster-id <id>', 'the cluster ID of the target remote cluster')
    .requiredOption('--auth-token <token>', 'the authentication token of the target remote cluster')
    .addOption(timeoutOption())
    .action(run<PeerFlags & KubeFlags, [string]>(async (p, flags, name) => {
      const { client } = await connect(flags);
      await peerOutOfBand(client, name, flags, p);
    }));
  return new Command('peer')
    .description('Enable a peering towards a remote cluster')
    .argument('[cluster-name]', 'an already known remote cluster (its ForeignCluster)')
    .addOption(timeoutOption())
    .addCommand(oob)
    .action(run<KubeFlags & { timeout: number }, [string | undefined]>(async (p, flags, name) => {
      if (!name) throw new Error('a cluster name is required: liqoctl peer <cluster-name>, or liqoctl peer out-of-band <cluster-name> --auth-url ... --cluster-id ... --auth-token ...');
      const { client } = await connect(flags);
      await peer(client, name, flags.timeout, p);
    }));
}

function unpeerCommand(): Command {
  const oob = new Command('out-of-band')
    .alias('oob')
    .description('Disable an out-of-band peering towards a remote cluster, and remove its ForeignCluster')
    .argument('<cluster-name>', 'the name of the remote cluster')
    .addOption(timeoutOption())
    .action(run<KubeFlags & { timeout: number }, [string]>(async (p, flags, name) => {
      const { client } = await connect(flags);
      await unpeer(client, name, flags.timeout, true, p);
    }));
  return new Command('unpeer')
    .description('Disable the outgoing peering towards a remote cluster')
    .argument('[cluster-name]', 'the name of the remote cluster (its ForeignCluster)')
    .addOption(timeoutOption())
    .addCommand(oob)
    .action(run<KubeFlags & { timeout: number }, [string | undefined]>(async (p, flags, name) => {
      if (!name) throw new Error('a cluster name is required: liqoctl unpeer <cluster-name>');
      const { client } = await connect(flags);
      await unpeer(client, name, flags.timeout, false, p);
    }));
}

function versionCommand(): Command {
  return new Command('version')
    .description('Print the liqoctl version')
    .option('--client', 'show the client version only (accepted for compatibility; always the case for now)')
    .action(() => {
      process.stdout.write(`Client version: v${VERSION}\n`);
    });
}

// kubectl's access flags are global, as liqoctl's persistent flags: before or after the command.
const program = addKubeFlags(new Command('liqoctl')
  .description('liqoctl is a CLI tool to install and manage Liqo (liqo-ts: a TypeScript re-implementation)')
  .version(VERSION, '--version', 'version for liqoctl')
  .showHelpAfterError()
  .configureHelp({ showGlobalOptions: true }));
program.addCommand(installCommand());
program.addCommand(uninstallCommand());
program.addCommand(statusCommand());
program.addCommand(generateCommand());
program.addCommand(peerCommand());
program.addCommand(unpeerCommand());
for (const [name, description] of PLANNED) program.addCommand(notImplemented(name, description));
program.addCommand(versionCommand());

await program.parseAsync(process.argv);
