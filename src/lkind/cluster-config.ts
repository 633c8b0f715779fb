// The on-disk contract between the `lkind` CLI (which creates a cluster directory) and the cluster
// daemon (which serves it). Layout of $LKIND_HOME/clusters/<name>/:
//   cluster.json   this ClusterConfig
//   pki/           ca.crt ca.key apiserver.crt apiserver.key admin.crt admin.key sa.key sa.pub
//   admin.token    static bearer token of the cluster admin (group system:masters)
//   data/          storage engine files (owned by the daemon)
//   daemon.pid     pid of the running daemon (absent when stopped)
//   daemon.log     daemon stdout/stderr
//   kubeconfig     the admin kubeconfig (context lkind-<name>)
//   pods/          process pods' volumes, logs and pid files (machinery/pod-files.ts, ADR 0009)
//   nodes/         nodes' simulated root filesystems (hostPath volumes of process pods)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface NodeConfig {
  name: string;
  role: 'control-plane' | 'worker';
  labels: Record<string, string>;
}

export interface ClusterConfig {
  name: string;
  /** Loopback address the API server listens on. */
  host: string;
  port: number;
  podSubnet: string;
  serviceSubnet: string;
  nodes: NodeConfig[];
  /** gitVersion served by /version, e.g. v1.32.0. */
  kubernetesVersion: string;
  createdAt: string;
}

export const CLUSTER_FILES = {
  config: 'cluster.json',
  pkiDir: 'pki',
  caCert: 'pki/ca.crt',
  caKey: 'pki/ca.key',
  serverCert: 'pki/apiserver.crt',
  serverKey: 'pki/apiserver.key',
  adminCert: 'pki/admin.crt',
  adminKey: 'pki/admin.key',
  saKey: 'pki/sa.key',
  saPub: 'pki/sa.pub',
  adminToken: 'admin.token',
  dataDir: 'data',
  pid: 'daemon.pid',
  log: 'daemon.log',
  kubeconfig: 'kubeconfig',
  podsDir: 'pods',
  nodesDir: 'nodes',
} as const;

export function readClusterConfig(dir: string): ClusterConfig {
  return JSON.parse(readFileSync(join(dir, CLUSTER_FILES.config), 'utf8')) as ClusterConfig;
}
