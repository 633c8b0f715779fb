// The tutorial's peering section, verbatim, with the real liqoctl, bash and kubectl against three
// lkind clusters with Liqo installed: the peer commands of Florence and Naples run on Venice, the
// foreignclusters table and the virtual nodes with their region labels, the incoming peering on
// Naples; bad peer commands fail clearly; unpeer removes the virtual nodes; peering again works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestCluster, daemonPid, eventually, run, type TestCluster } from '../../support/cluster.js';
import { LIQOCTL, liqoctl, TUTORIAL_KIND_CONFIG } from '../../support/liqo.js';

const REGIONS = { venice: 'north', florence: 'center', naples: 'south' } as const;
type Name = keyof typeof REGIONS;
const clusters = {} as Record<Name, TestCluster>;
let shell: NodeJS.ProcessEnv;

before(async () => {
  for (const name of Object.keys(REGIONS) as Name[]) {
    clusters[name] = await createTestCluster(name, [], {}, { config: TUTORIAL_KIND_CONFIG });
    const r = await liqoctl(clusters[name], ['install', 'kind', '--cluster-name', name, `--cluster-labels=topology.liqo.io/region=${REGIONS[name]}`]);
    assert.equal(r.code, 0, r.stderr);
  }
  // The tutorial's shell: `liqoctl` on the PATH, KUBECONFIG at Venice, the others in variables.
  const bin = join(clusters.venice.home, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'liqoctl'), `#!/bin/sh\nexec "${process.execPath}" "${LIQOCTL}" "$@"\n`);
  chmodSync(join(bin, 'liqoctl'), 0o755);
  shell = {
    ...clusters.venice.env, PATH: `${bin}:${process.env.PATH}`,
    KUBECONFIG_FLORENCE: clusters.florence.kubeconfig, KUBECONFIG_NAPLES: clusters.naples.kubeconfig,
  };
});
after(async () => { await Promise.all(Object.values(clusters).map((c) => c.destroy())); });

const bash = (script: string, timeoutMs = 240_000) => run('bash', ['-c', script], shell, { timeoutMs });

function table(out: string): string[][] {
  return out.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));
}

test('bad peer commands fail clearly, before anything is peered: plain http, wrong or reused token, wrong cluster ID, unreachable', async () => {
  const venice = clusters.venice;
  const florence = (await liqoctl(clusters.florence, ['generate', 'peer-command', '--only-command'])).stdout.trim().split(' ').slice(1);
  const naples = (await liqoctl(clusters.naples, ['generate', 'peer-command', '--only-command'])).stdout.trim().split(' ').slice(1);
  const flag = (cmd: string[], f: string) => cmd[cmd.indexOf(f) + 1]!;
  const replace = (cmd: string[], f: string, v: string) => cmd.map((a, i) => (cmd[i - 1] === f ? v : a));

  const http = await liqoctl(venice, [...replace(florence, '--auth-url', flag(florence, '--auth-url').replace('https://', 'http://')), '--timeout', '10s']);
  assert.equal(http.code, 1);
  assert.match(http.stderr, /ERRO  Failed peering clusters: .*spec.foreignAuthUrl/);
  assert.equal((await venice.ok(['get', 'foreignclusters', '-o', 'name'])).trim(), '', 'a refused ForeignCluster is not created');

  const reused = await liqoctl(venice, [...replace(florence, '--auth-token', flag(naples, '--auth-token')), '--timeout', '20s']);
  assert.equal(reused.code, 1);
  assert.match(reused.stderr, /ERRO  Authentication to the remote cluster "florence" failed: Cluster authentication denied by the remote cluster: invalid token/);

  const wrongID = await liqoctl(venice, [...replace(naples, '--cluster-id', '00000000-0000-4000-8000-000000000000').map((a) => (a === 'naples' ? 'wrong-id' : a)), '--timeout', '20s']);
  assert.equal(wrongID.code, 1);
  assert.match(wrongID.stderr, /ERRO  Authentication to the remote cluster "wrong-id" failed: The cluster at https:\/\/\S+ has cluster ID \S+, not 00000000-0000-4000-8000-000000000000/);

  const nowhere = await liqoctl(venice, [...replace(naples, '--auth-url', 'https://127.0.0.1:1').map((a) => (a === 'naples' ? 'nowhere' : a)), '--cluster-id', '11111111-1111-4111-8111-111111111111', '--timeout', '5s']);
  assert.equal(nowhere.code, 1);
  assert.match(nowhere.stderr, /ERRO  Authentication to the remote cluster "nowhere" failed: timed out waiting for the condition \(Cannot ensure identity: .*ECONNREFUSED/);

  for (const name of ['wrong-id', 'nowhere']) {
    const r = await liqoctl(venice, ['unpeer', 'out-of-band', name, '--timeout', '20s']);
    assert.equal(r.code, 0, r.stderr);
  }
  assert.equal((await venice.ok(['get', 'foreignclusters', '-o', 'name'])).trim(), 'foreigncluster.discovery.liqo.io/florence');
});

test('the tutorial: peer commands from Florence and Naples run on Venice; foreignclusters and virtual nodes as shown', async () => {
  const r = await bash(`set -e
PEER_FLORENCE=$(liqoctl generate peer-command --only-command --kubeconfig $KUBECONFIG_FLORENCE)
PEER_NAPLES=$(liqoctl generate peer-command --only-command --kubeconfig $KUBECONFIG_NAPLES)
echo "$PEER_FLORENCE" | bash
echo "$PEER_NAPLES" | bash`);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  for (const name of ['florence', 'naples']) {
    for (const line of ['Peering enabled', `Authenticated to cluster "${name}"`, `Outgoing peering activated to the remote cluster "${name}"`,
      `Network established to the remote cluster "${name}"`, `Node created for remote cluster "${name}"`]) {
      assert.ok(r.stdout.includes(` INFO  ${line}\n`), `missing "${line}" in:\n${r.stdout}`);
    }
  }
  assert.equal(r.stdout.match(/ INFO  Peering successfully established\n/g)?.length, 2);

  const fcs = table(await clusters.venice.ok(['get', 'foreignclusters']));
  assert.deepEqual(fcs[0], ['NAME', 'TYPE', 'OUTGOING PEERING', 'INCOMING PEERING', 'NETWORKING', 'AUTHENTICATION', 'AGE']);
  assert.deepEqual(fcs.slice(1).map((row) => row.slice(0, 6)), [
    ['florence', 'OutOfBand', 'Established', 'None', 'Established', 'Established'],
    ['naples', 'OutOfBand', 'Established', 'None', 'Established', 'Established'],
  ]);

  const nodes = table(await clusters.venice.ok(['get', 'node', '--selector=liqo.io/type=virtual-node', '--show-labels']));
  assert.deepEqual(nodes[0], ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'LABELS']);
  const ids = { florence: '', naples: '' };
  for (const name of ['florence', 'naples'] as const) {
    ids[name] = await clusters[name].ok(['get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'jsonpath={.data.CLUSTER_ID}']);
  }
  assert.deepEqual(nodes.slice(1).map((row) => [row[0], row[1], row[2]]), [['liqo-florence', 'Ready', 'agent'], ['liqo-naples', 'Ready', 'agent']]);
  assert.match(nodes[1]![5]!, new RegExp(`liqo.io/remote-cluster-id=${ids.florence}`));
  assert.match(nodes[1]![5]!, /liqo.io\/type=virtual-node/);
  assert.match(nodes[1]![5]!, /topology.liqo.io\/region=center/);
  assert.match(nodes[2]![5]!, /topology.liqo.io\/region=south/);

  const onNaples = table(await clusters.naples.ok(['get', 'foreignclusters']));
  assert.deepEqual(onNaples.slice(1).map((row) => row.slice(0, 6)), [['venice', 'OutOfBand', 'None', 'Established', 'Established', 'Established']]);
});

test('unpeer removes the virtual nodes and the ForeignClusters; on Naples the incoming peering ends; peering again works', async () => {
  // A pod on a virtual node is drained with it.
  await clusters.venice.ok(['run', 'offloaded', '--image=nginx', '--overrides', '{"spec":{"nodeName":"liqo-naples","tolerations":[{"operator":"Exists"}]}}']);
  const r = await bash('liqoctl unpeer out-of-band florence && liqoctl unpeer out-of-band naples');
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, / INFO  Outgoing peering marked as disabled\n/);
  assert.match(r.stdout, / INFO  Successfully disabled outgoing peering to the remote cluster "naples"\n/);
  assert.match(r.stdout, / INFO  Foreign cluster resource successfully removed\n/);
  assert.equal((await clusters.venice.ok(['get', 'node', '--selector=liqo.io/type=virtual-node', '-o', 'name'])).trim(), '');
  assert.match((await clusters.venice.kubectl(['get', 'pod', 'offloaded'])).stderr, /pods "offloaded" not found/);
  assert.equal((await clusters.venice.ok(['get', 'foreignclusters', '-o', 'name'])).trim(), '');
  await eventually(async () => (await clusters.naples.ok(['get', 'foreignclusters', '-o', 'name'])).trim() === '', 60_000, 1000);

  const again = await bash('PEER_NAPLES=$(liqoctl generate peer-command --only-command --kubeconfig $KUBECONFIG_NAPLES) && echo "$PEER_NAPLES" | bash');
  assert.equal(again.code, 0, `${again.stdout}\n${again.stderr}`);
  assert.match(await clusters.venice.ok(['get', 'node', 'liqo-naples']), /liqo-naples +Ready +agent/);
  assert.equal((await clusters.venice.ok(['get', 'foreignclusters', '-o', 'name'])).trim(), 'foreigncluster.discovery.liqo.io/naples');
});

test('kill -9 of Naples: liqo-naples goes NotReady within 40 s, Ready again after Naples restarts, nothing duplicated', async () => {
  const venice = clusters.venice;
  const ready = async () => (await venice.ok(['get', 'node', 'liqo-naples', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).trim();
  assert.equal(await ready(), 'True');
  const pid = daemonPid(clusters.naples);
  process.kill(pid, 'SIGKILL');
  const killedAt = Date.now();
  await eventually(async () => (await ready()) !== 'True', 40_000, 500);
  assert.ok(Date.now() - killedAt <= 40_000);
  const started = await clusters.naples.lkind(['start', 'cluster', '--name', 'naples']);
  assert.equal(started.code, 0, started.stderr);
  await eventually(async () => (await ready()) === 'True', 90_000, 1000);

  assert.equal((await venice.ok(['get', 'foreignclusters', '-o', 'name'])).trim(), 'foreigncluster.discovery.liqo.io/naples');
  assert.equal((await venice.ok(['get', 'nodes', '--selector=liqo.io/type=virtual-node', '-o', 'name'])).trim(), 'node/liqo-naples');
  const tenant = await venice.ok(['get', 'foreignclusters', 'naples', '-o', 'jsonpath={.status.tenantNamespace.local}']);
  assert.equal((await venice.ok(['get', 'secrets', '-n', tenant, '-l', 'discovery.liqo.io/identity=true', '-o', 'name'])).trim().split('\n').length, 1);
  assert.equal((await clusters.naples.ok(['get', 'foreignclusters', '-o', 'name'])).trim(), 'foreigncluster.discovery.liqo.io/venice');
});
