// Decodes one protobuf message into the JSON object the Go apiserver would print for it after
// decoding, driven by the descriptor tables (descriptor.ts). It mirrors the gogo-generated Unmarshal
// code of k8s.io/api plus encoding/json's rules: omitempty, pointers, maps printed with sorted keys,
// []byte as base64, non-pointer structs always present. Unknown field numbers are an error, never
// skipped: a field we cannot name would be silently lost. It does not validate values (that is the
// strategies' job) and does not encode.
import { CONVERTERS, type Fields } from './convert.js';
import type { FieldDescriptor, FieldType, MessageDescriptor, ScalarKind } from './descriptor.js';
import { ProtobufSchemaError } from './errors.js';
import { readFields, WireReader, WireType, type WireField } from './wire.js';

const EMPTY: Uint8Array = new Uint8Array(0);

const WIRE_TYPE: Record<ScalarKind, number> = {
  s: WireType.Bytes, y: WireType.Bytes, i32: WireType.Varint, i64: WireType.Varint, u32: WireType.Varint,
  u64: WireType.Varint, b: WireType.Varint, f64: WireType.Fixed64, f32: WireType.Fixed32,
};

const ZERO: Record<ScalarKind, unknown> = { s: '', y: '', i32: 0, i64: 0, u32: 0, u64: 0, b: false, f64: 0, f32: 0 };

// Paths (`spec.containers[0]`) only feed error messages, so they are built lazily, without closures:
// tsx's keepNames wraps every closure creation in a defineProperty call.
function child(path: string, json: string): string {
  return path ? `${path}.${json}` : json;
}

function where(path: string): string {
  return path ? ` (at ${path})` : '';
}

export class MessageDecoder {
  constructor(
    private readonly registry: ReadonlyMap<string, MessageDescriptor>,
    /** Decodes a nested `k8s\0` envelope, for RawExtension; supplied by envelope.ts. */
    private readonly embedded: (raw: Uint8Array, path: string) => unknown,
  ) {}

  decode(name: string, bytes: Uint8Array, path: string): unknown {
    const desc = this.registry.get(name);
    if (!desc) throw new ProtobufSchemaError(`protobuf: no schema for message ${name}${where(path)}`);
    const seen: (WireField[] | undefined)[] = new Array(desc.fields.length);
    const reader = new WireReader(bytes);
    while (!reader.done) {
      const field = reader.field();
      const f = desc.byNumber.get(field.num);
      if (!f) {
        throw new ProtobufSchemaError(
          `protobuf: field number ${field.num} of ${name}${where(path)} is not known to this server; ` +
            'send the object as JSON',
        );
      }
      const list = seen[f.index];
      if (list) list.push(field);
      else seen[f.index] = [field];
    }
    const out: Fields = {};
    for (const f of desc.fields) this.decodeField(desc, f, seen[f.index], out, path);
    if (!desc.conv) return out;
    const conv = CONVERTERS[desc.conv];
    if (!conv) throw new Error(`protobuf schema ${name}: unknown converter @${desc.conv}`);
    return conv({ fields: out, empty: bytes.length === 0, path, embedded: this.embedded });
  }

  private decodeField(
    desc: MessageDescriptor, f: FieldDescriptor, occ: WireField[] | undefined, out: Fields, path: string,
  ): void {
    if (f.map) {
      if (!occ) {
        if (f.mode === 'always') out[f.json] = null;
        return;
      }
      out[f.json] = this.decodeMap(desc, f, occ, child(path, f.json));
      return;
    }
    if (f.repeated) {
      const values: unknown[] = [];
      for (let i = 0; occ && i < occ.length; i++) this.repeatedValues(desc, f, occ[i]!, values, path, i);
      if (values.length > 0) out[f.json] = values;
      else if (f.mode === 'always') out[f.json] = null;
      return;
    }
    if (!occ && f.mode === 'nullable') {
      out[f.json] = null;
      return;
    }
    if (f.message) {
      if (!occ && f.mode !== 'always' && f.mode !== 'inline') return;
      // A singular message seen more than once merges, which for protobuf is concatenation.
      let bytes = EMPTY;
      if (occ?.length === 1) bytes = expectBytes(desc, f, occ[0]!);
      else if (occ) bytes = Buffer.concat(occ.map(expectBytesOf(desc, f)));
      const value = this.decode(f.message, bytes, f.mode === 'inline' ? path : child(path, f.json));
      if (f.mode === 'inline') Object.assign(out, value);
      else out[f.json] = value;
      return;
    }
    const kind = f.scalar!;
    if (!occ) {
      if (f.mode === 'always') out[f.json] = kind === 'y' ? null : ZERO[kind];
      return;
    }
    const value = scalar(desc, f, kind, occ[occ.length - 1]!);
    if (f.mode === 'omitempty' && (value === '' || value === 0 || value === false)) return;
    // Go decodes an empty bytes field to a nil slice, which prints as null.
    out[f.json] = kind === 'y' && value === '' && f.mode === 'always' ? null : value;
  }

  /** Appends the value(s) of one occurrence: a packed scalar occurrence holds several. */
  private repeatedValues(
    desc: MessageDescriptor, f: FieldDescriptor, w: WireField, into: unknown[], path: string, i: number,
  ): void {
    if (f.message) {
      into.push(this.decode(f.message, expectBytes(desc, f, w), `${child(path, f.json)}[${i}]`));
      return;
    }
    const kind = f.scalar!;
    if (w.wireType === WireType.Bytes && WIRE_TYPE[kind] !== WireType.Bytes) into.push(...unpack(desc, f, kind, w.value));
    else into.push(scalar(desc, f, kind, w));
  }

  private decodeMap(desc: MessageDescriptor, f: FieldDescriptor, occ: WireField[], path: string): Fields {
    const { key: keyKind, value: valueType } = f.map!;
    const entries = new Map<string, unknown>();
    for (const w of occ) {
      let key: WireField | undefined;
      let value: WireField | undefined;
      for (const e of readFields(expectBytes(desc, f, w))) {
        if (e.num === 1) key = e;
        else if (e.num === 2) value = e;
        else {
          const what = `map entry of ${desc.name}.${f.json}`;
          throw new ProtobufSchemaError(`protobuf: ${what} has field number ${e.num}${where(path)}`);
        }
      }
      const k = String(key ? scalar(desc, f, keyKind, key) : ZERO[keyKind]);
      entries.set(k, this.mapValue(desc, f, valueType, value, `${path}[${JSON.stringify(k)}]`));
    }
    // encoding/json prints map keys sorted by their UTF-8 bytes.
    const keys = [...entries.keys()].sort(byUtf8);
    const out: Fields = {};
    // defineProperty, so that a key named __proto__ becomes data (as JSON.parse makes it), not a prototype.
    for (const k of keys) {
      Object.defineProperty(out, k, { value: entries.get(k), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  private mapValue(
    desc: MessageDescriptor, f: FieldDescriptor, type: FieldType, w: WireField | undefined, path: string,
  ): unknown {
    if (type.message) return this.decode(type.message, w ? expectBytes(desc, f, w) : EMPTY, path);
    const kind = type.scalar!;
    return w ? scalar(desc, f, kind, w) : ZERO[kind];
  }
}

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** For the rare singular message sent in several pieces. */
function expectBytesOf(desc: MessageDescriptor, f: FieldDescriptor): (w: WireField) => Uint8Array {
  return (w) => expectBytes(desc, f, w);
}

function mismatch(desc: MessageDescriptor, f: FieldDescriptor, w: WireField): ProtobufSchemaError {
  return new ProtobufSchemaError(
    `protobuf: field ${desc.name}.${f.json} (number ${f.num}) has wire type ${w.wireType}, ` +
      "which does not match this server's schema",
  );
}

function expectBytes(desc: MessageDescriptor, f: FieldDescriptor, w: WireField): Uint8Array {
  if (w.wireType !== WireType.Bytes) throw mismatch(desc, f, w);
  return w.value;
}

function scalar(desc: MessageDescriptor, f: FieldDescriptor, kind: ScalarKind, w: WireField): unknown {
  if (w.wireType !== WIRE_TYPE[kind]) throw mismatch(desc, f, w);
  if (w.wireType === WireType.Varint) return fromVarint(kind, w.value);
  const bytes = w.value;
  switch (kind) {
    case 's':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    case 'y':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
    case 'f64':
      return new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true);
    default:
      return new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
  }
}

function fromVarint(kind: ScalarKind, v: bigint): number | boolean {
  switch (kind) {
    case 'b':
      return v !== 0n;
    case 'i32':
      return Number(BigInt.asIntN(32, v));
    case 'u32':
      return Number(BigInt.asUintN(32, v));
    case 'u64':
      return Number(v);
    default:
      return Number(BigInt.asIntN(64, v));
  }
}

/** A packed repeated scalar: not what go-to-protobuf writes for proto2, but valid protobuf. */
function unpack(desc: MessageDescriptor, f: FieldDescriptor, kind: ScalarKind, bytes: Uint8Array): unknown[] {
  const r = new WireReader(bytes);
  const out: unknown[] = [];
  const wireType = WIRE_TYPE[kind];
  while (!r.done) {
    const w: WireField = wireType === WireType.Varint
      ? { num: f.num, wireType: 0, value: r.varint() }
      : { num: f.num, wireType: wireType as 1 | 5, value: r.take(wireType === WireType.Fixed64 ? 8 : 4) };
    out.push(scalar(desc, f, kind, w));
  }
  return out;
}
