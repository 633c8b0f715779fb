// A tiny protobuf writer for the tests only: builds wire bytes field by field, including the
// things go-to-protobuf emits and a proto3 writer would not (zero values, negative int32 as
// ten-byte varints), so decode paths can be exercised without a real client. Not used by the server.

export function varint(value: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

const tag = (num: number, wireType: number): Buffer => varint((num << 3) | wireType);

export const pb = {
  int: (num: number, value: number | bigint): Buffer => Buffer.concat([tag(num, 0), varint(value)]),
  bool: (num: number, value: boolean): Buffer => Buffer.concat([tag(num, 0), varint(value ? 1 : 0)]),
  bytes: (num: number, value: Uint8Array): Buffer => Buffer.concat([tag(num, 2), varint(value.length), value]),
  str: (num: number, value: string): Buffer => pb.bytes(num, Buffer.from(value, 'utf8')),
  msg: (num: number, ...fields: Buffer[]): Buffer => pb.bytes(num, Buffer.concat(fields)),
  double: (num: number, value: number): Buffer => {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    return Buffer.concat([tag(num, 1), b]);
  },
  /** A map<k,v> entry: key field 1, value field 2. */
  entry: (num: number, key: Buffer, value: Buffer): Buffer => pb.msg(num, key, value),
};

/** `k8s\0` + runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
export function envelope(apiVersion: string, kind: string, ...fields: Buffer[]): Buffer {
  const unknown = Buffer.concat([
    pb.msg(1, pb.str(1, apiVersion), pb.str(2, kind)),
    pb.bytes(2, Buffer.concat(fields)),
  ]);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown]);
}
