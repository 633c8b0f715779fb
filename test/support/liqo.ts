// Test support for Liqo: the tutorial's kind config (pod subnet 10.200.0.0/16, service subnet
// 10.90.0.0/12, one control-plane node) and the real liqoctl run against a test cluster.
import { join } from 'node:path';
import { LKIND, run, type RunResult, type TestCluster } from './cluster.js';

export const LIQOCTL = join(LKIND, '..', 'liqoctl.mjs');

export const TUTORIAL_KIND_CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  podSubnet: 10.200.0.0/16
  serviceSubnet: 10.90.0.0/12
nodes:
  - role: control-plane
`;

export function liqoctl(c: TestCluster, args: string[], timeoutMs = 120_000): Promise<RunResult> {
  return run(process.execPath, [LIQOCTL, ...args], c.env, { timeoutMs });
}
