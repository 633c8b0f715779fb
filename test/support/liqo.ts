// Test support for Liqo: the tutorial's kind config (pod subnet 10.200.0.0/16, service subnet
// 10.90.0.0/12, one control-plane node) and the real liqoctl run against a test cluster.
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { daemonPid, LKIND, run, type RunResult, type TestCluster } from './cluster.js';

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

/** The pids of a cluster's processes (descendants of its daemon) whose command line matches. */
export function clusterProcesses(c: TestCluster, match: RegExp): number[] {
  const daemon = daemonPid(c);
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const e of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(e), readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // gone meanwhile
    }
  }
  const under = (pid: number) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === daemon) return true;
    return false;
  };
  return [...cmd].filter(([pid, line]) => match.test(line) && under(pid)).map(([pid]) => pid);
}

/** GET over HTTPS without verifying the certificate (Liqo's auth service is self-signed). */
export function httpsGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { rejectUnauthorized: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
