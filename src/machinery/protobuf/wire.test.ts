import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufWireError } from './errors.js';
import { varint } from './test-support.js';
import { readFields, readPackedVarints, WireReader } from './wire.js';

test('varints of every length round-trip, up to the full 64 bits', () => {
  for (const v of [0n, 1n, 127n, 128n, 300n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 35n + 5n, 2n ** 63n, 2n ** 64n - 1n]) {
    assert.equal(new WireReader(varint(v)).varint(), v);
  }
  // A negative int32 is sign-extended to ten bytes on the wire.
  assert.equal(varint(-1).length, 10);
  assert.equal(BigInt.asIntN(64, new WireReader(varint(-1)).varint()), -1n);
});

test('fields: all four wire types, in order', () => {
  const buf = Buffer.from([
    0x08, 0x96, 0x01, // 1: varint 150
    0x11, 1, 2, 3, 4, 5, 6, 7, 8, // 2: fixed64
    0x1a, 0x02, 0x68, 0x69, // 3: "hi"
    0x25, 9, 9, 9, 9, // 4: fixed32
  ]);
  const fields = [...readFields(buf)];
  assert.deepEqual(fields.map((f) => [f.num, f.wireType]), [[1, 0], [2, 1], [3, 2], [4, 5]]);
  assert.equal(fields[0]!.value, 150n);
  assert.equal(Buffer.from(fields[2]!.value as Uint8Array).toString(), 'hi');
  assert.deepEqual(readPackedVarints(Buffer.from([1, 0x96, 0x01, 3])), [1n, 150n, 3n]);
});

test('malformed input is a 400 ProtobufWireError', () => {
  const bad: [number[], RegExp][] = [
    [[0x0b], /illegal wire type 3/], // start group
    [[0x0e], /illegal wire type 6/],
    [[0x00, 0x01], /illegal field number 0/],
    [[0x0a, 0x05, 0x61], /unexpected end/], // length past the end
    [[0x08, 0x80], /unexpected end/], // truncated varint
    [[0x09, 1, 2], /unexpected end/], // truncated fixed64
    [[0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], /overflow/],
  ];
  for (const [bytes, message] of bad) {
    assert.throws(() => [...readFields(Buffer.from(bytes))], (err: unknown) => {
      assert.ok(err instanceof ProtobufWireError);
      assert.equal(err.code, 400);
      assert.match(err.message, message);
      return true;
    });
  }
});
