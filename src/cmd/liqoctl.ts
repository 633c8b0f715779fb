// The `liqoctl` command line, for now a placeholder with liqoctl's command tree: `--help` lists
// the commands the real liqoctl has, `version` prints this package's version in liqoctl's form
// (`Client version: v…`), and every other command fails with a clear "not implemented yet" and
// exit code 1 whatever its flags, so scripts written for liqoctl stop at the first missing piece.
// The commands themselves arrive with the Liqo issues.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** liqoctl's commands, with their purpose; none is implemented yet. */
const PLANNED: [name: string, description: string][] = [
  ['install', 'Installs or upgrades Liqo on a cluster'],
  ['uninstall', 'Removes Liqo from a cluster'],
  ['peer', 'Peers this cluster with a remote one'],
  ['unpeer', 'Tears down a peering'],
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
  ['generate', 'Generates Liqo resources'],
  ['get', 'Gets Liqo resources'],
  ['delete', 'Deletes Liqo resources'],
  ['info', 'Shows the state of the Liqo installation'],
  ['test', 'Runs end-to-end tests'],
  ['docs', 'Generates the liqoctl documentation'],
];

function notImplemented(name: string): Command {
  return new Command(name)
    .description(`${PLANNED.find(([n]) => n === name)?.[1] ?? ''} (not implemented yet)`)
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      process.stderr.write(`ERROR: "liqoctl ${name}" is not implemented yet in liqo-ts\n`);
      process.exitCode = 1;
    });
}

function versionCommand(): Command {
  return new Command('version')
    .description('Prints the liqoctl version (the deployed Liqo version comes with install)')
    .option('--client', 'show the client version only (accepted for compatibility; always the case for now)')
    .action(() => {
      process.stdout.write(`Client version: v${VERSION}\n`);
    });
}

const program = new Command('liqoctl')
  .description('liqoctl is a CLI tool to install and manage Liqo (liqo-ts: a TypeScript re-implementation)')
  .version(VERSION, '--version', 'version for liqoctl')
  .showHelpAfterError();
for (const [name] of PLANNED) program.addCommand(notImplemented(name));
program.addCommand(versionCommand());

await program.parseAsync(process.argv);
