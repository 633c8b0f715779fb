// The CRDs in deploy/ against what the Liqo v0.7 API declares (names, scope, categories, short
// names, subresources, printer columns, enums and defaults), and against the client refs and enum
// values of this folder, so the YAML and the TypeScript cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import {
  OFFER_STATES, PEERING_CONDITION_STATUSES, PEERING_CONDITION_TYPES, PEERING_ENABLED_TYPES, PEERING_TYPES,
} from './discovery.js';
import { NAMESPACE_MAPPING_STRATEGIES, POD_OFFLOADING_STRATEGIES } from './offloading.js';
import { LIQO } from './resources.js';
import { OFFER_PHASES, VIRTUAL_KUBELET_STATUSES } from './sharing.js';
import { MAPPING_PHASES } from './virtualkubelet.js';

const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'deploy');

interface Schema {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

interface PrinterColumn { name: string; type: string; jsonPath: string; priority?: number }

interface Crd {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: { kind: string; listKind?: string; plural: string; singular?: string; shortNames?: string[]; categories?: string[] };
    versions: {
      name: string; served: boolean; storage: boolean;
      subresources?: { status?: object };
      additionalPrinterColumns?: PrinterColumn[];
      schema: { openAPIV3Schema: Schema };
    }[];
  };
}

function loadCrds(): Map<string, { file: string; crd: Crd }> {
  const out = new Map<string, { file: string; crd: Crd }>();
  for (const file of readdirSync(DEPLOY).filter((f) => /^crd-.*\.yaml$/.test(f)).sort()) {
    // YAML 1.1, as kubectl reads it: an unquoted No/Yes would be a boolean there.
    const docs = parseAllDocuments(readFileSync(join(DEPLOY, file), 'utf8'), { version: '1.1' });
    assert.equal(docs.length, 1, `${file}: one CustomResourceDefinition per file`);
    for (const d of docs) assert.deepEqual(d.errors, [], `${file}: YAML errors`);
    const crd = docs[0]!.toJS() as Crd;
    out.set(crd.spec.names.kind, { file, crd });
  }
  return out;
}

const CRDS = loadCrds();

function crdOf(kind: string): Crd {
  const entry = CRDS.get(kind);
  assert.ok(entry, `no CRD for ${kind} in deploy/`);
  return entry.crd;
}

/** The schema at a dotted path; `[]` steps into array items, `*` into map values. */
function schemaAt(kind: string, path: string): Schema {
  let s: Schema | undefined = crdOf(kind).spec.versions[0]!.schema.openAPIV3Schema;
  for (const step of path.split('.')) {
    if (step === '[]') s = s?.items;
    else if (step === '*') s = typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined;
    else s = s?.properties?.[step];
    assert.ok(s, `${kind}: no schema at ${path} (stopped at ${step})`);
  }
  return s;
}

interface Expected {
  kind: string; group: string; plural: string; scope: 'Namespaced' | 'Cluster';
  categories: string[]; shortNames: string[]; status: boolean;
  /** [name, priority] of each printer column, in order. */
  columns: [string, number][];
}

const AGE: [string, number] = ['Age', 0];
const LOCAL: [string, number] = ['Local', 0];

// §3.1–§3.9 of the v0.7 reference (column order as upstream declares it).
const EXPECTED: Expected[] = [
  {
    kind: 'ForeignCluster', group: 'discovery.liqo.io', plural: 'foreignclusters', scope: 'Cluster', categories: ['liqo'], shortNames: [], status: true,
    columns: [['Type', 0], ['ClusterID', 1], ['ClusterName', 1], ['Outgoing peering', 0], ['Incoming peering', 0], ['Networking', 0], ['Authentication', 0], AGE],
  },
  { kind: 'ResourceRequest', group: 'discovery.liqo.io', plural: 'resourcerequests', scope: 'Namespaced', categories: ['liqo'], shortNames: [], status: true, columns: [LOCAL, AGE] },
  {
    kind: 'ResourceOffer', group: 'sharing.liqo.io', plural: 'resourceoffers', scope: 'Namespaced', categories: ['liqo'], shortNames: ['offer'], status: true,
    columns: [['Status', 0], ['VirtualKubeletStatus', 0], LOCAL, AGE],
  },
  {
    kind: 'NetworkConfig', group: 'net.liqo.io', plural: 'networkconfigs', scope: 'Namespaced', categories: ['liqo'], shortNames: [], status: true,
    columns: [['Peering Cluster', 0], ['Endpoint IP', 1], ['VPN Backend', 1], ['Processed', 0], LOCAL, AGE],
  },
  {
    kind: 'TunnelEndpoint', group: 'net.liqo.io', plural: 'tunnelendpoints', scope: 'Namespaced', categories: ['liqo'], shortNames: [], status: true,
    columns: [['Peering Cluster', 0], ['Endpoint IP', 1], ['Backend type', 0], ['Latency', 1], ['Connection status', 0], AGE],
  },
  { kind: 'IpamStorage', group: 'net.liqo.io', plural: 'ipamstorages', scope: 'Cluster', categories: ['liqo'], shortNames: [], status: false, columns: [] },
  { kind: 'NatMapping', group: 'net.liqo.io', plural: 'natmappings', scope: 'Cluster', categories: ['liqo'], shortNames: [], status: true, columns: [] },
  {
    kind: 'NamespaceOffloading', group: 'offloading.liqo.io', plural: 'namespaceoffloadings', scope: 'Namespaced', categories: ['liqo'], shortNames: ['nsof'], status: true,
    columns: [['NamespaceMappingStrategy', 0], ['PodOffloadingStrategy', 0], ['OffloadingPhase', 0], ['RemoteNamespaceName', 10], AGE],
  },
  { kind: 'NamespaceMap', group: 'virtualkubelet.liqo.io', plural: 'namespacemaps', scope: 'Namespaced', categories: ['liqo'], shortNames: [], status: true, columns: [LOCAL, AGE] },
  { kind: 'ShadowPod', group: 'virtualkubelet.liqo.io', plural: 'shadowpods', scope: 'Namespaced', categories: [], shortNames: [], status: false, columns: [] },
];

test('deploy/ holds exactly the ten Liqo v1alpha1 CRDs', () => {
  assert.deepEqual([...CRDS.keys()].sort(), EXPECTED.map((e) => e.kind).sort());
});

for (const e of EXPECTED) {
  test(`${e.kind}: names, scope, categories, subresources and printer columns`, () => {
    const { file, crd } = CRDS.get(e.kind) ?? assert.fail(`no CRD for ${e.kind}`);
    const name = `${e.plural}.${e.group}`;
    assert.equal(file, `crd-${name}.yaml`);
    assert.equal(crd.apiVersion, 'apiextensions.k8s.io/v1');
    assert.equal(crd.kind, 'CustomResourceDefinition');
    assert.equal(crd.metadata.name, name);
    assert.equal(crd.metadata.labels?.['app.kubernetes.io/part-of'], 'liqo');
    assert.equal(crd.spec.group, e.group);
    assert.equal(crd.spec.scope, e.scope);
    const n = crd.spec.names;
    assert.deepEqual(
      [n.plural, n.singular, n.listKind, n.shortNames ?? [], n.categories ?? []],
      [e.plural, e.kind.toLowerCase(), `${e.kind}List`, e.shortNames, e.categories],
    );
    assert.equal(crd.spec.versions.length, 1);
    const v = crd.spec.versions[0]!;
    assert.deepEqual([v.name, v.served, v.storage], ['v1alpha1', true, true]);
    assert.equal(v.subresources?.status !== undefined, e.status, 'status subresource');
    const root = v.schema.openAPIV3Schema;
    assert.equal(root.type, 'object');
    assert.equal(root.properties?.status !== undefined, e.status, 'a status schema exactly when there is a status subresource');
    assert.deepEqual((v.additionalPrinterColumns ?? []).map((c) => [c.name, c.priority ?? 0]), e.columns);
    for (const c of v.additionalPrinterColumns ?? []) assert.equal(c.type, c.name === 'Age' ? 'date' : 'string', c.name);
  });
}

test('every client ref has a CRD with the same plural, group, version and scope, and the other way round', () => {
  const refs = Object.entries(LIQO);
  for (const [key, ref] of refs) {
    assert.equal(key, ref.resource, 'LIQO is keyed by plural');
    const match = [...CRDS.values()].find(({ crd }) => crd.spec.names.plural === ref.resource);
    assert.ok(match, `no CRD for ref ${ref.resource}`);
    assert.equal(match.crd.spec.group, ref.group, ref.resource);
    assert.equal(match.crd.spec.versions[0]!.name, ref.version, ref.resource);
    assert.equal(match.crd.spec.scope === 'Namespaced', ref.namespaced, ref.resource);
  }
  assert.equal(refs.length, CRDS.size);
});

test('ForeignCluster peering columns read the status of the condition of their type', () => {
  const cols = crdOf('ForeignCluster').spec.versions[0]!.additionalPrinterColumns ?? [];
  const path = (name: string) => cols.find((c) => c.name === name)?.jsonPath;
  assert.equal(path('Type'), '.spec.peeringType');
  assert.equal(path('Outgoing peering'), '.status.peeringConditions[?(@.type=="OutgoingPeering")].status');
  assert.equal(path('Incoming peering'), '.status.peeringConditions[?(@.type=="IncomingPeering")].status');
  assert.equal(path('Networking'), '.status.peeringConditions[?(@.type=="NetworkStatus")].status');
  assert.equal(path('Authentication'), '.status.peeringConditions[?(@.type=="AuthenticationStatus")].status');
  assert.equal(path('ClusterID'), '.spec.clusterIdentity.clusterID');
});

// [kind, schema path, enum values (the TypeScript arrays), default]
const ENUMS: [string, string, readonly string[], string | undefined][] = [
  ['ForeignCluster', 'spec.peeringType', PEERING_TYPES, 'OutOfBand'],
  ['ForeignCluster', 'spec.outgoingPeeringEnabled', PEERING_ENABLED_TYPES, 'Auto'],
  ['ForeignCluster', 'spec.incomingPeeringEnabled', PEERING_ENABLED_TYPES, 'Auto'],
  ['ForeignCluster', 'status.peeringConditions.[].type', PEERING_CONDITION_TYPES, undefined],
  ['ForeignCluster', 'status.peeringConditions.[].status', PEERING_CONDITION_STATUSES, 'None'],
  ['ResourceRequest', 'status.offerState', OFFER_STATES, 'None'],
  ['ResourceOffer', 'status.phase', OFFER_PHASES, 'Pending'],
  ['ResourceOffer', 'status.virtualKubeletStatus', VIRTUAL_KUBELET_STATUSES, 'None'],
  ['NamespaceOffloading', 'spec.namespaceMappingStrategy', NAMESPACE_MAPPING_STRATEGIES, 'DefaultName'],
  ['NamespaceOffloading', 'spec.podOffloadingStrategy', POD_OFFLOADING_STRATEGIES, 'LocalAndRemote'],
  ['NamespaceMap', 'status.currentMapping.*.phase', MAPPING_PHASES, undefined],
];

for (const [kind, path, values, def] of ENUMS) {
  test(`${kind} ${path}: enum matches the TypeScript values${def ? `, default ${def}` : ''}`, () => {
    const s = schemaAt(kind, path);
    assert.equal(s.type, 'string');
    assert.deepEqual(s.enum, [...values]);
    assert.equal(s.default, def);
  });
}

test('other defaults and required fields of §3', () => {
  assert.equal(schemaAt('ForeignCluster', 'spec.insecureSkipTLSVerify').default, true);
  assert.deepEqual(schemaAt('ForeignCluster', 'spec').required, ['foreignAuthUrl']);
  assert.deepEqual(schemaAt('ForeignCluster', 'spec.clusterIdentity').required, ['clusterID', 'clusterName']);
  for (const f of ['localNATPodCIDR', 'localNATExternalCIDR', 'remoteNATPodCIDR', 'remoteNATExternalCIDR']) {
    assert.equal(schemaAt('TunnelEndpoint', `spec.${f}`).default, 'None', f);
  }
  assert.equal(schemaAt('NetworkConfig', 'status.processed').default, false);
  // What the network manager writes for a fresh cluster must be enough.
  assert.deepEqual(schemaAt('IpamStorage', 'spec').required, ['externalCIDR', 'podCIDR', 'pools', 'reservedSubnets', 'serviceCIDR']);
  assert.deepEqual(crdOf('NamespaceOffloading').spec.versions[0]!.schema.openAPIV3Schema.required, ['spec']);
});

test('the cluster selector is a core NodeSelector', () => {
  const sel = schemaAt('NamespaceOffloading', 'spec.clusterSelector');
  assert.deepEqual(sel.required, ['nodeSelectorTerms']);
  for (const match of ['matchExpressions', 'matchFields']) {
    const req = schemaAt('NamespaceOffloading', `spec.clusterSelector.nodeSelectorTerms.[].${match}.[]`);
    assert.deepEqual(req.required, ['key', 'operator']);
    assert.deepEqual(Object.keys(req.properties ?? {}), ['key', 'operator', 'values']);
    assert.equal(req.properties?.values?.items?.type, 'string');
  }
});

test('unknown fields are preserved only where the real type is open', () => {
  const open: string[] = [];
  const walk = (kind: string, s: Schema, path: string): void => {
    if (s['x-kubernetes-preserve-unknown-fields']) open.push(`${kind} ${path}`);
    for (const [k, p] of Object.entries(s.properties ?? {})) walk(kind, p, path ? `${path}.${k}` : k);
    if (s.items) walk(kind, s.items, `${path}.[]`);
    if (typeof s.additionalProperties === 'object') walk(kind, s.additionalProperties, `${path}.*`);
  };
  for (const [kind, { crd }] of CRDS) walk(kind, crd.spec.versions[0]!.schema.openAPIV3Schema, '');
  assert.deepEqual(open.sort(), ['IpamStorage spec.prefixes', 'ShadowPod spec.pod']);
});
