// Decodes a YAML node against a Go-struct-like schema and rejects unknown fields and mistyped
// values with the messages of Go's yaml.v3 in strict mode (`line 4: field foo not found in type
// v1alpha4.Networking`), which is how kind reports a bad config file. Only the shapes kind's
// v1alpha4 Cluster needs exist here; it is not a general YAML-to-Go mapper.
import { isMap, isScalar, isSeq, type LineCounter, type Node as YamlNode } from 'yaml';

export interface StructType {
  kind: 'struct';
  goType: string;
  fields: Record<string, FieldType>;
}

export type FieldType =
  | { kind: 'string' | 'int32' | 'bool' }
  | { kind: 'map'; value: 'string' | 'bool' }
  | { kind: 'list'; of: FieldType; goType: string }
  | StructType;

export const STRING: FieldType = { kind: 'string' };
export const INT32: FieldType = { kind: 'int32' };
export const BOOL: FieldType = { kind: 'bool' };
export const STRING_LIST: FieldType = { kind: 'list', of: STRING, goType: '[]string' };

export function struct(goType: string, fields: Record<string, FieldType>): StructType {
  return { kind: 'struct', goType, fields };
}

export function listOf(of: StructType): FieldType {
  return { kind: 'list', of, goType: `[]${of.goType}` };
}

function goTypeName(type: FieldType): string {
  switch (type.kind) {
    case 'map': return `map[string]${type.value}`;
    case 'list':
    case 'struct': return type.goType;
    default: return type.kind;
  }
}

class Decoder {
  readonly errors: string[] = [];
  constructor(private readonly lines: LineCounter) {}

  private line(node: YamlNode | null | undefined): number {
    return node?.range ? this.lines.linePos(node.range[0]).line : 0;
  }

  private mismatch(node: YamlNode, type: FieldType): undefined {
    const shown = isScalar(node) ? ` \`${String(node.source ?? node.value)}\`` : '';
    this.errors.push(`line ${this.line(node)}: cannot unmarshal ${tagOf(node)}${shown} into ${goTypeName(type)}`);
    return undefined;
  }

  decode(node: YamlNode | null | undefined, type: FieldType): unknown {
    if (!node || (isScalar(node) && node.value === null)) return undefined; // null leaves the zero value
    switch (type.kind) {
      case 'string': return isScalar(node) ? String(node.value) : this.mismatch(node, type);
      case 'int32': return this.int32(node, type);
      case 'bool': return isScalar(node) && typeof node.value === 'boolean' ? node.value : this.mismatch(node, type);
      case 'map': return this.map(node, type);
      case 'list': return isSeq(node) ? node.items.map((item) => this.decode(item as YamlNode, type.of)) : this.mismatch(node, type);
      case 'struct': return this.struct(node, type);
    }
  }

  private int32(node: YamlNode, type: FieldType): number | undefined {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) return this.mismatch(node, type);
    if (node.value < -(2 ** 31) || node.value >= 2 ** 31) return this.mismatch(node, type);
    return node.value;
  }

  private map(node: YamlNode, type: FieldType & { kind: 'map' }): Record<string, unknown> | undefined {
    if (!isMap(node)) return this.mismatch(node, type);
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      out[key] = this.decode(pair.value as YamlNode, type.value === 'bool' ? BOOL : STRING);
    }
    return out;
  }

  private struct(node: YamlNode, type: StructType): Record<string, unknown> | undefined {
    if (!isMap(node)) return this.mismatch(node, type);
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const field = type.fields[key];
      if (!field) {
        this.errors.push(`line ${this.line(pair.key as YamlNode)}: field ${key} not found in type ${type.goType}`);
        continue;
      }
      const value = this.decode(pair.value as YamlNode, field);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
}

function tagOf(node: YamlNode): string {
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  if (!isScalar(node)) return '!!unknown';
  switch (typeof node.value) {
    case 'number': return Number.isInteger(node.value) ? '!!int' : '!!float';
    case 'boolean': return '!!bool';
    case 'string': return '!!str';
    default: return node.value === null ? '!!null' : '!!str';
  }
}

/** Decodes node into plain values; errors are yaml.v3's "unmarshal errors", joined like it does. */
export function decodeStrict(node: YamlNode | null | undefined, type: FieldType, lines: LineCounter): { value: unknown; error?: string } {
  const decoder = new Decoder(lines);
  const value = decoder.decode(node, type);
  if (decoder.errors.length === 0) return { value };
  return { value, error: `yaml: unmarshal errors:\n  ${decoder.errors.join('\n  ')}` };
}
