import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from '../../api/builtin-resources.js';
import { buildV2Document } from './documents.js';
import { ProtoMessage } from './proto-writer.js';
import { encodeV2Document } from './v2-protobuf.js';

/** A test-only decoder: field number → raw values (numbers for varints, Buffers for the rest). */
function decode(buf: Buffer): Map<number, (number | Buffer)[]> {
  const out = new Map<number, (number | Buffer)[]>();
  let i = 0;
  const varint = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++]!;
      v += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) return v;
    }
  };
  while (i < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    let value: number | Buffer;
    if (key % 8 === 0) value = varint();
    else if (key % 8 === 1) { value = buf.subarray(i, i + 8); i += 8; } else {
      const len = varint();
      value = buf.subarray(i, i + len);
      i += len;
    }
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const str = (v: number | Buffer | undefined) => (v as Buffer).toString('utf8');
const sub = (m: Map<number, (number | Buffer)[]>, f: number) => (m.get(f) ?? []).map((b) => decode(b as Buffer));

test('writes the protobuf wire format', () => {
  const b = new ProtoMessage().int(1, 300).string(2, 'hi').bool(3, true).bool(4, false).double(5, 1.5).finish();
  assert.deepEqual([...b.subarray(0, 3)], [0x08, 0xac, 0x02]);
  const m = decode(b);
  assert.equal(m.get(1)![0], 300);
  assert.equal(str(m.get(2)![0]), 'hi');
  assert.equal(m.get(3)![0], 1);
  assert.equal(m.has(4), false);
  assert.equal((m.get(5)![0] as Buffer).readDoubleLE(0), 1.5);
});

test('encodes the Swagger document as gnostic openapi.v2.Document', () => {
  const doc = decode(encodeV2Document(buildV2Document(BUILTIN_RESOURCES.filter((r) => r.group === 'apps'))));
  assert.equal(str(doc.get(1)![0]), '2.0');
  const definitions = sub(doc, 9)[0]!;
  const named = sub(definitions, 1);
  const deployment = named.find((n) => str(n.get(1)![0]) === 'io.k8s.api.apps.v1.Deployment');
  assert.ok(deployment);
  const schema = sub(deployment, 2)[0]!;
  assert.deepEqual(sub(schema, 22).map((t) => str(t.get(1)![0])), ['object']);
  const extension = sub(schema, 31).find((e) => str(e.get(1)![0]) === 'x-kubernetes-group-version-kind')!;
  const yaml = str(sub(extension, 2)[0]!.get(2)![0]);
  assert.deepEqual(JSON.parse(yaml), [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);

  const paths = sub(sub(doc, 8)[0]!, 2);
  const item = paths.find((p) => str(p.get(1)![0]) === '/apis/apps/v1/namespaces/{namespace}/deployments/{name}')!;
  const patch = sub(sub(item, 2)[0]!, 8)[0]!;
  assert.ok((patch.get(7) ?? []).map(str).includes('application/strategic-merge-patch+json'));
  const queryNames = sub(patch, 8)
    .map((p) => sub(p, 1)[0]!).filter((p) => p.has(2))
    .map((p) => sub(sub(p, 2)[0]!, 3)[0]).filter(Boolean)
    .map((q) => str(q!.get(4)![0]));
  assert.ok(queryNames.includes('fieldValidation'));
});
