import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbeState, resolvePort, runProbe, type ProbeTarget } from './probes.js';

test('a probe result flips only after enough outcomes in a row', () => {
  const readiness = new ProbeState(false, { successThreshold: 2, failureThreshold: 3 });
  assert.deepEqual([true, false, true, true, false, false, false].map((ok) => readiness.observe(ok)),
    [undefined, undefined, undefined, true, undefined, undefined, false]);
  const liveness = new ProbeState(true, {});
  assert.deepEqual([false, false, true, false, false, false].map((ok) => liveness.observe(ok)), [undefined, undefined, undefined, undefined, undefined, false]);
  const startup = new ProbeState(undefined, { failureThreshold: 1 });
  assert.equal(startup.observe(false), false);
});

test('named ports resolve against the container ports', () => {
  const ports = [{ name: 'http', containerPort: 8080 }];
  assert.equal(resolvePort('http', ports), 8080);
  assert.equal(resolvePort('9090', ports), 9090);
  assert.equal(resolvePort(7, ports), 7);
  assert.equal(resolvePort('metrics', ports), undefined);
});

test('httpGet and tcpSocket probes against a local server, messages naming the pod IP', async () => {
  let code = 200;
  const server = createServer((req, res) => { res.statusCode = req.headers['user-agent']?.startsWith('kube-probe/') ? code : 400; res.end(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const target: ProbeTarget = { address: '127.0.0.1', podIP: '10.244.0.3', ports: [{ name: 'http', containerPort: port }], exec: async () => ({ ok: true, message: '' }) };
  try {
    assert.deepEqual(await runProbe({ httpGet: { path: '/ready', port: 'http' } }, target), { ok: true, message: '' });
    code = 503;
    assert.deepEqual(await runProbe({ httpGet: { path: '/ready', port: 'http' } }, target), { ok: false, message: 'HTTP probe failed with statuscode: 503' });
    assert.equal((await runProbe({ tcpSocket: { port } }, target)).ok, true);
  } finally {
    server.close();
  }
  const refused = await runProbe({ httpGet: { path: '/healthz', port } }, target);
  assert.deepEqual(refused, { ok: false, message: `Get "http://10.244.0.3:${port}/healthz": dial tcp 10.244.0.3:${port}: connect: connection refused` });
  assert.deepEqual(await runProbe({ tcpSocket: { port } }, target), { ok: false, message: `dial tcp 10.244.0.3:${port}: connect: connection refused` });
});
