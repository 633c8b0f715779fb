// A process pod's network, seen from outside (ADR 0009): its readiness probe flips Ready (and its
// EndpointSlice endpoint) once its HTTP server says so; a NodePort Service reaches the server from
// the host through the node's IP; inside the pod, localhost is the pod's own, and another process
// pod reaches it by its pod IP; a failing liveness probe kills and restarts the container with
// Unhealthy and Killing events; the API server calls an admission webhook a process pod serves
// behind a Service, with its certificate from a Secret volume.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import type { Pod, Service } from '../../../src/api/core-v1.js';
import { createCertificateAuthority, createServingCertificate } from '../../../src/machinery/pki.js';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => {
  c = await createTestCluster('procnet', [], { LKIND_KUBELET_PROFILE: 'instant', LKIND_CRASHLOOP_BACKOFF_SECONDS: '1' });
});
after(async () => { await c?.destroy(); });

const json = async <T>(args: string[]): Promise<T> => JSON.parse(await c.ok([...args, '-o', 'json'])) as T;

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { timeout: 3000, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

// Ready 3 s after start; /loop calls the pod's own localhost.
const SERVER = `
const http = require('node:http');
const os = require('node:os');
const started = Date.now();
http.createServer((req, res) => {
  if (req.url === '/ready') { res.statusCode = Date.now() - started > 3000 ? 200 : 503; return res.end(); }
  if (req.url === '/loop') {
    return http.get('http://localhost:8080/', (r) => { let b = ''; r.on('data', (d) => b += d); r.on('end', () => res.end('via localhost: ' + b)); })
      .on('error', (e) => { res.statusCode = 500; res.end(e.message); });
  }
  res.end('hello from ' + os.hostname());
}).listen(8080, () => console.log('listening'));
`;

const WEB = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
    - name: main
      image: ghcr.io/liqo-ts/liqo:test
      command: ["node", "-e", ${JSON.stringify(SERVER)}]
      ports: [{name: http, containerPort: 8080}]
      readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
`;

test('the readiness probe flips Ready; a NodePort Service reaches the pod from the host; its localhost is its own', async () => {
  await c.ok(['apply', '-f', '-'], { input: WEB });
  const notReady = await eventually(async () => {
    const p = await json<Pod>(['get', 'pod', 'web']);
    return p.status?.containerStatuses?.[0]?.state.running ? p : undefined;
  }, 20_000, 100);
  assert.equal(notReady.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'False', 'not ready before the probe succeeds');
  assert.equal(notReady.status?.containerStatuses?.[0]?.ready, false);
  await c.ok(['wait', '--for=condition=Ready', 'pod/web', '--timeout=20s']);
  const pod = await json<Pod>(['get', 'pod', 'web']);
  const readyAfter = Date.parse(pod.status?.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime ?? '') - Date.parse(pod.status?.startTime ?? '');
  assert.ok(readyAfter >= 2000, `ready only once /ready answers 200 (${readyAfter} ms)`);
  const events = await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=web,reason=Unhealthy', '-o', 'jsonpath={.items[*].message}']);
  assert.match(events, /Readiness probe failed: (HTTP probe failed with statuscode: 503|Get "http:\/\/10\.244\.)/);

  const svc = await json<Service>(['get', 'svc', 'web']);
  const nodePort = svc.spec.ports?.[0]?.nodePort;
  const node = JSON.parse(await c.ok(['get', 'nodes', '-o', 'json'])).items[0];
  const nodeIP = node.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address as string;
  const reply = await eventually(async () => {
    const r = await fetchText(`http://${nodeIP}:${nodePort}/`);
    return r.status === 200 ? r : undefined;
  }, 20_000, 200);
  assert.equal(reply.body, 'hello from web');
  assert.equal((await fetchText(`http://${nodeIP}:${nodePort}/loop`)).body, 'via localhost: hello from web');

  // Another process pod reaches this one by its pod IP.
  const client = `apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  restartPolicy: Never
  containers:
    - name: main
      image: ghcr.io/liqo-ts/liqo:test
      command: ["node", "-e", "require('node:http').get('http://${pod.status?.podIP}:8080/', (r) => r.pipe(process.stdout))"]
`;
  await c.ok(['apply', '-f', '-'], { input: client });
  await eventually(async () => (await json<Pod>(['get', 'pod', 'client'])).status?.phase === 'Succeeded', 20_000, 200);
  assert.equal(await c.ok(['logs', 'client']), 'hello from web');
});

const LIVENESS = `apiVersion: v1
kind: Pod
metadata: {name: sick}
spec:
  containers:
    - name: main
      image: ghcr.io/liqo-ts/liqo:test
      command: ["node", "-e", "require('node:net').createServer((s) => s.destroy()).listen(9000); require('node:http').createServer((q, r) => { r.statusCode = 500; r.end(); }).listen(8081)"]
      livenessProbe: {httpGet: {path: /healthz, port: 8081}, periodSeconds: 1, failureThreshold: 2}
      readinessProbe: {tcpSocket: {port: 9000}, periodSeconds: 1}
`;

test('a failing liveness probe kills and restarts the container', async () => {
  await c.ok(['apply', '-f', '-'], { input: LIVENESS });
  const pod = await eventually(async () => {
    const p = await json<Pod>(['get', 'pod', 'sick']);
    return (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? p : undefined;
  }, 30_000, 250);
  const last = pod.status?.containerStatuses?.[0]?.lastState?.terminated;
  assert.equal(last?.exitCode, 143, 'stopped by SIGTERM');
  const events = await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=sick', '-o', 'custom-columns=R:.reason,M:.message', '--no-headers']);
  assert.match(events, /Unhealthy\s+Liveness probe failed: HTTP probe failed with statuscode: 500/);
  assert.match(events, /Killing\s+Container main failed liveness probe, will be restarted/);
});

// An HTTPS admission webhook in a process pod, its serving certificate mounted from a Secret.
const HOOK = `
const https = require('node:https');
const fs = require('node:fs');
https.createServer({ cert: fs.readFileSync('/certs/tls.crt'), key: fs.readFileSync('/certs/tls.key') }, (req, res) => {
  let body = '';
  req.on('data', (d) => body += d);
  req.on('end', () => {
    const review = JSON.parse(body);
    const allowed = review.request.name !== 'forbidden';
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
      response: { uid: review.request.uid, allowed, status: allowed ? undefined : { code: 403, message: 'denied by ' + require('node:os').hostname() } } }));
  });
}).listen(8443);
`;

test('the API server calls a webhook served by a process pod behind its Service', async () => {
  const ca = await createCertificateAuthority({ commonName: 'hook-ca' });
  const serving = await createServingCertificate(ca, { ips: [], dnsNames: ['hook.default.svc'] });
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  await c.ok(['apply', '-f', '-'], { input: `apiVersion: v1
kind: Secret
metadata: {name: hook-tls}
type: kubernetes.io/tls
data: {tls.crt: ${b64(serving.cert)}, tls.key: ${b64(serving.key)}}
---
apiVersion: v1
kind: Pod
metadata: {name: hook, labels: {app: hook}}
spec:
  volumes: [{name: certs, secret: {secretName: hook-tls}}]
  containers:
    - name: main
      image: ghcr.io/liqo-ts/liqo:test
      command: ["node", "-e", ${JSON.stringify(HOOK)}]
      ports: [{name: https, containerPort: 8443}]
      volumeMounts: [{name: certs, mountPath: /certs, readOnly: true}]
      readinessProbe: {tcpSocket: {port: https}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: hook}
spec:
  selector: {app: hook}
  ports: [{port: 443, targetPort: https}]
` });
  await c.ok(['wait', '--for=condition=Ready', 'pod/hook', '--timeout=20s']);
  await eventually(async () => (await c.ok(['get', 'endpoints', 'hook', '-o', 'jsonpath={.subsets[0].addresses[0].ip}'])) !== '', 20_000, 200);
  await c.ok(['apply', '-f', '-'], { input: `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: hook}
webhooks:
  - name: hook.example.com
    clientConfig: {service: {name: hook, namespace: default, path: /validate}, caBundle: ${b64(ca.cert)}}
    rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}]
    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}
    sideEffects: None
    admissionReviewVersions: [v1]
    failurePolicy: Fail
` });
  const denied = await c.kubectl(['create', 'configmap', 'forbidden']);
  assert.notEqual(denied.code, 0);
  assert.match(denied.stderr, /admission webhook "hook\.example\.com" denied the request: denied by hook/);
  await c.ok(['create', 'configmap', 'allowed']);
  await c.ok(['delete', 'validatingwebhookconfiguration', 'hook']);
});
