// JSON forms of the apimachinery value types whose Go MarshalJSON differs from their protobuf
// message: metav1.Time/MicroTime (RFC 3339 strings, null when unset), metav1.Duration (Go's
// time.Duration.String()), FieldsV1 and RawExtension (embedded JSON), resource.Quantity (its string),
// intstr.IntOrString (a number or a string) and named []string types such as ExtraValue (a plain
// array). Quantities are passed through unchanged, not canonicalised: a client sends the canonical
// form already, and the JSON path does not canonicalise either.
import { ProtobufSchemaError, ProtobufWireError } from './errors.js';

export type Fields = Record<string, unknown>;

/** What a converter sees: the generic decode of the message, and whether its bytes were empty. */
export interface ConvertInput {
  fields: Fields;
  empty: boolean;
  path: string;
  /** Decodes a nested `k8s\0`-prefixed protobuf object (RawExtension holding protobuf). */
  embedded(raw: Uint8Array, path: string): unknown;
}

// Years 0000..9999, the range RFC 3339 can write; beyond it a timestamp is surely garbage.
const MIN_SECONDS = -62167219200;
const MAX_SECONDS = 253402300799;

function rfc3339(seconds: number, fraction: string, path: string): string {
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new ProtobufWireError(`protobuf: timestamp ${seconds}s at ${path} is outside years 0000-9999`);
  }
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}${fraction}Z`;
}

/** metav1.Time: protobuf drops the nanoseconds on decode (the JSON form has whole seconds only). */
function time({ fields, empty, path }: ConvertInput): string | null {
  if (empty) return null;
  return rfc3339(fields.seconds as number, '', path);
}

/** metav1.MicroTime: nanoseconds truncated to microseconds, always six fractional digits. */
function microTime({ fields, empty, path }: ConvertInput): string | null {
  if (empty) return null;
  // time.Unix normalises nanos outside [0, 1e9), so carry them into the seconds first.
  const total = BigInt(fields.seconds as number) * 1_000_000_000n + BigInt(fields.nanos as number);
  let seconds = total / 1_000_000_000n;
  let nanos = total % 1_000_000_000n;
  if (nanos < 0n) {
    nanos += 1_000_000_000n;
    seconds -= 1n;
  }
  const micros = String(nanos / 1000n).padStart(6, '0');
  return rfc3339(Number(seconds), `.${micros}`, path);
}

/** time.Duration.String(): "1h2m3.5s", "1.5ms", "0s". */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, digits] = u < 1000n ? ['ns', 0] : u < 1_000_000n ? ['µs', 3] : ['ms', 6];
    out = fraction(u, digits) + unit;
  } else {
    const secs = fraction(u % 60_000_000_000n, 9);
    u /= 60_000_000_000n;
    out = `${secs}s`;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** v / 10^digits printed with the trailing zeros of its fraction dropped, as Go's fmtFrac does. */
function fraction(v: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const frac = digits ? String(v % scale).padStart(digits, '0').replace(/0+$/, '') : '';
  return `${v / scale}${frac ? `.${frac}` : ''}`;
}

function duration({ fields }: ConvertInput): string {
  return goDuration(BigInt(fields.duration as number));
}

function parseJSONBytes(raw: string, what: string, path: string): unknown {
  try {
    return JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    throw new ProtobufSchemaError(`protobuf: ${what} at ${path} does not hold JSON; only JSON content is supported`);
  }
}

/** FieldsV1: the raw bytes are the JSON field set. */
function rawJSON({ fields, path }: ConvertInput): unknown {
  const raw = fields.Raw as string | null;
  return raw ? parseJSONBytes(raw, 'FieldsV1', path) : null;
}

/** RawExtension: JSON as is, or a nested protobuf object (client-go encodes nested objects alike). */
function rawExtension({ fields, path, embedded }: ConvertInput): unknown {
  const raw = fields.raw as string | null;
  if (!raw) return null;
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x6b387300) return embedded(bytes, path);
  return parseJSONBytes(raw, 'RawExtension', path);
}

function quantity({ fields }: ConvertInput): string {
  // An absent string is the zero Quantity, which Go prints as "0".
  return (fields.string as string) || '0';
}

function intOrString({ fields, path }: ConvertInput): number | string {
  if (fields.type === 0) return fields.intVal as number;
  if (fields.type === 1) return fields.strVal as string;
  throw new ProtobufWireError(`impossible IntOrString.Type ${String(fields.type)} at ${path}`);
}

/** Named slice types (ExtraValue): go-to-protobuf wraps them in {items}; JSON is the bare array. */
function items({ fields }: ConvertInput): unknown[] {
  return (fields.items as unknown[] | null) ?? [];
}

export const CONVERTERS: Record<string, (input: ConvertInput) => unknown> = {
  time,
  microtime: microTime,
  duration,
  rawjson: rawJSON,
  rawext: rawExtension,
  quantity,
  intorstr: intOrString,
  items,
};
