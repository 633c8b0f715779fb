// The kubectl-compatible access flags every liqoctl command takes (--kubeconfig, --context,
// --cluster, --user, honouring $KUBECONFIG) and the client they give; -n/--namespace is the Liqo
// namespace. A kubeconfig that cannot be read is a clear error, not a stack trace.
import type { Command } from 'commander';
import { configFromKubeconfig, type RestConfig } from '../client/config.js';
import { Client } from '../client/rest-client.js';
import { DEFAULT_LIQO_NAMESPACE } from '../liqo/consts.js';

export interface KubeFlags {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  namespace: string;
  verbose?: boolean;
}

export function addKubeFlags(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <path>', 'path to the kubeconfig file to use for CLI requests (default $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'the name of the kubeconfig context to use')
    .option('--cluster <name>', 'the name of the kubeconfig cluster to use')
    .option('--user <name>', 'the name of the kubeconfig user to use')
    .option('-n, --namespace <ns>', 'the namespace where Liqo is installed', DEFAULT_LIQO_NAMESPACE)
    .option('-v, --verbose', 'enable verbose logs', false);
}

export interface Kube { client: Client; config: RestConfig }

export async function connect(flags: KubeFlags): Promise<Kube> {
  let config: RestConfig;
  try {
    config = await configFromKubeconfig({ kubeconfig: flags.kubeconfig, context: flags.context, cluster: flags.cluster, user: flags.user });
  } catch (err) {
    throw new Error(`cannot load the kubeconfig${flags.kubeconfig ? ` ${flags.kubeconfig}` : ''}: ${(err as Error).message}`);
  }
  config.userAgent = 'liqoctl';
  return { client: new Client(config), config };
}
