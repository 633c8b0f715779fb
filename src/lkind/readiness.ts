// kind's `--wait`: after the API server answers, wait until the control-plane Nodes report the
// Ready condition. kind runs kubectl inside the node for this; lkind asks its own API server with
// the admin certificate. A timeout is not an error (kind only warns).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_FILES, type ClusterConfig } from './cluster-config.js';
import { serverURL } from './cluster-files.js';
import { httpsGet } from './daemon.js';

interface NodeList {
  items?: { status?: { conditions?: { type?: string; status?: string }[] } }[];
}

/** True when every control-plane Node is Ready (and there is at least one). */
export function controlPlaneReady(list: NodeList): boolean {
  const items = list.items ?? [];
  return items.length > 0 && items.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

export async function waitForControlPlaneReady(dir: string, config: ClusterConfig, deadline: number): Promise<boolean> {
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const tls = { ca: read(CLUSTER_FILES.caCert), cert: read(CLUSTER_FILES.adminCert), key: read(CLUSTER_FILES.adminKey) };
  const url = `${serverURL(config)}/api/v1/nodes?labelSelector=${encodeURIComponent('node-role.kubernetes.io/control-plane')}`;
  for (;;) {
    const { status, body } = await httpsGet(url, tls);
    if (status === 200) {
      try {
        if (controlPlaneReady(JSON.parse(body) as NodeList)) return true;
      } catch {
        // not JSON yet: retry
      }
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
