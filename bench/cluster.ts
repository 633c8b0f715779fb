// Prints, in one run: cluster create-to-Ready time (`lkind create cluster`, wall clock); pod
// startup latency p50/p99 (creation request to Ready seen by a watch) at 10 pods/s through the
// scheduler and the simulated kubelet; and the time and the cluster process's peak memory to bring
// 10,000 pods of one Deployment to Running on 100 simulated nodes. It creates its own clusters in
// a temporary LKIND_HOME (kubelet profile `instant`) and deletes them. Figures only: nothing here
// passes or fails on time. BENCH_PODS / BENCH_NODES change the size of the last part.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../src/api/core-v1.js';
import { configFromKubeconfig } from '../src/client/config.js';
import { Client } from '../src/client/rest-client.js';
import { APPS, CORE } from '../src/client/resource.js';
import { Informer } from '../src/runtime/informer.js';
import { LKIND, run } from '../test/support/cluster.js';

const HOME = mkdtempSync(join(tmpdir(), 'lkind-bench-cluster-'));
const ENV = { ...process.env, LKIND_HOME: join(HOME, 'lkind'), LKIND_KUBELET_PROFILE: 'instant', HOME };
const PODS = Number(process.env.BENCH_PODS ?? 10_000);
const NODES = Number(process.env.BENCH_NODES ?? 100);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function createCluster(name: string, config?: string): Promise<{ client: Client; kubeconfig: string; createMs: number }> {
  const kubeconfig = join(HOME, `${name}.kubeconfig`);
  const args = ['create', 'cluster', '--name', name, '--kubeconfig', kubeconfig];
  if (config) {
    writeFileSync(join(HOME, `${name}.yaml`), config);
    args.push('--config', join(HOME, `${name}.yaml`));
  }
  const t = performance.now();
  const r = await run(process.execPath, [LKIND, ...args], ENV, { timeoutMs: 120_000 });
  const createMs = performance.now() - t;
  if (r.code !== 0) throw new Error(`lkind create failed:\n${r.stderr}`);
  return { client: new Client(await configFromKubeconfig({ kubeconfig })), kubeconfig, createMs };
}

function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function daemonPeakKiB(name: string): number {
  const pid = readFileSync(join(ENV.LKIND_HOME, 'clusters', name, 'daemon.pid'), 'utf8').trim();
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? NaN);
}

async function startupLatency(client: Client): Promise<void> {
  const created = new Map<string, number>();
  const latencies: number[] = [];
  const informer = new Informer<Pod>(client, CORE.pods, { namespace: 'default' }, {
    onUpdate: (p) => {
      const t0 = created.get(p.metadata.name ?? '');
      if (t0 !== undefined && isReady(p)) {
        latencies.push(performance.now() - t0);
        created.delete(p.metadata.name ?? '');
      }
    },
  });
  await informer.start();
  const total = 100;
  for (let i = 0; i < total; i++) {
    const name = `lat-${i}`;
    created.set(name, performance.now());
    await client.create(CORE.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await sleep(100);
  }
  for (let i = 0; i < 50 && latencies.length < total; i++) await sleep(100);
  informer.stop();
  console.log(`pod startup latency at 10 pods/s (${latencies.length}/${total} Ready): p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))}  (goal p99 < 100 ms)`);
}

function manyNodesConfig(n: number): string {
  return `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n${'  - role: worker\n'.repeat(n - 1)}`;
}

async function tenThousand(client: Client): Promise<void> {
  let running = 0;
  const seen = new Set<string>();
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => { done = r; });
  const count = (p: Pod) => {
    const key = p.metadata.name ?? '';
    if (p.status?.phase === 'Running' && !seen.has(key)) {
      seen.add(key);
      if (++running >= PODS) done();
    }
  };
  const informer = new Informer<Pod>(client, CORE.pods, { namespace: 'default' }, { onAdd: count, onUpdate: count });
  await informer.start();
  const t = performance.now();
  await client.create(APPS.deployments, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big', namespace: 'default' },
    spec: { replicas: PODS, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  const progress = setInterval(() => process.stderr.write(`  ${running}/${PODS} Running after ${((performance.now() - t) / 1000).toFixed(0)} s\n`), 5000);
  const timeout = sleep(300_000).then(() => 'timeout');
  const outcome = await Promise.race([finished.then(() => 'done'), timeout]);
  clearInterval(progress);
  const secs = (performance.now() - t) / 1000;
  informer.stop();
  const peak = daemonPeakKiB('bench-big');
  console.log(`${PODS} pods of one Deployment Running on ${NODES} nodes: ${outcome === 'done' ? `${secs.toFixed(1)} s` : `not reached in 300 s (${running} Running)`}  (goal < 30 s); cluster process peak RSS ${(peak / 1024).toFixed(0)} MiB`);
}

async function main(): Promise<void> {
  try {
    const small = await createCluster('bench-small');
    console.log(`cluster create-to-Ready (lkind create cluster, 1 node): ${ms(small.createMs)}  (goal < 1 s; kind ~30 s)`);
    await startupLatency(small.client);
    small.client.close();
    await run(process.execPath, [LKIND, 'delete', 'cluster', '--name', 'bench-small', '--kubeconfig', small.kubeconfig], ENV);
    const big = await createCluster('bench-big', manyNodesConfig(NODES));
    console.log(`cluster create-to-Ready (${NODES} nodes): ${ms(big.createMs)}`);
    await tenThousand(big.client);
    big.client.close();
    await run(process.execPath, [LKIND, 'delete', 'cluster', '--name', 'bench-big', '--kubeconfig', big.kubeconfig], ENV);
  } finally {
    rmSync(HOME, { recursive: true, force: true });
  }
}

await main();
