// The `lkind` command line, shaped like kind's: `create cluster`, `delete cluster(s)`, `get
// clusters|nodes|kubeconfig`, `export kubeconfig`, `version`, the global -q/-v flags, progress and
// messages on stderr, `ERROR: …` and exit 1 on failure. lkind adds `stop cluster` and `start
// cluster` (kind leaves that to Docker) and the hidden `__serve`, the cluster process itself.
// Only flag parsing and wiring live here; the work is in src/lkind/.
import { readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { createCluster } from '../lkind/create.js';
import { parseDuration } from '../machinery/duration.js';
import { listClusters, resolveClusterName } from '../lkind/home.js';
import {
  deleteCluster, deleteClusters, exportKubeconfig, getKubeconfig, getNodes, startCluster, stopCluster,
} from '../lkind/lifecycle.js';
import { Ui, wrapError } from '../lkind/ui.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const DEFAULT_WAIT_MS = 60_000;
const NAME_HELP = 'the cluster name (default "lkind", or $LKIND_CLUSTER_NAME)';
const KUBECONFIG_HELP = 'sets kubeconfig path instead of $KUBECONFIG or $HOME/.kube/config';

type NameOpts = { name?: string };

interface GlobalOptions {
  quiet?: boolean;
  verbosity?: string;
}

function uiFor(cmd: Command): Ui {
  const { quiet } = cmd.optsWithGlobals<GlobalOptions>();
  return new Ui(process.stderr, process.stdout, Boolean(quiet));
}

/**
 * Wraps a command body: failures print `ERROR: <prefix>: <message>` (the prefix is computed from
 * the command's options) and set exit code 1, like kind.
 */
function run<A extends unknown[]>(body: (ui: Ui, ...args: A) => Promise<void> | void, prefix?: (opts: NameOpts) => string) {
  return async (...args: A) => {
    const cmd = args[args.length - 1] as Command;
    const ui = uiFor(cmd);
    try {
      await body(ui, ...args);
    } catch (err) {
      ui.error(prefix ? wrapError(err, prefix(cmd.opts<NameOpts>())) : err);
      // kind shows the stack trace from verbosity 1 on.
      if (Number(cmd.optsWithGlobals<GlobalOptions>().verbosity) >= 1 && err instanceof Error) process.stderr.write(`\nStack Trace: ${err.stack}\n`);
      process.exitCode = 1;
    }
  };
}

function durationArg(value: string): number {
  try {
    return parseDuration(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

const nameOf = (opts: NameOpts) => resolveClusterName(opts.name);

interface CreateFlags extends NameOpts {
  config?: string;
  kubeconfig?: string;
  wait?: number;
  retain?: boolean;
}

function createCommand(): Command {
  const create = new Command('create').description('Creates one of [cluster]');
  create.command('cluster')
    .description('Creates a local Kubernetes cluster served by a Node process (no Docker needed)')
    .option('-n, --name <name>', 'cluster name, overrides LKIND_CLUSTER_NAME, config (default lkind)')
    .option('--config <file>', 'path to a kind config file (kind.x-k8s.io/v1alpha4 Cluster), "-" for stdin')
    .option('--kubeconfig <file>', KUBECONFIG_HELP)
    .option('--wait <duration>', 'wait for control plane node to be ready; the API server is always awaited (default 60s)', durationArg)
    .option('--retain', 'retain the cluster directory for debugging when cluster creation fails')
    .action(run(async (ui, opts: CreateFlags) => {
      const wait = opts.wait ?? 0;
      await createCluster({
        name: opts.name, config: opts.config, kubeconfig: opts.kubeconfig, retain: Boolean(opts.retain),
        waitMs: wait > 0 ? wait : DEFAULT_WAIT_MS, waitForReady: wait > 0, env: process.env,
      }, ui);
    }, () => 'failed to create cluster'));
  return create;
}

function deleteCommand(): Command {
  const del = new Command('delete').description('Deletes one of [cluster, clusters]');
  del.command('cluster')
    .description('Deletes a cluster')
    .option('-n, --name <name>', NAME_HELP)
    .option('--kubeconfig <file>', KUBECONFIG_HELP)
    .action(run(async (ui, opts: NameOpts & { kubeconfig?: string }) => {
      ui.info(`Deleting cluster "${nameOf(opts)}" ...`);
      await deleteCluster(nameOf(opts), opts.kubeconfig, process.env, ui);
    }, (opts) => `failed to delete cluster "${nameOf(opts)}"`));
  del.command('clusters')
    .description('Deletes one or more clusters (idempotent, like "rm -f")')
    .argument('[names...]', 'the clusters to delete')
    .option('-A, --all', 'delete all clusters')
    .option('--kubeconfig <file>', KUBECONFIG_HELP)
    .action(run(async (ui, names: string[], opts: { all?: boolean; kubeconfig?: string }) => {
      await deleteClusters(names, Boolean(opts.all), opts.kubeconfig, process.env, ui);
    }));
  return del;
}

function getCommand(): Command {
  const get = new Command('get').description('Gets one of [clusters, nodes, kubeconfig]');
  get.command('clusters')
    .description('Lists existing lkind clusters by their name')
    .action(run((ui) => {
      const clusters = listClusters();
      if (clusters.length === 0) ui.info('No lkind clusters found.');
      for (const name of clusters) ui.print(`${name}\n`);
    }));
  get.command('nodes')
    .description('Lists existing lkind nodes by their name')
    .option('-n, --name <name>', NAME_HELP)
    .option('-A, --all-clusters', 'list the nodes of all clusters; --name is ignored')
    .action(run((ui, opts: NameOpts & { allClusters?: boolean }) => {
      const nodes = getNodes(nameOf(opts), Boolean(opts.allClusters), process.env);
      if (nodes.length === 0) ui.info(opts.allClusters ? 'No lkind nodes for any cluster.' : `No lkind nodes found for cluster "${nameOf(opts)}".`);
      for (const node of nodes) ui.print(`${node}\n`);
    }));
  get.command('kubeconfig')
    .description('Prints cluster kubeconfig')
    .option('-n, --name <name>', NAME_HELP)
    .action(run((ui, opts: NameOpts) => ui.print(getKubeconfig(nameOf(opts), process.env))));
  return get;
}

function exportCommand(): Command {
  const exp = new Command('export').description('Exports one of [kubeconfig]');
  exp.command('kubeconfig')
    .description('Exports cluster kubeconfig')
    .option('-n, --name <name>', NAME_HELP)
    .option('--kubeconfig <file>', KUBECONFIG_HELP)
    .action(run((ui, opts: NameOpts & { kubeconfig?: string }) => exportKubeconfig(nameOf(opts), opts.kubeconfig, process.env, ui)));
  return exp;
}

function startStopCommands(): Command[] {
  const start = new Command('start').description('Starts one of [cluster]');
  start.command('cluster')
    .description('Starts a stopped cluster again (same port, same data); a no-op when it is running')
    .option('-n, --name <name>', NAME_HELP)
    .option('--wait <duration>', 'how long to wait for the API server (default 60s)', durationArg)
    .action(run((ui, opts: NameOpts & { wait?: number }) =>
      startCluster(nameOf(opts), opts.wait && opts.wait > 0 ? opts.wait : DEFAULT_WAIT_MS, process.env, ui),
    (opts) => `failed to start cluster "${nameOf(opts)}"`));
  const stop = new Command('stop').description('Stops one of [cluster]');
  stop.command('cluster')
    .description('Stops a cluster, keeping its data (see "lkind start cluster")')
    .option('-n, --name <name>', NAME_HELP)
    .action(run((ui, opts: NameOpts) => stopCluster(nameOf(opts), process.env, ui), (opts) => `failed to stop cluster "${nameOf(opts)}"`));
  return [start, stop];
}

function serveCommand(): Command {
  return new Command('__serve')
    .description('runs the cluster process of a cluster directory (used by create/start cluster)')
    .requiredOption('--dir <dir>', 'the cluster directory')
    .action(run(async (_ui, opts: { dir: string }) => {
      // Imported lazily: the API server is heavy and only the cluster process needs it.
      const { runClusterDaemon } = await import('./cluster-daemon.js');
      try {
        await runClusterDaemon(opts.dir);
      } catch (err) {
        // A cluster that cannot start must not keep serving half-started: say why (daemon.log) and exit.
        process.stdout.write(`${new Date().toISOString()} cluster failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      }
    }));
}

function versionCommand(): Command {
  return new Command('version')
    .description('Prints the lkind CLI version')
    .action(run((ui, _opts: unknown, cmd: Command) => {
      const quiet = cmd.optsWithGlobals<GlobalOptions>().quiet;
      ui.print(quiet ? `${VERSION}\n` : `lkind v${VERSION} node-${process.version} ${platform()}/${arch()}\n`);
    }));
}

function lkindProgram(): Command {
  const program = new Command('lkind')
    .description('lkind creates and manages local Kubernetes clusters, each served by a Node process instead of Docker container \'nodes\'')
    .option('-q, --quiet', 'silence all stderr output')
    .option('-v, --verbosity <level>', 'info log verbosity, higher value produces more output', '0')
    .version(VERSION, '--version', 'version for lkind')
    .showHelpAfterError();
  for (const cmd of [createCommand(), deleteCommand(), exportCommand(), getCommand(), ...startStopCommands(), versionCommand()]) {
    program.addCommand(cmd);
  }
  program.addCommand(serveCommand(), { hidden: true });
  return program;
}

await lkindProgram().parseAsync(process.argv);
