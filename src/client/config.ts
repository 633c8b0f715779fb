// Where a client connects and with which credentials. Kubeconfig loading (contexts, embedded or
// file certificates, tokens, exec plugins) is delegated to @kubernetes/client-node's KubeConfig,
// which reads them as kubectl does; the in-cluster form follows the pod contract (service host and
// port in the environment, token and CA in the service-account directory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RestConfig {
  /** https://host:port */
  server: string;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Extra headers, e.g. Authorization for tokens. */
  headers: Record<string, string>;
  userAgent?: string;
  /** A bearer token file re-read as it rotates (the projected ServiceAccount token of a pod). */
  tokenFile?: string;
}

export interface KubeconfigOptions {
  /** Path of the kubeconfig; $KUBECONFIG or ~/.kube/config when absent. */
  kubeconfig?: string;
  context?: string;
  /** kubectl's --cluster and --user: override those of the context. */
  cluster?: string;
  user?: string;
}

export async function configFromKubeconfig(opts: KubeconfigOptions = {}): Promise<RestConfig> {
  // Loaded on demand: client-node is large, and processes in pods never read a kubeconfig.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
  else kc.loadFromDefault();
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) throw new Error(`context "${opts.context}" does not exist`);
    kc.setCurrentContext(opts.context);
  }
  if (opts.cluster || opts.user) {
    const current = kc.getContextObject(kc.getCurrentContext());
    const name = 'liqo-ts-override';
    kc.addContext({ name, cluster: opts.cluster ?? current?.cluster ?? '', user: opts.user ?? current?.user ?? '' });
    kc.setCurrentContext(name);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`no cluster in the kubeconfig${opts.context ? ` for context "${opts.context}"` : ''}`);
  const https: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer; headers?: Record<string, string> } = {};
  await kc.applyToHTTPSOptions(https as never);
  return { server: cluster.server, ca: https.ca, cert: https.cert, key: https.key, headers: { ...https.headers } };
}

export const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The configuration a process in a pod uses: KUBERNETES_SERVICE_HOST/PORT and the mounted token. */
export function inClusterConfig(env: NodeJS.ProcessEnv = process.env, dir = IN_CLUSTER_DIR): RestConfig {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw new Error('not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set');
  const tokenFile = join(dir, 'token');
  const token = readFileSync(tokenFile, 'utf8').trim();
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { server, ca: readFileSync(join(dir, 'ca.crt')), headers: { Authorization: `Bearer ${token}` }, tokenFile };
}
