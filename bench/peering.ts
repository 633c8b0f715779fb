// Prints the time from running a peer command on a consumer to its virtual node being Ready
// (liqoctl peer out-of-band returns once the node is Ready: its four waits), for one provider,
// then for BENCH_PROVIDERS (default 10) providers peered at once from the same consumer. Every
// cluster is an lkind cluster with Liqo installed; figures only, nothing passes or fails.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LKIND, run } from '../test/support/cluster.js';
import { LIQOCTL, TUTORIAL_KIND_CONFIG } from '../test/support/liqo.js';

const HOME = mkdtempSync(join(tmpdir(), 'lkind-bench-peering-'));
const ENV = { ...process.env, LKIND_HOME: join(HOME, 'lkind'), HOME, NO_COLOR: '1' };
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 10);
const names = ['consumer', ...Array.from({ length: PROVIDERS + 1 }, (_, i) => `provider${i}`)];

async function ok(cmd: string, args: string[], what: string): Promise<string> {
  const r = await run(cmd, args, ENV, { timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`${what} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

const liqoctl = (cluster: string, args: string[]) => ok(process.execPath, [LIQOCTL, ...args, '--kubeconfig', join(HOME, cluster)], `liqoctl ${args[0]} on ${cluster}`);

async function peer(provider: string): Promise<number> {
  const command = (await liqoctl(provider, ['generate', 'peer-command', '--only-command'])).trim().split(' ').slice(1);
  const t = performance.now();
  await liqoctl('consumer', [...command, '--timeout', '10m']);
  return (performance.now() - t) / 1000;
}

async function main(): Promise<void> {
  const config = join(HOME, 'cluster.yaml');
  writeFileSync(config, TUTORIAL_KIND_CONFIG);
  for (const name of names) {
    await ok(process.execPath, [LKIND, 'create', 'cluster', '--name', name, '--kubeconfig', join(HOME, name), '--config', config], `lkind create ${name}`);
    await liqoctl(name, ['install', 'kind', '--cluster-name', name]);
  }
  console.log(`peer command to virtual node Ready, 1 provider: ${(await peer('provider0')).toFixed(2)} s  (goal < 2 s)`);
  const t = performance.now();
  const times = await Promise.all(names.slice(2).map((p) => peer(p)));
  const wall = (performance.now() - t) / 1000;
  console.log(`${PROVIDERS} providers at once: all Ready after ${wall.toFixed(2)} s; slowest ${Math.max(...times).toFixed(2)} s, fastest ${Math.min(...times).toFixed(2)} s`);
}

try {
  await main();
} finally {
  for (const name of names) await run(process.execPath, [LKIND, 'delete', 'cluster', '--name', name, '--kubeconfig', join(HOME, name)], ENV);
  rmSync(HOME, { recursive: true, force: true });
}
