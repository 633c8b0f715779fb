import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgeDesiredSlices, forgeEndpointSlice, sliceKey } from './forge-endpointslices.js';
import { pod, service } from './testdata.js';

const ref = (name: string) => ({ kind: 'Pod', namespace: 'ns', name, uid: `uid-${name}` });

test('forgeDesiredSlices', async (t) => {
  const cases = [
    {
      name: 'no pods: one empty placeholder',
      pods: [],
      want: [{ addressType: 'IPv4', ports: [], endpoints: [] }],
    },
    {
      name: 'conditions of ready, not ready and terminating pods',
      pods: [pod('a', { ip: '10.0.0.1' }), pod('b', { ip: '10.0.0.2', ready: false }), pod('c', { ip: '10.0.0.3', deleting: true })],
      want: [{
        addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: [
          { addresses: ['10.0.0.1'], conditions: { ready: true, serving: true, terminating: false }, targetRef: ref('a'), nodeName: 'n1' },
          { addresses: ['10.0.0.2'], conditions: { ready: false, serving: false, terminating: false }, targetRef: ref('b'), nodeName: 'n1' },
          { addresses: ['10.0.0.3'], conditions: { ready: false, serving: true, terminating: true }, targetRef: ref('c'), nodeName: 'n1' },
        ],
      }],
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = forgeDesiredSlices(service(), c.pods).map(({ key: _key, ...rest }) => rest);
      assert.deepEqual(got, c.want);
    });
  }
  await t.test('more than 100 endpoints are split into several slices', () => {
    const pods = Array.from({ length: 250 }, (_, i) => pod(`p${i}`, { ip: `10.0.${Math.floor(i / 200)}.${i % 200}` }));
    assert.deepEqual(forgeDesiredSlices(service(), pods).map((s) => s.endpoints.length), [100, 100, 50]);
  });
});

test('forgeEndpointSlice labels, owner and name prefix', () => {
  const svc = service({ clusterIP: 'None' });
  const [want] = forgeDesiredSlices(svc, [pod('a')]);
  const slice = forgeEndpointSlice(svc, want!);
  assert.equal(slice.metadata.generateName, 'web-');
  assert.deepEqual(slice.metadata.labels, {
    team: 'a', 'service.kubernetes.io/headless': '',
    'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  });
  assert.deepEqual(slice.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }]);
  assert.equal(sliceKey(slice), want!.key);
});
