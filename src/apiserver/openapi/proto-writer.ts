// A minimal protocol-buffers encoder: enough of the wire format (varints, 64-bit doubles and
// length-delimited strings and messages) to serialize the gnostic OpenAPI v2 messages that
// client-go asks for. Messages are built bottom-up; zero values are skipped as proto3 does. It
// cannot decode and knows no schemas — v2-protobuf.ts supplies the field numbers.

export class ProtoMessage {
  private readonly parts: Buffer[] = [];
  private size = 0;

  string(field: number, value: string | undefined): this {
    if (!value) return this;
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  strings(field: number, values: readonly string[] | undefined): this {
    for (const v of values ?? []) this.bytes(field, Buffer.from(v, 'utf8'));
    return this;
  }

  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    this.push(tag(field, 0), varint(1));
    return this;
  }

  /** A non-negative integer (int64 lengths and counts). */
  int(field: number, value: number | undefined): this {
    if (value === undefined || value === 0 || !Number.isInteger(value) || value < 0) return this;
    this.push(tag(field, 0), varint(value));
    return this;
  }

  double(field: number, value: number | undefined): this {
    if (value === undefined || value === 0 || !Number.isFinite(value)) return this;
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    this.push(tag(field, 1), b);
    return this;
  }

  message(field: number, value: ProtoMessage | undefined): this {
    if (!value) return this;
    return this.bytes(field, value.finish());
  }

  messages(field: number, values: readonly ProtoMessage[]): this {
    for (const v of values) this.message(field, v);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts, this.size);
  }

  private bytes(field: number, data: Buffer): this {
    this.push(tag(field, 2), varint(data.length), data);
    return this;
  }

  private push(...buffers: Buffer[]): void {
    for (const b of buffers) {
      this.parts.push(b);
      this.size += b.length;
    }
  }
}

function tag(field: number, wireType: number): Buffer {
  return varint(field * 8 + wireType);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
