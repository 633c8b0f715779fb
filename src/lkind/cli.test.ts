// The lkind CLI as a user runs it (bin/lkind.mjs in a child process), for everything that needs
// no cluster process: listing, errors, idempotent delete, stop of a dead cluster.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LKIND = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'lkind.mjs');

interface Result { code: number | null; stdout: string; stderr: string }

function lkind(home: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Result> {
  const { LKIND_CLUSTER_NAME: _ignored, ...inherited } = process.env;
  const env = { ...inherited, HOME: home, LKIND_HOME: join(home, 'lkind'), KUBECONFIG: join(home, 'kubeconfig'), NO_COLOR: '1', ...extraEnv };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LKIND, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'lkind-cli-'));
}

/** A cluster directory as `create` leaves it, without a running process. */
function fakeCluster(home: string, name: string, pid?: number): string {
  const dir = join(home, 'lkind', 'clusters', name);
  mkdirSync(dir, { recursive: true });
  const config = { name, host: '127.0.0.1', port: 1, podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16',
    nodes: [{ name: `${name}-control-plane`, role: 'control-plane', labels: {} }], kubernetesVersion: 'v1.32.0', createdAt: '' };
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify(config));
  writeFileSync(join(dir, 'kubeconfig'), `current-context: lkind-${name}\n`);
  if (pid !== undefined) writeFileSync(join(dir, 'daemon.pid'), `${pid}\n`);
  return dir;
}

describe('lkind CLI', { concurrency: true }, () => {
  test('get clusters with an empty LKIND_HOME prints kind\'s message on stderr', async () => {
    const home = tempHome();
    const r = await lkind(home, ['get', 'clusters']);
    rmSync(home, { recursive: true, force: true });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: 'No lkind clusters found.\n' });
  });

  test('get clusters lists cluster directories, sorted, one per line', async () => {
    const home = tempHome();
    fakeCluster(home, 'zeta');
    fakeCluster(home, 'alpha');
    mkdirSync(join(home, 'lkind', 'clusters', 'half-created'));
    const r = await lkind(home, ['get', 'clusters']);
    const kc = await lkind(home, ['get', 'kubeconfig', '--name', 'zeta']);
    rmSync(home, { recursive: true, force: true });
    assert.deepEqual(r, { code: 0, stdout: 'alpha\nzeta\n', stderr: '' });
    assert.equal(kc.stdout, 'current-context: lkind-zeta\n');
  });

  test('delete of a missing cluster succeeds like kind and cleans its kubeconfig entries', async () => {
    const home = tempHome();
    writeFileSync(join(home, 'kubeconfig'), 'apiVersion: v1\nkind: Config\ncurrent-context: lkind-gone\ncontexts:\n- name: lkind-gone\n  context: {}\n- name: other\n  context: {}\n');
    const r = await lkind(home, ['delete', 'cluster', '--name', 'gone']);
    const kubeconfig = readFileSync(join(home, 'kubeconfig'), 'utf8');
    rmSync(home, { recursive: true, force: true });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: 'Deleting cluster "gone" ...\n' });
    assert.doesNotMatch(kubeconfig, /lkind-gone/);
    assert.match(kubeconfig, /name: other/);
  });

  test('create refuses bad names and existing clusters with kind\'s errors', async () => {
    const home = tempHome();
    fakeCluster(home, 'taken');
    const bad = await lkind(home, ['create', 'cluster', '--name', 'Not_Valid']);
    const taken = await lkind(home, ['create', 'cluster', '--name', 'taken']);
    const badConfig = await lkind(home, ['create', 'cluster', '--config', join(home, 'missing.yaml')]);
    const created = existsSync(join(home, 'lkind', 'clusters', 'Not_Valid'));
    rmSync(home, { recursive: true, force: true });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^ERROR: failed to create cluster: 'Not_Valid' is not a valid cluster name/);
    assert.equal(created, false);
    assert.deepEqual(taken, { code: 1, stdout: '', stderr: 'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "taken"\n' });
    assert.match(badConfig.stderr, /^ERROR: failed to create cluster: error reading file: ENOENT/);
  });

  test('commands on a missing cluster fail with kind\'s message; stop of a dead cluster is a no-op', async () => {
    const home = tempHome();
    const dir = fakeCluster(home, 'dead', 2 ** 22 + 12345); // above pid_max's default: no such process
    const missing = await lkind(home, ['get', 'kubeconfig', '--name', 'nope']);
    const stop = await lkind(home, ['stop', 'cluster', '--name', 'dead']);
    const pidLeft = existsSync(join(dir, 'daemon.pid'));
    rmSync(home, { recursive: true, force: true });
    assert.deepEqual(missing, {
      code: 1, stdout: '',
      stderr: "ERROR: could not locate any control plane nodes for cluster named 'nope'. Use the --name option to select a different cluster\n",
    });
    assert.deepEqual(stop, { code: 0, stdout: '', stderr: 'Stopping cluster "dead" ...\nCluster "dead" is not running.\n' });
    assert.equal(pidLeft, false);
  });

  test('LKIND_CLUSTER_NAME names the cluster when --name is absent', async () => {
    const home = tempHome();
    fakeCluster(home, 'fromenv');
    const r = await lkind(home, ['get', 'nodes'], { LKIND_CLUSTER_NAME: 'fromenv' });
    rmSync(home, { recursive: true, force: true });
    assert.deepEqual(r, { code: 0, stdout: 'fromenv-control-plane\n', stderr: '' });
  });
});
