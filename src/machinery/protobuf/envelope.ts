// The Kubernetes protobuf envelope (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the
// 4-byte magic `k8s\0`, then a runtime.Unknown whose typeMeta names the apiVersion/kind and whose
// raw bytes are the object's own message. decodeKubernetesProtobuf turns such a request body into the
// object the JSON wire format would carry (kind and apiVersion first, as Go prints TypeMeta). It only
// decodes: responses stay JSON, which every client also accepts. Content encodings (none exist in
// practice) and content types other than protobuf inside the envelope are refused.
import { ProtobufSchemaError, ProtobufWireError } from './errors.js';
import { MessageDecoder } from './decode.js';
import { readFields, WireType, type WireField } from './wire.js';
import { messageForKind, REGISTRY } from './schema/index.js';

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export interface DecodedProtobuf {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

const decoder = new MessageDecoder(REGISTRY, (raw, path) => decodeEnvelope(raw, path).object);

export function decodeKubernetesProtobuf(body: Buffer | Uint8Array): DecodedProtobuf {
  return decodeEnvelope(body, '');
}

function decodeEnvelope(body: Uint8Array, path: string): DecodedProtobuf {
  if (body.length < 4 || Buffer.compare(body.subarray(0, 4), PROTOBUF_MAGIC) !== 0) {
    // kube-apiserver's own wording for a body without the magic.
    throw new ProtobufWireError(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  }
  const unknown = readUnknown(body.subarray(4));
  if (unknown.contentEncoding) {
    const encoding = JSON.stringify(unknown.contentEncoding);
    throw new ProtobufSchemaError(`protobuf: content encoding ${encoding} is not supported`);
  }
  if (unknown.contentType && unknown.contentType !== 'application/vnd.kubernetes.protobuf') {
    const type = JSON.stringify(unknown.contentType);
    throw new ProtobufSchemaError(`protobuf: embedded content type ${type} is not supported`);
  }
  const { apiVersion, kind } = unknown;
  if (!kind) throw new ProtobufWireError(`Object 'Kind' is missing in protobuf body`);
  const message = messageForKind(apiVersion, kind);
  if (!message) {
    throw new ProtobufSchemaError(
      `protobuf: this server has no protobuf schema for ${apiVersion || '(no apiVersion)'}, Kind=${kind}; ` +
        'send the object as JSON',
    );
  }
  const fields = decoder.decode(message, unknown.raw, path) as Record<string, unknown>;
  return { apiVersion, kind, object: { kind, apiVersion, ...fields } };
}

interface Unknown {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

/** runtime.Unknown: typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4. */
function readUnknown(buf: Uint8Array): Unknown {
  const out: Unknown = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  for (const f of readFields(buf)) {
    const bytes = envelopeBytes(f, 'runtime.Unknown');
    if (f.num === 1) {
      for (const t of readFields(bytes)) {
        if (t.num === 1) out.apiVersion = text(envelopeBytes(t, 'runtime.TypeMeta'));
        else if (t.num === 2) out.kind = text(envelopeBytes(t, 'runtime.TypeMeta'));
        else throw new ProtobufWireError(`protobuf: unexpected field ${t.num} in runtime.TypeMeta`);
      }
    } else if (f.num === 2) out.raw = bytes;
    else if (f.num === 3) out.contentEncoding = text(bytes);
    else if (f.num === 4) out.contentType = text(bytes);
    else throw new ProtobufWireError(`protobuf: unexpected field ${f.num} in runtime.Unknown`);
  }
  return out;
}

function envelopeBytes(f: WireField, message: string): Uint8Array {
  if (f.wireType !== WireType.Bytes) {
    throw new ProtobufWireError(`protobuf: field ${f.num} of ${message} is not length-delimited`);
  }
  return f.value;
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}
