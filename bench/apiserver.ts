// Prints, in one run: GET, LIST (100 and 1000 objects) and CREATE throughput with p50/p99,
// create→watch-event latency, p99 of writes paced at 500/s, GET throughput as a ratio to a bare
// node:https server returning the same bytes, the cost of RBAC (GET as a user bound to `view` vs the
// admin) and of one mutating webhook on pod creation, and the cluster process's memory per 10,000
// stored pods. It creates its own lkind cluster in a temporary LKIND_HOME and deletes it afterwards.
// Figures only: nothing here passes or fails on time.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createClientCertificate } from '../src/machinery/pki.js';
import { run, LKIND } from '../test/support/cluster.js';
import { jsonPatch, startWebhookServer } from '../test/support/webhook-server.js';

interface Conn { host: string; port: number; ca: string; cert: string; key: string; agent: Agent }

function connect(kubeconfig: string, sockets = 16): Conn {
  const kc = parse(readFileSync(kubeconfig, 'utf8'));
  const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  const url = new URL(kc.clusters[0].cluster.server);
  return {
    host: url.hostname, port: Number(url.port), ca: b64(kc.clusters[0].cluster['certificate-authority-data']),
    cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data']),
    agent: new Agent({ keepAlive: true, maxSockets: sockets }),
  };
}

function call(c: Conn, method: string, path: string, body?: string, port = c.port): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: c.host, port, method, path, ca: c.ca, cert: c.cert, key: c.key, agent: c.agent,
      headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `total` requests with `concurrency` in flight; returns ops/s and latency percentiles (ms). */
async function load(total: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const lat: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      await op(i);
      lat.push(performance.now() - t);
    }
  }));
  const secs = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return { rate: total / secs, p50: pct(lat, 50), p99: pct(lat, 99) };
}

const fmt = (r: { rate: number; p50: number; p99: number }) =>
  `${r.rate.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`;

function configMap(name: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { bench: 'yes' } }, data: { key: 'x'.repeat(200) } });
}

async function ensureNamespace(c: Conn, name: string) {
  await call(c, 'POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name } }));
}

async function fill(c: Conn, ns: string, count: number) {
  await ensureNamespace(c, ns);
  await load(count, 8, (i) => call(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, configMap(`cm-${i}`)));
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0);
}

async function bareServer(c: Conn, body: string): Promise<{ port: number; stop: () => void }> {
  const script = `
    const https = require('node:https');
    const body = ${JSON.stringify(body)};
    const s = https.createServer({ cert: process.env.CERT, key: process.env.KEY }, (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const dir = process.env.BENCH_CLUSTER_DIR!;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, CERT: readFileSync(join(dir, 'pki/apiserver.crt'), 'utf8'), KEY: readFileSync(join(dir, 'pki/apiserver.key'), 'utf8') },
  });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  return { port, stop: () => child.kill() };
}

async function watchLatency(c: Conn, samples: number): Promise<{ p50: number; p99: number }> {
  const ns = 'bench-watch';
  await ensureNamespace(c, ns);
  const sent = new Map<string, number>();
  const lat: number[] = [];
  const rv = JSON.parse((await call(c, 'GET', `/api/v1/namespaces/${ns}/configmaps`)).body).metadata.resourceVersion;
  const done = new Promise<void>((resolve) => {
    const req = request({ host: c.host, port: c.port, path: `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${rv}`, ca: c.ca, cert: c.cert, key: c.key }, (res) => {
      let buf = '';
      res.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const ev = JSON.parse(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          const t = sent.get(ev.object.metadata.name);
          if (t !== undefined) lat.push(performance.now() - t);
          if (lat.length === samples) { req.destroy(); resolve(); }
        }
      });
    });
    req.end();
  });
  await new Promise((r) => setTimeout(r, 200));
  for (let i = 0; i < samples; i++) {
    const name = `w-${i}`;
    sent.set(name, performance.now());
    await call(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, configMap(name));
    await new Promise((r) => setTimeout(r, 10));
  }
  await done;
  lat.sort((a, b) => a - b);
  return { p50: pct(lat, 50), p99: pct(lat, 99) };
}

async function pacedWrites(c: Conn, perSecond: number, seconds: number) {
  const ns = 'bench-paced';
  await ensureNamespace(c, ns);
  const lat: number[] = [];
  const total = perSecond * seconds;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = performance.now();
    inflight.push(call(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, configMap(`p-${i}`)).then(() => { lat.push(performance.now() - t); }));
  }
  await Promise.all(inflight);
  lat.sort((a, b) => a - b);
  return { achieved: total / ((performance.now() - start) / 1000), p50: pct(lat, 50), p99: pct(lat, 99) };
}

function pod(name: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'bench' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } });
}

/** The same connection with a client certificate for `user`, signed by the cluster CA. */
async function connectAs(c: Conn, user: string): Promise<Conn> {
  const dir = process.env.BENCH_CLUSTER_DIR!;
  const ca = { cert: readFileSync(join(dir, 'pki/ca.crt'), 'utf8'), key: readFileSync(join(dir, 'pki/ca.key'), 'utf8') };
  const cred = await createClientCertificate(ca, { user });
  return { ...c, cert: cred.cert, key: cred.key, agent: new Agent({ keepAlive: true, maxSockets: 16 }) };
}

/** GET as the admin (system:masters) vs as a user whose access comes from a RoleBinding to `view`. */
async function authorizationCost(c: Conn, getPath: string) {
  await call(c, 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/bench-100/rolebindings', JSON.stringify({
    metadata: { name: 'bench-viewer' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bench-viewer' }],
  }));
  const viewer = await connectAs(c, 'bench-viewer');
  try {
    const status = (await call(viewer, 'GET', getPath)).status;
    if (status !== 200) throw new Error(`GET as bench-viewer returned ${status}`);
    const admin = await load(20_000, 16, () => call(c, 'GET', getPath));
    const user = await load(20_000, 16, () => call(viewer, 'GET', getPath));
    return { admin, user };
  } finally {
    viewer.agent.destroy();
  }
}

/** Pod creation in a namespace without webhooks vs one where a mutating webhook adds a label. */
async function webhookCost(c: Conn, count: number) {
  const hooks = await startWebhookServer(() => jsonPatch([{ op: 'add', path: '/metadata/labels/mutated', value: 'yes' }]));
  try {
    await ensureNamespace(c, 'bench-plain');
    await ensureNamespace(c, 'bench-hooked');
    await call(c, 'POST', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', JSON.stringify({
      metadata: { name: 'bench' },
      webhooks: [{
        name: 'bench.liqo-ts.test', sideEffects: 'None', admissionReviewVersions: ['v1'],
        clientConfig: { url: hooks.url('/mutate'), caBundle: hooks.caBundle },
        rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'bench-hooked' } },
      }],
    }));
    const plain = await load(count, 8, (i) => call(c, 'POST', '/api/v1/namespaces/bench-plain/pods', pod(`pod-${i}`)));
    const hooked = await load(count, 8, (i) => call(c, 'POST', '/api/v1/namespaces/bench-hooked/pods', pod(`pod-${i}`)));
    if (hooks.requests.length !== count) throw new Error(`the webhook saw ${hooks.requests.length} of ${count} pods`);
    return { plain, hooked };
  } finally {
    await hooks.close();
  }
}

async function main() {
  const home = mkdtempSync(join(tmpdir(), 'lkind-bench-'));
  const env = { ...process.env, LKIND_HOME: home, HOME: home };
  const kubeconfig = join(home, 'kubeconfig');
  const created = await run(process.execPath, [LKIND, 'create', 'cluster', '--name', 'bench', '--kubeconfig', kubeconfig], env, { timeoutMs: 120_000 });
  if (created.code !== 0) throw new Error(created.stderr);
  process.env.BENCH_CLUSTER_DIR = join(home, 'clusters', 'bench');
  const pid = Number(readFileSync(join(home, 'clusters', 'bench', 'daemon.pid'), 'utf8'));
  const c = connect(kubeconfig);
  try {
    console.log(`lkind API server benchmark (node ${process.version}, client and server on the same 2-core machine)\n`);
    await fill(c, 'bench-100', 100);
    await fill(c, 'bench-1000', 1000);
    const create = await load(2000, 8, (i) => call(c, 'POST', '/api/v1/namespaces/bench-1000/configmaps', configMap(`c-${i}`)));
    console.log(`CREATE configmap      ${fmt(create)}   (concurrency 8)`);
    const getPath = '/api/v1/namespaces/bench-100/configmaps/cm-7';
    const get = await load(20_000, 16, () => call(c, 'GET', getPath));
    console.log(`GET configmap         ${fmt(get)}   (concurrency 16)`);
    const list100 = await load(2000, 8, () => call(c, 'GET', '/api/v1/namespaces/bench-100/configmaps'));
    console.log(`LIST 100 configmaps   ${fmt(list100)}`);
    const list1000 = await load(300, 4, () => call(c, 'GET', '/api/v1/namespaces/bench-1000/configmaps?limit=1000'));
    console.log(`LIST 1000 configmaps  ${fmt(list1000)}`);
    const body = (await call(c, 'GET', getPath)).body;
    const bare = await bareServer(c, body);
    const bareGet = await load(20_000, 16, () => call(c, 'GET', '/', undefined, bare.port));
    bare.stop();
    console.log(`GET bare node:https   ${fmt(bareGet)}`);
    console.log(`GET ratio to bare     ${(get.rate / bareGet.rate).toFixed(2)}  (goal >= 0.5)`);
    const authz = await authorizationCost(c, getPath);
    console.log(`GET as admin          ${fmt(authz.admin)}   (system:masters)`);
    console.log(`GET as RBAC user      ${fmt(authz.user)}   (RoleBinding to view; ratio ${(authz.user.rate / authz.admin.rate).toFixed(2)})`);
    const hook = await webhookCost(c, 1000);
    console.log(`CREATE pod            ${fmt(hook.plain)}   (no webhook)`);
    console.log(`CREATE pod + webhook  ${fmt(hook.hooked)}   (one mutating webhook; ratio ${(hook.hooked.rate / hook.plain.rate).toFixed(2)})`);
    const w = await watchLatency(c, 300);
    console.log(`watch delivery        create→event p50 ${w.p50.toFixed(2)} ms   p99 ${w.p99.toFixed(2)} ms`);
    const paced = await pacedWrites(c, 500, 5);
    console.log(`writes at 500/s       achieved ${paced.achieved.toFixed(0)}/s   p50 ${paced.p50.toFixed(2)} ms   p99 ${paced.p99.toFixed(2)} ms  (goal p99 < 10 ms)`);
    await ensureNamespace(c, 'bench-pods');
    const before = rssKiB(pid);
    const pods = await load(10_000, 8, (i) => call(c, 'POST', '/api/v1/namespaces/bench-pods/pods', pod(`pod-${i}`)));
    const after = rssKiB(pid);
    console.log(`CREATE 10,000 pods    ${fmt(pods)}`);
    console.log(`memory                RSS ${(before / 1024).toFixed(0)} MiB → ${(after / 1024).toFixed(0)} MiB: ${((after - before) / 1024).toFixed(0)} MiB per 10,000 stored pods`);
  } finally {
    c.agent.destroy();
    await run(process.execPath, [LKIND, 'delete', 'cluster', '--name', 'bench', '--kubeconfig', kubeconfig], env);
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
