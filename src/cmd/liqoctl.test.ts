import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIQOCTL = new URL('../../bin/liqoctl.mjs', import.meta.url).pathname;
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const liqoctl = (...args: string[]) => spawnSync(process.execPath, [LIQOCTL, ...args], { encoding: 'utf8' });

test('liqoctl version prints the package version', () => {
  const r = liqoctl('version');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `Client version: v${VERSION}\n`);
});

test('liqoctl --help lists the commands; the missing ones fail clearly, whatever their flags', () => {
  const help = liqoctl('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /peer \[options\] \[cluster-name\] +Enable a peering/);
  assert.match(help.stdout, /install\|upgrade \[options\] \[provider\] +Install\/upgrade Liqo/);
  const offload = liqoctl('offload', 'namespace', 'liqo-demo', '--pod-offloading-strategy', 'LocalAndRemote');
  assert.equal(offload.status, 1);
  assert.equal(offload.stderr, 'ERROR: "liqoctl offload" is not implemented yet in liqo-ts\n');
});
