// A JSON reader that keeps every key of an object in document order, duplicates included, so
// strict decoding can report `duplicate field` like sigs.k8s.io/json does (JSON.parse silently
// keeps the last one). It builds only the shape (objects, arrays, scalars); values are not needed.
// Malformed input yields undefined: the ordinary decoder reports syntax errors, not this module.

export type JsonShape =
  | { t: 'object'; entries: [string, JsonShape][] }
  | { t: 'array'; items: JsonShape[] }
  | { t: 'scalar' };

const SCALAR: JsonShape = { t: 'scalar' };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new SyntaxError(`expected ${ch} at ${this.pos}`);
    this.pos++;
  }

  string(): string {
    const start = this.pos;
    this.expect('"');
    while (this.pos < this.text.length && this.text[this.pos] !== '"') {
      this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    }
    this.expect('"');
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  scalar(): JsonShape {
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) throw new SyntaxError(`unexpected input at ${this.pos}`);
    this.pos += m[0].length;
    return SCALAR;
  }

  value(): JsonShape {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') { this.string(); return SCALAR; }
    return this.scalar();
  }

  object(): JsonShape {
    this.expect('{');
    const entries: [string, JsonShape][] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') { this.pos++; return { t: 'object', entries }; }
    for (;;) {
      this.skipSpace();
      const k = this.string();
      this.skipSpace();
      this.expect(':');
      entries.push([k, this.value()]);
      this.skipSpace();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      this.expect('}');
      return { t: 'object', entries };
    }
  }

  array(): JsonShape {
    this.expect('[');
    const items: JsonShape[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') { this.pos++; return { t: 'array', items }; }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      this.expect(']');
      return { t: 'array', items };
    }
  }
}

/** The key structure of a JSON document, or undefined when it is not valid JSON. */
export function readJsonShape(text: string): JsonShape | undefined {
  try {
    const r = new Reader(text);
    const shape = r.value();
    r.skipSpace();
    return r.pos === text.length ? shape : undefined;
  } catch {
    return undefined;
  }
}

/** The shape of an already-decoded value (no duplicates can remain in it). */
export function shapeOf(value: unknown): JsonShape {
  if (Array.isArray(value)) return { t: 'array', items: value.map(shapeOf) };
  if (value !== null && typeof value === 'object') {
    return { t: 'object', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]) };
  }
  return SCALAR;
}
