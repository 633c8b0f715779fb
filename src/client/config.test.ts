import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inClusterConfig } from './config.js';

test('in-cluster configuration comes from the service environment and the mounted token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-'));
  writeFileSync(join(dir, 'token'), 'abc.def.ghi\n');
  writeFileSync(join(dir, 'ca.crt'), '-----BEGIN CERTIFICATE-----\n');
  const cfg = inClusterConfig({ KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' }, dir);
  assert.equal(cfg.server, 'https://10.96.0.1:443');
  assert.deepEqual(cfg.headers, { Authorization: 'Bearer abc.def.ghi' });
  assert.equal(String(cfg.ca), '-----BEGIN CERTIFICATE-----\n');
  assert.equal(inClusterConfig({ KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443' }, dir).server, 'https://[fd00::1]:6443');
  assert.throws(() => inClusterConfig({}, dir), /not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set/);
});
