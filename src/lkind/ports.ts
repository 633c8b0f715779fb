// Picks the API server port of a new cluster: kind lets Docker choose a random host port; lkind
// asks the OS for a free one on the loopback address, skipping ports that stopped lkind clusters
// have recorded (they come back on the same port with `lkind start cluster`). There is a window
// between choosing and the daemon listening; a lost race shows up as a failed start.
import { createServer } from 'node:net';
import { readClusterConfig } from './cluster-config.js';
import { clusterDir, listClusters, type Env } from './home.js';

/** Binds host:port briefly; resolves to the bound port, or undefined when it is taken. */
function tryBind(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

export async function isPortFree(host: string, port: number): Promise<boolean> {
  return (await tryBind(host, port)) !== undefined;
}

/** Ports recorded by the existing lkind clusters, with the cluster that owns each. */
export function claimedPorts(env: Env = process.env): Map<number, string> {
  const claimed = new Map<number, string>();
  for (const name of listClusters(env)) {
    try {
      claimed.set(readClusterConfig(clusterDir(name, env)).port, name);
    } catch {
      // An unreadable cluster.json claims nothing; `lkind delete cluster` cleans it up.
    }
  }
  return claimed;
}

export async function pickFreePort(host: string, env: Env = process.env): Promise<number> {
  const claimed = claimedPorts(env);
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await tryBind(host, 0);
    if (port !== undefined && !claimed.has(port)) return port;
  }
  throw new Error(`could not find a free port on ${host}`);
}

/** Checks a port given in the config: free now, and not the port of another lkind cluster. */
export async function checkRequestedPort(host: string, port: number, env: Env = process.env): Promise<void> {
  const owner = claimedPorts(env).get(port);
  if (owner !== undefined) throw new Error(`port ${port} is already used by lkind cluster "${owner}"`);
  if (!(await isPortFree(host, port))) throw new Error(`port ${port} on ${host} is already in use`);
}
