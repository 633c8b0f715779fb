// A CRD and its custom objects through kubectl: served as soon as created, schema defaulting and
// validation, printer columns (with priority for -o wide), status subresource, explain, and the
// data removed with the CRD.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCluster, eventually, type TestCluster } from '../../support/cluster.js';

let c: TestCluster;
before(async () => { c = await createTestCluster('crd'); });
after(async () => { await c?.destroy(); });

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    plural: widgets
    singular: widget
    kind: Widget
    shortNames: [wg]
    categories: [all]
  versions:
    - name: v1
      served: true
      storage: true
      subresources:
        status: {}
      additionalPrinterColumns:
        - name: Size
          type: integer
          jsonPath: .spec.size
        - name: Color
          type: string
          jsonPath: .spec.color
          priority: 1
        - name: Age
          type: date
          jsonPath: .metadata.creationTimestamp
      schema:
        openAPIV3Schema:
          type: object
          description: A widget for tests.
          properties:
            spec:
              type: object
              properties:
                size:
                  type: integer
                  description: How big the widget is.
                  default: 1
                color:
                  type: string
                  enum: [red, blue]
            status:
              type: object
              properties:
                conditions:
                  type: array
                  items:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
`;

const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w1
spec:
  color: red
`;

test('a CRD is served as soon as it is created, and its objects get defaults', async () => {
  const crd = await c.kubectl(['apply', '-f', c.write('crd.yaml', CRD)]);
  assert.equal(crd.stdout, 'customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n', crd.stderr);
  const w = await eventually(async () => {
    const r = await c.kubectl(['apply', '-f', c.write('w1.yaml', WIDGET), '-n', 'default']);
    return r.code === 0 ? r : undefined;
  });
  assert.equal(w.stdout, 'widget.example.com/w1 created\n');
  const size = await c.kubectl(['get', 'widget', 'w1', '-o', 'jsonpath={.spec.size}']);
  assert.equal(size.stdout, '1');
  const established = await c.kubectl(['get', 'crd', 'widgets.example.com', '-o', 'jsonpath={.status.conditions[?(@.type=="Established")].status}']);
  assert.equal(established.stdout, 'True');
});

test('printer columns, short names and -o wide priority columns', async () => {
  // kubectl's discovery cache may predate the CRD, as on any cluster: poll until the short name resolves.
  const plain = await eventually(async () => {
    const r = await c.kubectl(['get', 'wg']);
    return r.code === 0 ? r : undefined;
  });
  assert.match(plain.stdout, /^NAME\s+SIZE\s+AGE\nw1\s+1\s+\d+s\n$/, plain.stderr);
  const wide = await c.kubectl(['get', 'widgets', '-o', 'wide']);
  // Priority columns stay in declaration order; kubectl only hides them without -o wide.
  assert.match(wide.stdout, /^NAME\s+SIZE\s+COLOR\s+AGE\nw1\s+1\s+red\s+\d+s\n$/, wide.stderr);
  const all = await c.kubectl(['get', 'all', '-n', 'default']);
  assert.match(all.stdout, /widget\.example\.com\/w1/);
});

test('schema validation refuses bad values with the API server message', async () => {
  const bad = await c.kubectl(['apply', '-f', c.write('bad.yaml', WIDGET.replace('w1', 'w2').replace('red', 'green'))]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /The Widget "w2" is invalid: spec\.color: Unsupported value: "green": supported values: "red", "blue"/);
  const unknown = await c.kubectl(['apply', '-f', c.write('unknown.yaml', WIDGET.replace('w1', 'w3').replace('color: red', 'color: red\n  shape: round'))]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /unknown field "spec\.shape"/);
});

test('status subresource: main updates keep status, status patches change it, wait sees it', async () => {
  const waiter = c.kubectl(['wait', '--for=condition=Ready', 'widget/w1', '--timeout=30s']);
  const patched = await c.kubectl(['patch', 'widget', 'w1', '--subresource=status', '--type=merge', '-p', '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}']);
  assert.equal(patched.stdout, 'widget.example.com/w1 patched\n', patched.stderr);
  const waited = await waiter;
  assert.equal(waited.stdout, 'widget.example.com/w1 condition met\n', waited.stderr);
  await c.kubectl(['patch', 'widget', 'w1', '--type=merge', '-p', '{"status":{"conditions":[]},"spec":{"size":3}}']);
  const status = await c.kubectl(['get', 'widget', 'w1', '-o', 'jsonpath={.status.conditions[0].type} {.spec.size} {.metadata.generation}']);
  assert.equal(status.stdout, 'Ready 3 2');
});

test('kubectl explain reads the CRD schema and built-in docs', async () => {
  const e = await c.kubectl(['explain', 'widgets.spec.size']);
  assert.equal(e.code, 0, e.stderr);
  assert.match(e.stdout, /^GROUP:\s+example\.com$/m);
  assert.match(e.stdout, /^KIND:\s+Widget$/m);
  assert.match(e.stdout, /^FIELD: size <integer>$/m);
  assert.match(e.stdout, /How big the widget is\./);
  const d = await c.kubectl(['explain', 'deployment.spec.replicas']);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stdout, /^FIELD: replicas <integer>$/m);
  assert.match(d.stdout, /Number of desired pods/);
});

test('deleting the CRD removes its objects and stops serving them', async () => {
  const del = await c.kubectl(['delete', 'crd', 'widgets.example.com'], { timeoutMs: 30_000 });
  assert.equal(del.stdout, 'customresourcedefinition.apiextensions.k8s.io "widgets.example.com" deleted\n', del.stderr);
  await c.kubectl(['apply', '-f', c.write('crd.yaml', CRD)]);
  const list = await eventually(async () => {
    const r = await c.kubectl(['get', 'widgets', '-A']);
    return r.code === 0 || /No resources/.test(r.stderr) ? r : undefined;
  });
  assert.equal(list.stderr, 'No resources found\n');
});
