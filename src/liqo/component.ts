// What every Liqo component shares: its API client (in-cluster, or a kubeconfig for development),
// the namespace it runs in, klog-style log lines, the probe server (/healthz, /readyz) and an
// orderly stop on SIGTERM, as a container runtime expects.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { configFromKubeconfig, IN_CLUSTER_DIR, inClusterConfig, type RestConfig } from '../client/config.js';
import { Client } from '../client/rest-client.js';
import { DEFAULT_LIQO_NAMESPACE } from './consts.js';

export interface ComponentFlags {
  kubeconfig?: string;
  /** The namespace to work in when not in a pod (in a pod: the ServiceAccount's namespace). */
  namespace?: string;
  healthProbeBindAddress?: string;
}

export interface Component {
  name: string;
  client: Client;
  config: RestConfig;
  namespace: string;
  log: (msg: string) => void;
  /** Marks the component ready (/readyz answers 200 from then on). */
  setReady(ready: boolean): void;
  /** Registers work to stop on SIGTERM/SIGINT before the process exits. */
  onStop(fn: () => Promise<void> | void): void;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** klog's header: `I1202 13:45:00.123456 <pid> <component>] msg`. */
export function logLine(severity: 'I' | 'W' | 'E', component: string, msg: string, now = new Date()): string {
  const time = `${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}.${pad(now.getUTCMilliseconds() * 1000, 6)}`;
  return `${severity}${time} ${String(process.pid).padStart(7)} ${component}] ${msg}\n`;
}

/** host:port or :port, as controller-runtime's bind-address flags. */
export function parseBindAddress(value: string): { host?: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(value);
  if (!m) throw new Error(`invalid bind address "${value}": expected [host]:port`);
  return { host: m[1] || undefined, port: Number(m[2]) };
}

function inClusterNamespace(): string {
  try {
    return readFileSync(join(IN_CLUSTER_DIR, 'namespace'), 'utf8').trim() || DEFAULT_LIQO_NAMESPACE;
  } catch {
    return DEFAULT_LIQO_NAMESPACE;
  }
}

function listen(server: Server, address: string): Promise<void> {
  const { host, port } = parseBindAddress(address);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => resolve());
  });
}

export async function startComponent(name: string, flags: ComponentFlags): Promise<Component> {
  const config = flags.kubeconfig ? await configFromKubeconfig({ kubeconfig: flags.kubeconfig }) : inClusterConfig();
  config.userAgent = `liqo-ts/${name}`;
  const log = (msg: string) => process.stderr.write(logLine('I', name, msg));
  let ready = false;
  const stops: (() => Promise<void> | void)[] = [];
  const probes = createServer((req, res) => {
    const ok = req.url === '/healthz' || (req.url === '/readyz' && ready);
    res.writeHead(ok ? 200 : 503, { 'Content-Type': 'text/plain' }).end(ok ? 'ok' : 'not ready');
  });
  await listen(probes, flags.healthProbeBindAddress ?? ':8081');
  const stop = async (signal: string) => {
    log(`received ${signal}, shutting down`);
    for (const fn of stops.reverse()) await fn();
    probes.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  log(`starting ${name} (API server ${config.server})`);
  return {
    name, config, client: new Client(config), namespace: flags.namespace ?? inClusterNamespace(), log,
    setReady: (r) => { ready = r; },
    onStop: (fn) => { stops.push(fn); },
  };
}

/** Retries `fn` until it succeeds: components start before the API objects they need may exist. */
export async function retry<T>(what: string, log: (m: string) => void, fn: () => Promise<T>, delayMs = 1000): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt === 1 || attempt % 30 === 0) log(`${what}: ${(err as Error).message} (retrying)`);
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}
