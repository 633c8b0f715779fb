// Prints, in one run: the time of `liqoctl install kind` per cluster (the tutorial's three
// clusters, one after the other, from the command's start to its exit, which waits for every
// component to be available) and the idle memory (RSS, summed) of the Liqo components' processes
// of one cluster, read from /proc a few seconds after the install. Figures only: nothing here
// passes or fails. It creates its clusters in a temporary LKIND_HOME and deletes them.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LKIND, run } from '../test/support/cluster.js';
import { LIQOCTL, TUTORIAL_KIND_CONFIG } from '../test/support/liqo.js';

const HOME = mkdtempSync(join(tmpdir(), 'lkind-bench-liqo-'));
const ENV = { ...process.env, LKIND_HOME: join(HOME, 'lkind'), HOME, NO_COLOR: '1' };
const CLUSTERS = { venice: 'north', florence: 'center', naples: 'south' };
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

function proc(pid: number): { ppid: number; rssKiB: number; cmd: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const rssKiB = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { ppid, rssKiB, cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ') };
  } catch {
    return undefined;
  }
}

/** The processes under a cluster's daemon that run the liqo-ts entrypoint: its Liqo components. */
function componentProcesses(cluster: string): { pid: number; rssKiB: number; cmd: string }[] {
  const daemon = Number(readFileSync(join(ENV.LKIND_HOME, 'clusters', cluster, 'daemon.pid'), 'utf8').trim());
  const all = new Map<number, NonNullable<ReturnType<typeof proc>>>();
  for (const e of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const p = proc(Number(e));
    if (p) all.set(Number(e), p);
  }
  const under = (pid: number): boolean => {
    for (let p = all.get(pid)?.ppid; p !== undefined && p > 1; p = all.get(p)?.ppid) if (p === daemon) return true;
    return false;
  };
  return [...all].filter(([pid, p]) => under(pid) && p.cmd.includes('liqo.mjs')).map(([pid, p]) => ({ pid, ...p }));
}

async function main(): Promise<void> {
  const config = join(HOME, 'cluster.yaml');
  writeFileSync(config, TUTORIAL_KIND_CONFIG);
  for (const name of Object.keys(CLUSTERS)) {
    const r = await run(process.execPath, [LKIND, 'create', 'cluster', '--name', name, '--kubeconfig', join(HOME, name), '--config', config], ENV, { timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`lkind create cluster ${name} failed:\n${r.stderr}`);
  }
  for (const [name, region] of Object.entries(CLUSTERS)) {
    const t = performance.now();
    const r = await run(process.execPath, [LIQOCTL, 'install', 'kind', '--cluster-name', name, `--cluster-labels=topology.liqo.io/region=${region}`, '--kubeconfig', join(HOME, name)], ENV, { timeoutMs: 300_000 });
    if (r.code !== 0) throw new Error(`liqoctl install on ${name} failed:\n${r.stdout}${r.stderr}`);
    console.log(`liqoctl install kind (${name}): ${((performance.now() - t) / 1000).toFixed(2)} s`);
  }
  await sleep(10_000);
  const procs = componentProcesses('venice');
  const total = procs.reduce((s, p) => s + p.rssKiB, 0);
  for (const p of procs) console.log(`  ${(p.rssKiB / 1024).toFixed(1).padStart(6)} MiB  ${/liqo\.mjs (\S+)/.exec(p.cmd)?.[1] ?? p.cmd}`);
  console.log(`idle Liqo components of venice: ${procs.length} processes, ${(total / 1024).toFixed(1)} MiB RSS in all`);
}

try {
  await main();
} finally {
  for (const name of Object.keys(CLUSTERS)) await run(process.execPath, [LKIND, 'delete', 'cluster', '--name', name, '--kubeconfig', join(HOME, name)], ENV);
  rmSync(HOME, { recursive: true, force: true });
}
