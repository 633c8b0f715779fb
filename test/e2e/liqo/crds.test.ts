// The Liqo v1alpha1 CRDs of deploy/ on a real lkind cluster through the real kubectl: they apply
// and are listed, defaults fill a minimal ForeignCluster, the printer columns show the peering
// conditions, short names and the `liqo` category resolve, enums refuse bad values with the API
// server's 422, and explain reads the schema.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'deploy');
const CRD_FILES = readdirSync(DEPLOY).filter((f) => /^crd-.*\.yaml$/.test(f)).sort();
const CRD_NAMES = CRD_FILES.map((f) => f.replace(/^crd-/, '').replace(/\.yaml$/, ''));

let c: TestCluster;
before(async () => { c = await createTestCluster('liqo-crds'); });
after(async () => { await c?.destroy(); });

/** kubectl that may first miss a resource kubectl's discovery cache does not know yet. */
async function eventuallyOk(args: string[]): Promise<string> {
  const r = await eventually(async () => {
    const res = await c.kubectl(args);
    return res.code === 0 ? res : undefined;
  });
  return r.stdout;
}

const FOREIGN_CLUSTER = `apiVersion: discovery.liqo.io/v1alpha1
kind: ForeignCluster
metadata:
  name: florence
spec:
  clusterIdentity:
    clusterID: 4858caa2-7848-4aab-a6b4-6984389bac56
    clusterName: florence
  foreignAuthUrl: https://172.18.0.3:31234
`;

const OFFLOADING = `apiVersion: offloading.liqo.io/v1alpha1
kind: NamespaceOffloading
metadata:
  name: offloading
  namespace: liqo-demo
spec:
  namespaceMappingStrategy: EnforceSameName
  clusterSelector:
    nodeSelectorTerms:
      - matchExpressions:
          - key: topology.liqo.io/region
            operator: In
            values: [south]
`;

test('every CRD of deploy/ applies and kubectl get crd lists the ten', async () => {
  assert.equal(CRD_FILES.length, 10);
  const files = CRD_FILES.flatMap((f) => ['-f', join(DEPLOY, f)]);
  const applied = await c.ok(['apply', ...files]);
  assert.deepEqual(
    applied.trim().split('\n').sort(),
    CRD_NAMES.map((n) => `customresourcedefinition.apiextensions.k8s.io/${n} created`).sort(),
  );
  const listed = await c.ok(['get', 'crd', '-l', 'app.kubernetes.io/part-of=liqo', '-o', 'name']);
  assert.deepEqual(listed.trim().split('\n').sort(), CRD_NAMES.map((n) => `customresourcedefinition.apiextensions.k8s.io/${n}`).sort());
  const plain = await c.ok(['get', 'crd']);
  for (const n of CRD_NAMES) assert.match(plain, new RegExp(`^${n.replace(/\./g, '\\.')}\\s+\\d{4}-`, 'm'));
  // Applying them again changes nothing: what the server stored (with its defaults) matches the files.
  const again = await c.ok(['apply', ...files]);
  assert.deepEqual(
    again.trim().split('\n').sort(),
    CRD_NAMES.map((n) => `customresourcedefinition.apiextensions.k8s.io/${n} unchanged`).sort(),
  );
});

test('a minimal ForeignCluster gets the CRD defaults and the TYPE column', async () => {
  const created = await eventuallyOk(['apply', '-f', c.write('fc.yaml', FOREIGN_CLUSTER)]);
  assert.equal(created, 'foreigncluster.discovery.liqo.io/florence created\n');
  const defaults = await c.ok(['get', 'foreignclusters', 'florence', '-o',
    'jsonpath={.spec.peeringType} {.spec.outgoingPeeringEnabled} {.spec.incomingPeeringEnabled} {.spec.insecureSkipTLSVerify}']);
  assert.equal(defaults, 'OutOfBand Auto Auto true');
  const table = await eventuallyOk(['get', 'foreignclusters']);
  assert.match(table, /^NAME\s+TYPE\s+OUTGOING PEERING\s+INCOMING PEERING\s+NETWORKING\s+AUTHENTICATION\s+AGE\n/);
  // No condition yet: the peering cells are empty.
  assert.match(table, /\nflorence\s+OutOfBand\s+\d+s\n$/);
});

test('peering conditions set through the status subresource show in the columns', async () => {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const conditions = [
    { type: 'OutgoingPeering', status: 'Established', lastTransitionTime: now, reason: 'Established', message: 'peering established' },
    { type: 'IncomingPeering', status: 'None', lastTransitionTime: now },
    { type: 'NetworkStatus', status: 'Established', lastTransitionTime: now },
    { type: 'AuthenticationStatus', status: 'Established', lastTransitionTime: now },
  ];
  const patched = await c.ok(['patch', 'foreignclusters', 'florence', '--subresource=status', '--type=merge',
    '-p', JSON.stringify({ status: { tenantNamespace: { local: 'liqo-tenant-florence-539f8b' }, peeringConditions: conditions } })]);
  assert.equal(patched, 'foreigncluster.discovery.liqo.io/florence patched\n');
  const table = await c.ok(['get', 'foreignclusters']);
  assert.match(table, /^NAME\s+TYPE\s+OUTGOING PEERING\s+INCOMING PEERING\s+NETWORKING\s+AUTHENTICATION\s+AGE\n/);
  assert.match(table, /\nflorence\s+OutOfBand\s+Established\s+None\s+Established\s+Established\s+\d+s\n$/);
  const wide = await c.ok(['get', 'foreignclusters', '-o', 'wide']);
  assert.match(wide, /^NAME\s+TYPE\s+CLUSTERID\s+CLUSTERNAME\s+OUTGOING PEERING\s+INCOMING PEERING\s+NETWORKING\s+AUTHENTICATION\s+AGE\n/);
  assert.match(wide, /\nflorence\s+OutOfBand\s+4858caa2-7848-4aab-a6b4-6984389bac56\s+florence\s+Established\s+None\s+Established\s+Established\s+\d+s\n$/);
  // A condition status outside the enum is refused on the status subresource too.
  const bad = await c.kubectl(['patch', 'foreignclusters', 'florence', '--subresource=status', '--type=merge',
    '-p', JSON.stringify({ status: { peeringConditions: [{ type: 'OutgoingPeering', status: 'Up' }] } })]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /status\.peeringConditions\[0\]\.status: Unsupported value: "Up": supported values: "None", "Pending", "Established"/);
});

test('short names and the liqo category resolve', async () => {
  await c.ok(['create', 'namespace', 'liqo-demo']);
  const created = await eventuallyOk(['apply', '-f', c.write('nsof.yaml', OFFLOADING)]);
  assert.equal(created, 'namespaceoffloading.offloading.liqo.io/offloading created\n');
  const nsof = await eventuallyOk(['get', 'nsof', '-A']);
  assert.match(nsof, /^NAMESPACE\s+NAME\s+NAMESPACEMAPPINGSTRATEGY\s+PODOFFLOADINGSTRATEGY\s+OFFLOADINGPHASE\s+AGE\n/);
  assert.match(nsof, /\nliqo-demo\s+offloading\s+EnforceSameName\s+LocalAndRemote\s+\d+s\n$/);
  const wide = await c.ok(['get', 'nsof', '-n', 'liqo-demo', '-o', 'wide']);
  assert.match(wide, /^NAME\s+NAMESPACEMAPPINGSTRATEGY\s+PODOFFLOADINGSTRATEGY\s+OFFLOADINGPHASE\s+REMOTENAMESPACENAME\s+AGE\n/);
  const offers = await eventually(async () => {
    const r = await c.kubectl(['get', 'offer', '-A']);
    return r.code === 0 ? r : undefined;
  });
  assert.equal(offers.stderr, 'No resources found\n');
  const liqo = await eventuallyOk(['get', 'liqo', '-A']);
  assert.match(liqo, /^NAME\s+TYPE\s+OUTGOING PEERING.*\nforeigncluster\.discovery\.liqo\.io\/florence\s+OutOfBand\s+Established/m);
  assert.match(liqo, /^NAMESPACE\s+NAME\s+NAMESPACEMAPPINGSTRATEGY.*\nliqo-demo\s+namespaceoffloading\.offloading\.liqo\.io\/offloading\s+EnforceSameName/m);
});

test('an enum value outside the CRD is refused with the API server 422 message', async () => {
  const bad = await c.kubectl(['apply', '-f', c.write('bad-nsof.yaml',
    OFFLOADING.replace('name: offloading', 'name: bad').replace('namespaceMappingStrategy: EnforceSameName', 'podOffloadingStrategy: Foo'))]);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr,
    'The NamespaceOffloading "bad" is invalid: spec.podOffloadingStrategy: Unsupported value: "Foo": supported values: "Local", "Remote", "LocalAndRemote"\n');
});

test('a cluster-scoped IpamStorage takes a fresh cluster\'s networks and keeps the opaque prefixes', async () => {
  const ipam = `apiVersion: net.liqo.io/v1alpha1
kind: IpamStorage
metadata:
  name: ipamstorage
spec:
  pools: [10.0.0.0/8, 192.168.0.0/16, 172.16.0.0/12]
  podCIDR: 10.244.0.0/16
  serviceCIDR: 10.96.0.0/12
  externalCIDR: 10.201.0.0/16
  reservedSubnets: []
  prefixes:
    10.0.0.0/8: {cidr: 10.0.0.0/8, isParent: true}
`;
  const created = await eventuallyOk(['apply', '-f', c.write('ipam.yaml', ipam)]);
  assert.equal(created, 'ipamstorage.net.liqo.io/ipamstorage created\n');
  const prefix = await c.ok(['get', 'ipamstorages', 'ipamstorage', '-o', 'jsonpath={.metadata.namespace}|{.spec.prefixes.10\\.0\\.0\\.0/8.isParent}']);
  assert.equal(prefix, '|true');
});

test('kubectl explain reads the ForeignCluster schema', async () => {
  const e = await eventuallyOk(['explain', 'foreignclusters.spec']);
  assert.match(e, /^GROUP:\s+discovery\.liqo\.io$/m);
  assert.match(e, /^KIND:\s+ForeignCluster$/m);
  assert.match(e, /^VERSION:\s+v1alpha1$/m);
  assert.match(e, /^FIELD: spec <Object>$/m);
  assert.match(e, /^\s+foreignAuthUrl\s+<string> -required-$/m);
  assert.match(e, /^\s+peeringType\s+<string>$/m);
  const field = await c.ok(['explain', 'foreignclusters.spec.peeringType']);
  assert.match(field, /^FIELD: peeringType <string>$/m);
  assert.match(field, /How the control planes reach each other/);
});
