import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgeEndpoints, forgeSubsets } from './forge-endpoints.js';
import { findPort } from './service-pods.js';
import { pod, service } from './testdata.js';

const ref = (name: string) => ({ kind: 'Pod', namespace: 'ns', name, uid: `uid-${name}` });

test('forgeSubsets', async (t) => {
  const cases: { name: string; svc: ReturnType<typeof service>; pods: ReturnType<typeof pod>[]; want: unknown }[] = [
    { name: 'no pods: no subsets', svc: service(), pods: [], want: [] },
    {
      name: 'ready and not ready pods, named port resolved, sorted by IP',
      svc: service(),
      pods: [pod('b', { ip: '10.0.0.10' }), pod('a', { ip: '10.0.0.9' }), pod('c', { ip: '10.0.0.2', ready: false })],
      want: [{
        addresses: [{ ip: '10.0.0.9', nodeName: 'n1', targetRef: ref('a') }, { ip: '10.0.0.10', nodeName: 'n1', targetRef: ref('b') }],
        notReadyAddresses: [{ ip: '10.0.0.2', nodeName: 'n1', targetRef: ref('c') }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      }],
    },
    {
      name: 'pods without IP, terminating or finished are left out',
      svc: service(),
      pods: [pod('a', { ip: '' }), pod('b', { deleting: true }), pod('c', { phase: 'Succeeded' })],
      want: [],
    },
    {
      name: 'publishNotReadyAddresses makes every pod ready',
      svc: service({ publishNotReadyAddresses: true }),
      pods: [pod('a', { ready: false })],
      want: [{ addresses: [{ ip: '10.0.0.1', nodeName: 'n1', targetRef: ref('a') }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
    },
    {
      name: 'pods resolving to different ports land in different subsets; unresolvable pods drop out',
      svc: service(),
      pods: [pod('a', { ip: '10.0.0.1' }), pod('b', { ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 9090 }] }), pod('c', { ip: '10.0.0.3', ports: [] })],
      want: [
        { addresses: [{ ip: '10.0.0.1', nodeName: 'n1', targetRef: ref('a') }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
        { addresses: [{ ip: '10.0.0.2', nodeName: 'n1', targetRef: ref('b') }], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
      ],
    },
    {
      name: 'headless Service without ports still lists addresses, with hostname under its subdomain',
      svc: service({ clusterIP: 'None', ports: [] }),
      pods: [pod('a', { hostname: 'a', subdomain: 'web' }), pod('b', { ip: '10.0.0.2', hostname: 'b', subdomain: 'other' })],
      want: [{ addresses: [{ ip: '10.0.0.1', nodeName: 'n1', targetRef: ref('a'), hostname: 'a' }, { ip: '10.0.0.2', nodeName: 'n1', targetRef: ref('b') }] }],
    },
  ];
  for (const c of cases) await t.test(c.name, () => assert.deepEqual(forgeSubsets(c.svc, c.pods), c.want));
});

test('findPort', async (t) => {
  const p = pod('a', { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'http', containerPort: 8080 }] });
  const cases = [
    { name: 'numeric targetPort', port: { port: 80, targetPort: 9376 }, want: 9376 },
    { name: 'numeric string targetPort', port: { port: 80, targetPort: '9376' }, want: 9376 },
    { name: 'no targetPort: the port', port: { port: 80 }, want: 80 },
    { name: 'named port', port: { port: 80, targetPort: 'http' }, want: 8080 },
    { name: 'named port of another protocol', port: { port: 53, targetPort: 'dns' }, want: undefined },
    { name: 'named UDP port', port: { port: 53, targetPort: 'dns', protocol: 'UDP' }, want: 53 },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(findPort(p, c.port), c.want));
});

test('forgeEndpoints carries the Service labels and marks headless Services', () => {
  const ep = forgeEndpoints(service({ clusterIP: 'None' }), []);
  assert.deepEqual(ep.metadata, { name: 'web', namespace: 'ns', labels: { team: 'a', 'service.kubernetes.io/headless': '' } });
  assert.equal(ep.subsets, undefined);
  assert.deepEqual(forgeEndpoints(service(), []).metadata.labels, { team: 'a' });
});
