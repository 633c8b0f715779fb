// A set of field paths, structured as a trie (structured-merge-diff's fieldpath.Set): at each node
// the path elements that are members, and the children leading to deeper members. A path can be
// both a member and a prefix of other members (FieldsV1 writes that as `".": {}`). Provides the set
// algebra the field manager needs and the FieldsV1 encoding stored in metadata.managedFields.
import {
  compareElements, deserialize, serialize, type Path, type PathElement,
} from './field-path.js';
import { isObject } from './json-value.js';

interface Child {
  pe: PathElement;
  set: FieldSet;
}

export class FieldSet {
  readonly members = new Map<string, PathElement>();
  readonly children = new Map<string, Child>();

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: Path): void {
    if (path.length === 0) return;
    let node: FieldSet = this;
    for (const pe of path.slice(0, -1)) node = node.child(pe, true)!;
    const last = path[path.length - 1]!;
    node.members.set(serialize(last), last);
  }

  /** The subtree under one element; created on demand when `create` is set. */
  child(pe: PathElement, create = false): FieldSet | undefined {
    const key = serialize(pe);
    let c = this.children.get(key);
    if (!c && create) {
      c = { pe, set: new FieldSet() };
      this.children.set(key, c);
    }
    return c?.set;
  }

  /** The paths under `pe`, relative to it (empty when none). */
  withPrefix(pe: PathElement): FieldSet {
    return this.child(pe) ?? new FieldSet();
  }

  has(path: Path): boolean {
    if (path.length === 0) return false;
    let node: FieldSet | undefined = this;
    for (const pe of path.slice(0, -1)) {
      node = node.child(pe);
      if (!node) return false;
    }
    return node.members.has(serialize(path[path.length - 1]!));
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(serialize(pe));
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.set.isEmpty()) return false;
    return true;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    for (const [k, pe] of other.members) out.members.set(k, pe);
    for (const [k, c] of other.children) {
      const mine = out.children.get(k);
      out.children.set(k, { pe: c.pe, set: mine ? mine.set.union(c.set) : c.set.clone() });
    }
    return out;
  }

  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!other.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = other.children.get(k);
      const rest = theirs ? c.set.difference(theirs.set) : c.set.clone();
      if (!rest.isEmpty()) out.children.set(k, { pe: c.pe, set: rest });
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (other.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = other.children.get(k);
      if (!theirs) continue;
      const both = c.set.intersection(theirs.set);
      if (!both.isEmpty()) out.children.set(k, { pe: c.pe, set: both });
    }
    return out;
  }

  /** Removes the members of `other` and everything below them (fieldpath's RecursiveDifference). */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!other.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      if (other.members.has(k)) continue;
      const theirs = other.children.get(k);
      const rest = theirs ? c.set.recursiveDifference(theirs.set) : c.set.clone();
      if (!rest.isEmpty()) out.children.set(k, { pe: c.pe, set: rest });
    }
    return out;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, c] of this.children) out.children.set(k, { pe: c.pe, set: c.set.clone() });
    return out;
  }

  /** Every member path in fieldpath's iteration order: this node's members, then each child's. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [];
    for (const pe of sorted([...this.members.values()])) out.push([...prefix, pe]);
    for (const c of sortedChildren(this.children)) out.push(...c.set.paths([...prefix, c.pe]));
    return out;
  }

  /** The FieldsV1 JSON object: members as `{}`, children as nested objects, `.` for member-and-parent. */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(self: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (self && (this.members.size > 0 || this.children.size > 0)) out['.'] = {};
    const keys = new Map<string, PathElement>(this.members);
    for (const [k, c] of this.children) keys.set(k, c.pe);
    for (const [k] of [...keys].sort(([, a], [, b]) => compareElements(a, b))) {
      const c = this.children.get(k);
      if (c && !c.set.isEmpty()) out[k] = c.set.emit(this.members.has(k));
      else if (this.members.has(k)) out[k] = {};
    }
    return out;
  }

  static fromFieldsV1(json: unknown): FieldSet {
    const out = new FieldSet();
    if (!isObject(json)) return out;
    for (const [k, v] of Object.entries(json)) {
      if (k === '.') continue;
      const pe = deserialize(k);
      const sub = isObject(v) ? v : {};
      const entries = Object.keys(sub);
      if (entries.length === 0 || '.' in sub) out.members.set(serialize(pe), pe);
      if (entries.some((e) => e !== '.')) out.children.set(serialize(pe), { pe, set: FieldSet.fromFieldsV1(sub) });
    }
    return out;
  }
}

function sorted(pes: PathElement[]): PathElement[] {
  return pes.sort(compareElements);
}

function sortedChildren(children: Map<string, Child>): Child[] {
  return [...children.values()].sort((a, b) => compareElements(a.pe, b.pe));
}
