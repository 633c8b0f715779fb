// The tutorial's setup with the real liqoctl and kubectl: three lkind clusters from the tutorial's
// kind config, `liqoctl install kind` with the region labels on each, every component Running,
// `liqoctl status` showing identity, labels and networks; bad input refused before anything is
// written; install again upgrades in place; uninstall refuses while a peering is active, keeps
// the CRDs, `--purge` removes them, and a fresh install works afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';
import { clusterProcesses, httpsGet, liqoctl, TUTORIAL_KIND_CONFIG } from '../../support/liqo.js';

const REGIONS = { venice: 'north', florence: 'center', naples: 'south' } as const;
type Name = keyof typeof REGIONS;
const clusters = {} as Record<Name, TestCluster>;

before(async () => {
  for (const name of Object.keys(REGIONS) as Name[]) clusters[name] = await createTestCluster(name, [], {}, { config: TUTORIAL_KIND_CONFIG });
});
after(async () => { await Promise.all(Object.values(clusters).map((c) => c.destroy())); });

const INSTALL_LINES = [
  ' INFO  Installer initialized',
  ' INFO  Cluster configuration correctly retrieved',
  ' INFO  Installation parameters correctly generated',
  ' INFO  All Set! You can now proceed establishing a peering (liqoctl peer --help for more information)',
  ' INFO  Make sure to use the same version of Liqo on all remote clusters',
];

const COMPONENTS = ['liqo-auth', 'liqo-controller-manager', 'liqo-crd-replicator', 'liqo-gateway', 'liqo-network-manager'];

async function runningComponents(c: TestCluster): Promise<string[]> {
  const out = await c.ok(['get', 'pods', '-n', 'liqo', '--no-headers']);
  return out.trim().split('\n').filter((l) => / 1\/1 +Running /.test(l)).map((l) => l.split(/\s+/)[0]!.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')).sort();
}

test('bad input is refused with a clear message, exit 1, and nothing written', async () => {
  const c = clusters.naples;
  const cases: [string[], RegExp][] = [
    [['install', 'kind', '--cluster-name', 'Naples_1'], /ERRO  the cluster name may only contain lowercase letters, numbers and hyphens, and must not be no longer than 63 characters/],
    [['install', 'kind', '--cluster-labels', 'region'], /invalid value region/],
    [['install', 'kind', '--cluster-labels', 'a/b/c=south'], /ERRO  invalid cluster label key "a\/b\/c"/],
    [['install', 'kind', '--sharing-percentage', '120'], /must be an integer between 0 and 100/],
    [['install', 'minikube'], /ERRO  unknown provider "minikube": choose one of kind, k3s, kubeadm, or none for a generic install/],
    [['install'], /ERRO  --pod-cidr and --service-cidr must be set for a generic install/],
    [['install', '--pod-cidr', '10.200.0.0/16', '--service-cidr', '10.300.0.0/12'], /ERRO  invalid CIDR address: 10.300.0.0\/12/],
    [['install', '--pod-cidr', '10.200.0.0/16', '--service-cidr', '10.96.0.0/12', '--cluster-name', 'naples'],
      /ERRO  service "default\/kubernetes" does not match the provided Service CIDR \(IP: 10.80.0.1, Service CIDR: 10.96.0.0\/12\)/],
    [['status'], /ERRO  Liqo is not installed in namespace liqo/],
  ];
  for (const [args, message] of cases) {
    const r = await liqoctl(c, args);
    assert.equal(r.code, 1, `liqoctl ${args.join(' ')} should fail:\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, `liqoctl ${args.join(' ')}`);
  }
  const unreachable = await liqoctl(c, ['install', 'kind', '--cluster-name', 'naples', '--context', 'nope']);
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /ERRO  cannot load the kubeconfig: context "nope" does not exist/);
  const stopped = c.write('stopped.kubeconfig', readFileSync(c.kubeconfig, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1'));
  const down = await liqoctl(c, ['install', 'kind', '--cluster-name', 'naples', '--kubeconfig', stopped]);
  assert.equal(down.code, 1);
  assert.match(down.stderr, /ERRO  the cluster is unreachable \(connect ECONNREFUSED 127.0.0.1:1\): check the kubeconfig and that the cluster is running/);
  const ns = await c.kubectl(['get', 'namespace', 'liqo']);
  assert.match(ns.stderr, /namespaces "liqo" not found/);
  assert.equal((await c.ok(['get', 'crd', '-o', 'name'])).trim(), '');
});

test('--only-output-values writes the values, --dry-run checks the manifests: neither touches the cluster', async () => {
  const c = clusters.naples;
  const values = `${c.home}/values.yaml`;
  const only = await liqoctl(c, ['install', 'kind', '--cluster-name', 'naples', '--cluster-labels=topology.liqo.io/region=south', '--only-output-values', '--dump-values-path', values]);
  assert.equal(only.code, 0, only.stderr);
  assert.match(only.stdout, / INFO  All Set! Chart values written in ".*values.yaml"\n$/);
  const written = parse(readFileSync(values, 'utf8')) as Record<string, unknown>;
  assert.equal(written.clusterName, 'naples');
  assert.deepEqual(written.clusterLabels, { 'topology.liqo.io/region': 'south', 'liqo.io/provider': 'kind' });
  assert.equal(written.podCIDR, '10.200.0.0/16');
  assert.equal(written.serviceCIDR, '10.80.0.0/12');
  const dry = await liqoctl(c, ['install', 'kubeadm', '--cluster-name', 'naples', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, / INFO  Dry run completed: the installation would succeed\n$/);
  assert.match((await c.kubectl(['get', 'namespace', 'liqo'])).stderr, /not found/);
  assert.equal((await c.ok(['get', 'crd', '-o', 'name'])).trim(), '');
});

test('liqoctl install kind on the three clusters: the installer lines, every component Running', async () => {
  for (const [name, region] of Object.entries(REGIONS) as [Name, string][]) {
    const r = await liqoctl(clusters[name], ['install', 'kind', '--cluster-name', name, `--cluster-labels=topology.liqo.io/region=${region}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), INSTALL_LINES);
    assert.deepEqual(await runningComponents(clusters[name]), COMPONENTS);
  }
  const cm = await clusters.venice.ok(['get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'jsonpath={.data.CLUSTER_NAME} {.data.CLUSTER_ID}']);
  assert.match(cm, /^venice [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const auth = await clusters.venice.ok(['get', 'service', '-n', 'liqo', 'liqo-auth', '-o', 'jsonpath={.spec.type}']);
  assert.equal(auth, 'NodePort');
});

test('liqoctl status shows the control plane, the identity, the labels and the networks', async () => {
  for (const [name, region] of Object.entries(REGIONS) as [Name, string][]) {
    const out = await eventually(async () => {
      // As the tutorial runs it: `liqoctl status`, `liqoctl --kubeconfig $KUBECONFIG_FLORENCE status`.
      const args = name === 'venice' ? ['status'] : ['--kubeconfig', clusters[name].kubeconfig, 'status'];
      const r = await liqoctl(clusters[name], args);
      return r.code === 0 && /External CIDR/.test(r.stdout) ? r.stdout : undefined;
    }, 30_000, 500);
    assert.match(out, /✔ liqo control plane namespace liqo exists/);
    assert.match(out, /✔ control plane pods are up and running/);
    assert.match(out, /Cluster ID: [0-9a-f-]{36}/);
    assert.match(out, new RegExp(`Cluster Name: ${name}\\b`));
    assert.match(out, new RegExp(`topology.liqo.io/region: ${region}\\b`));
    assert.match(out, /liqo.io\/provider: kind\b/);
    assert.match(out, /Pod CIDR: 10.200.0.0\/16\b/);
    assert.match(out, /Service CIDR: 10.80.0.0\/12\b/);
    assert.match(out, /External CIDR: 10.201.0.0\/16\b/);
  }
});

test('install again upgrades in place: the same cluster ID, new labels; the manifests pass a server dry run', async () => {
  const c = clusters.florence;
  const id = () => c.ok(['get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'jsonpath={.data.CLUSTER_ID}']);
  const before = await id();
  const r = await liqoctl(c, ['upgrade', 'kind', '--cluster-labels=topology.liqo.io/region=center,tier=gold']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await id(), before);
  const status = await eventually(async () => {
    const s = await liqoctl(c, ['status']);
    return s.code === 0 && /tier: gold/.test(s.stdout) ? s.stdout : undefined;
  }, 30_000, 500);
  assert.match(status, /Cluster Name: florence\b/);
  const dry = await c.kubectl(['apply', '--dry-run=server', '-f', 'deploy/']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /deployment.apps\/liqo-auth (configured|unchanged) \(server dry run\)/);
});

test('uninstall refuses while a peering is active, keeps the CRDs, --purge removes them, a fresh install works', async () => {
  const c = clusters.naples;
  // A real peering: Venice consumes from Naples.
  const command = (await liqoctl(c, ['generate', 'peer-command', '--only-command'])).stdout.trim().split(' ').slice(1);
  const peered = await liqoctl(clusters.venice, command);
  assert.equal(peered.code, 0, `${peered.stdout}${peered.stderr}`);
  const peers = await liqoctl(c, ['status', 'peer']);
  assert.equal(peers.code, 0, peers.stderr);
  assert.match(peers.stdout, /Peered Cluster Information[\s\S]*venice - [0-9a-f-]{36}[\s\S]*Direction: Incoming[\s\S]*Auth URL: https:\/\/127\.\d+\.\d+\.255:\d+/);
  assert.match((await liqoctl(c, ['status', 'peer', 'florence'])).stderr, /ERRO  no peering with "florence"/);

  const refused = await liqoctl(c, ['uninstall']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /ERRO  Pre-uninstall checks failed: you should:\n +disable incoming peering for clusters:\n +- venice\n/);
  const onVenice = await liqoctl(clusters.venice, ['uninstall']);
  assert.equal(onVenice.code, 1);
  assert.match(onVenice.stderr, /disable outgoing peering for clusters:\n +- naples\n +disable networking for clusters:\n +- naples\n/);
  assert.deepEqual(await runningComponents(c), COMPONENTS, 'a refused uninstall leaves everything in place');
  const unpeered = await liqoctl(clusters.venice, ['unpeer', 'out-of-band', 'naples']);
  assert.equal(unpeered.code, 0, unpeered.stderr);
  await eventually(async () => (await c.ok(['get', 'foreignclusters', '-o', 'name'])).trim() === '', 60_000, 1000);

  const r = await liqoctl(c, ['uninstall']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trimEnd().split('\n'), [' INFO  Pre-uninstall checks passed', ' INFO  Liqo uninstalled']);
  assert.equal((await c.ok(['get', 'pods', '-n', 'liqo', '-o', 'name'])).trim(), '');
  assert.match(await c.ok(['get', 'crd', '-o', 'name']), /foreignclusters.discovery.liqo.io/);

  const purged = await liqoctl(c, ['uninstall', '--purge']);
  assert.equal(purged.code, 0, purged.stderr);
  assert.deepEqual(purged.stdout.trimEnd().split('\n').slice(2), [' INFO  Liqo CRDs purged', ' INFO  Liqo namespaces deleted']);
  assert.equal((await c.ok(['get', 'crd', '-o', 'name'])).trim(), '');
  assert.match((await c.kubectl(['get', 'namespace', 'liqo'])).stderr, /not found/);

  const again = await liqoctl(c, ['install', 'kind', '--cluster-name', 'naples', '--cluster-labels=topology.liqo.io/region=south']);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await runningComponents(c), COMPONENTS);
});

test('generate peer-command prints the command that peers with this cluster', async () => {
  const c = clusters.florence;
  const id = await c.ok(['get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'jsonpath={.data.CLUSTER_ID}']);
  const nodePort = await c.ok(['get', 'service', '-n', 'liqo', 'liqo-auth', '-o', 'jsonpath={.spec.ports[0].nodePort}']);
  const token = Buffer.from(await c.ok(['get', 'secret', '-n', 'liqo', 'auth-token', '-o', 'jsonpath={.data.token}']), 'base64').toString();
  const nodeIP = await c.ok(['get', 'node', 'florence-control-plane', '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}']);
  assert.match(nodeIP, /^127\.\d+\.\d+\.255$/, 'each cluster\'s nodes have their own loopback address');
  const only = await liqoctl(c, ['generate', 'peer-command', '--only-command']);
  assert.equal(only.code, 0, only.stderr);
  assert.equal(only.stdout, `liqoctl peer out-of-band florence --auth-url https://${nodeIP}:${nodePort} --cluster-id ${id} --auth-token ${token}\n`);
  assert.match(token, /^[0-9a-f]{128}$/);
  const full = await liqoctl(c, ['generate', 'peer-command']);
  assert.match(full.stdout, /^ INFO  Peering information correctly retrieved\n\nExecute this command on a \*different\* cluster to enable an outgoing peering with the current cluster:\n\nliqoctl peer out-of-band florence /);
});

test('components are real processes: kubectl logs shows their log, a killed one restarts (RESTARTS 1) and serves again', async () => {
  const c = clusters.venice;
  const logs = await c.ok(['logs', '-n', 'liqo', 'deployment/liqo-network-manager']);
  assert.match(logs, /liqo-network-manager\] pod CIDR 10.200.0.0\/16, service CIDR 10.80.0.0\/12, external CIDR 10.201.0.0\/16/);
  const nodePort = await c.ok(['get', 'service', '-n', 'liqo', 'liqo-auth', '-o', 'jsonpath={.spec.ports[0].nodePort}']);
  const nodeIP = await c.ok(['get', 'node', 'venice-control-plane', '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}']);
  const ids = await httpsGet(`https://${nodeIP}:${nodePort}/ids`);
  assert.equal(ids.status, 200);
  assert.equal(JSON.parse(ids.body).clusterName, 'venice');

  const [pid, ...others] = clusterProcesses(c, /liqo\.mjs auth /);
  assert.ok(pid && others.length === 0, 'one auth process');
  process.kill(pid, 'SIGKILL');
  await eventually(async () => {
    const out = await c.ok(['get', 'pods', '-n', 'liqo', '-l', 'app.kubernetes.io/name=auth', '--no-headers']);
    return / 1\/1 +Running +1 /.test(out);
  }, 30_000, 300);
  const again = await eventually(async () => {
    const r = await httpsGet(`https://${nodeIP}:${nodePort}/ids`).catch(() => undefined);
    return r?.status === 200 ? r : undefined;
  }, 20_000, 300);
  assert.equal(JSON.parse(again.body).clusterName, 'venice');
  assert.match(await c.ok(['logs', '-n', 'liqo', 'deployment/liqo-auth', '--previous']), /auth service of cluster venice/);
});
