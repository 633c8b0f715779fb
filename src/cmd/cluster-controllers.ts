// The cluster's controllers (scheduler, workloads, node lifecycle, simulated kubelets...) as one
// unit that reaches the API server only over HTTPS, as k3s's embedded components do (ADR 0008).
// The daemon runs it on a worker thread (controllers-worker.ts) so that the API server and the
// controllers each get a core; nothing here shares memory with the API server.
import type { Node } from '../api/core-v1.js';
import { Client } from '../client/rest-client.js';
import { Manager } from '../runtime/manager.js';
import { addClusterControllers, type ProcessPodsConfig } from '../cluster/controllers.js';

export interface ControllersConfig {
  clusterName: string;
  server: string;
  caPem: string;
  token: string;
  userAgent: string;
  podSubnet: string;
  serviceSubnet: string;
  nodes: Node[];
  kubeletProfile: string;
  nodeMonitorGraceMs: number;
  processPods?: ProcessPodsConfig;
}

export type Log = (msg: string) => void;

/** Starts every controller; resolves once they run and the kubelets registered their nodes. */
export async function startControllers(cfg: ControllersConfig, log: Log): Promise<() => void> {
  const client = new Client({ server: cfg.server, ca: cfg.caPem, headers: { Authorization: `Bearer ${cfg.token}` }, userAgent: cfg.userAgent });
  const manager = new Manager(client, log);
  addClusterControllers({
    manager, log, clusterName: cfg.clusterName, podSubnet: cfg.podSubnet, serviceSubnet: cfg.serviceSubnet,
    nodes: cfg.nodes, kubeletProfile: cfg.kubeletProfile, nodeMonitorGraceMs: cfg.nodeMonitorGraceMs,
    ...(cfg.processPods ? { processPods: cfg.processPods } : {}), now: () => new Date(),
  });
  const abort = new AbortController();
  await manager.start(abort.signal);
  return () => {
    abort.abort();
    client.close();
  };
}
