// Message descriptors for the Kubernetes protobuf schema, parsed from the compact tables in
// schema/*.ts. Each message is one whitespace-separated string of field tokens:
//
//   jsonName=number:type[]mode      e.g.  containers=2:Container[]!   replicas=1:i32?
//
// type: s string, i32/i64/u32/u64 integers, b bool, y bytes (JSON base64), f64/f32 floats, a
// message name (relative to the table's package, or `pkg.Name`), or a map `{key:value}`.
// `[]` marks a repeated field. The mode says when the Go JSON encoder would print the field after
// the apiserver decoded it (go-to-protobuf always writes non-pointer fields, so "present" on the
// wire tells nothing by itself):
//   (none) omitempty: printed only when non-zero / non-empty
//   ?      pointer: printed whenever present on the wire, even if zero (`replicas: 0`)
//   ~      pointer without omitempty: as `?`, but null when absent (`selector: null`)
//   !      no omitempty, or a non-pointer struct: always printed (zero value, null or {} if absent)
//   ^      embedded struct (`json:",inline"`): its fields are merged into the parent
// A leading `@conv` names a special JSON mapping in convert.ts (Time, Quantity, IntOrString, ...).
// Field numbers and JSON names are those of k8s.io/api and k8s.io/apimachinery (generated.proto
// plus the Go struct tags); the tables list no comments or docs, only wire facts.

export type ScalarKind = 's' | 'i32' | 'i64' | 'u32' | 'u64' | 'b' | 'y' | 'f64' | 'f32';
export type Mode = 'omitempty' | 'pointer' | 'nullable' | 'always' | 'inline';

export interface FieldType {
  scalar?: ScalarKind;
  /** Fully qualified message name (`core.PodSpec`) when not a scalar. */
  message?: string;
}

export interface FieldDescriptor extends FieldType {
  num: number;
  /** Position in MessageDescriptor.fields, which is also the JSON key order. */
  index: number;
  json: string;
  repeated: boolean;
  map?: { key: ScalarKind; value: FieldType };
  mode: Mode;
}

export interface MessageDescriptor {
  name: string;
  conv?: string;
  fields: FieldDescriptor[];
  byNumber: Map<number, FieldDescriptor>;
}

/** One schema file: a package alias and its messages in the compact notation above. */
export interface SchemaTable {
  package: string;
  messages: Record<string, string>;
}

const SCALARS = new Set<string>(['s', 'i32', 'i64', 'u32', 'u64', 'b', 'y', 'f64', 'f32']);
const MODES: Record<string, Mode> = { '': 'omitempty', '?': 'pointer', '~': 'nullable', '!': 'always', '^': 'inline' };
const TOKEN = /^([A-Za-z_$][\w$-]*)=(\d+):(\{[\w.]+:[\w.]+\}|[\w.]+)(\[\])?([?~!^]?)$/;

function parseType(pkg: string, text: string): FieldType {
  if (SCALARS.has(text)) return { scalar: text as ScalarKind };
  return { message: text.includes('.') ? text : `${pkg}.${text}` };
}

export function parseMessage(pkg: string, name: string, spec: string): MessageDescriptor {
  const qualified = `${pkg}.${name}`;
  const tokens = spec.trim().split(/\s+/).filter(Boolean);
  let conv: string | undefined;
  if (tokens[0]?.startsWith('@')) conv = tokens.shift()!.slice(1);
  const fields: FieldDescriptor[] = [];
  const byNumber = new Map<number, FieldDescriptor>();
  for (const token of tokens) {
    const m = TOKEN.exec(token);
    if (!m) throw new Error(`protobuf schema ${qualified}: bad field token ${JSON.stringify(token)}`);
    const [, json, num, type, rep, mode] = m as unknown as [string, string, string, string, string | undefined, string];
    const field: FieldDescriptor = {
      num: Number(num), index: fields.length, json, repeated: rep === '[]', mode: MODES[mode]!,
    };
    if (type.startsWith('{')) {
      const [k, v] = type.slice(1, -1).split(':') as [string, string];
      if (!SCALARS.has(k)) throw new Error(`protobuf schema ${qualified}.${json}: map key must be a scalar`);
      field.map = { key: k as ScalarKind, value: parseType(pkg, v) };
    } else {
      Object.assign(field, parseType(pkg, type));
    }
    if (byNumber.has(field.num)) throw new Error(`protobuf schema ${qualified}: duplicate field ${field.num}`);
    fields.push(field);
    byNumber.set(field.num, field);
  }
  return { name: qualified, ...(conv ? { conv } : {}), fields, byNumber };
}

/** Parses every table and checks that each referenced message exists. */
export function buildRegistry(tables: SchemaTable[]): Map<string, MessageDescriptor> {
  const registry = new Map<string, MessageDescriptor>();
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table.messages)) {
      const desc = parseMessage(table.package, name, spec);
      if (registry.has(desc.name)) throw new Error(`protobuf schema: ${desc.name} defined twice`);
      registry.set(desc.name, desc);
    }
  }
  for (const desc of registry.values()) {
    for (const f of desc.fields) {
      const ref = f.message ?? f.map?.value.message;
      const where = `protobuf schema: ${desc.name}.${f.json}`;
      if (ref && !registry.has(ref)) throw new Error(`${where} refers to unknown ${ref}`);
      if (f.mode === 'inline' && (!f.message || f.repeated)) throw new Error(`${where} cannot be inline`);
      if (f.mode === 'nullable' && (f.repeated || f.map)) throw new Error(`${where}: lists cannot be nullable`);
    }
  }
  return registry;
}
