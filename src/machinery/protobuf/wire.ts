// A reader for the protobuf wire format (encoding.md): tags, varints, 64-bit, length-delimited and
// 32-bit values. It knows nothing of message types; decode.ts gives the bytes meaning. Groups (wire
// types 3/4) and the reserved types 6/7 are rejected: go-to-protobuf never emits them, so meeting one
// means the body is not what we think it is. ZigZag (sint32/64) is not needed: Kubernetes' generated
// messages use plain int32/int64 only.
import { ProtobufWireError } from './errors.js';

export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, Fixed32: 5 } as const;
export type WireTypeValue = (typeof WireType)[keyof typeof WireType];

/** One field occurrence. Varints stay bigint so int64/uint64 keep all their bits until converted. */
export type WireField =
  | { num: number; wireType: 0; value: bigint }
  | { num: number; wireType: 1 | 2 | 5; value: Uint8Array };

export class WireReader {
  private pos = 0;
  private readonly buf: Uint8Array;
  constructor(buf: Uint8Array) {
    // A plain Uint8Array view: subarray() of a Buffer builds a Buffer, which costs noticeably more.
    this.buf = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** Reads a base-128 varint (at most 10 bytes) as an unsigned 64-bit bigint. */
  varint(): bigint {
    // Fast path in plain numbers for the common short varints; bigint only past 28 bits.
    let small = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.byte();
      small |= (b & 0x7f) << (7 * i);
      if (b < 0x80) return BigInt(small >>> 0);
    }
    let result = BigInt(small >>> 0);
    for (let shift = 28n; shift < 70n; shift += 7n) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    throw new ProtobufWireError('proto: integer overflow in varint');
  }

  /** A length-prefixed byte string (a view, not a copy). */
  bytes(): Uint8Array {
    const len = this.varint();
    if (len > BigInt(this.buf.length - this.pos)) throw new ProtobufWireError('proto: unexpected end of data');
    return this.take(Number(len));
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new ProtobufWireError('proto: unexpected end of data');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  field(): WireField {
    const tag = this.varint();
    const num = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (num <= 0 || num > 0x1fffffff) throw new ProtobufWireError(`proto: illegal field number ${num}`);
    switch (wireType) {
      case WireType.Varint:
        return { num, wireType, value: this.varint() };
      case WireType.Fixed64:
        return { num, wireType, value: this.take(8) };
      case WireType.Bytes:
        return { num, wireType, value: this.bytes() };
      case WireType.Fixed32:
        return { num, wireType, value: this.take(4) };
      default:
        throw new ProtobufWireError(`proto: illegal wire type ${wireType} for field ${num}`);
    }
  }

  private byte(): number {
    if (this.pos >= this.buf.length) throw new ProtobufWireError('proto: unexpected end of data');
    return this.buf[this.pos++]!;
  }
}

/** All field occurrences of one message, in wire order. */
export function* readFields(buf: Uint8Array): Generator<WireField> {
  const r = new WireReader(buf);
  while (!r.done) yield r.field();
}

/** The values of a packed repeated scalar field (proto3 style; tolerated for robustness). */
export function readPackedVarints(buf: Uint8Array): bigint[] {
  const r = new WireReader(buf);
  const out: bigint[] = [];
  while (!r.done) out.push(r.varint());
  return out;
}
