// Parser for the JSONPath dialect of k8s.io/client-go/util/jsonpath, limited to what a CRD printer
// column can hold: one action such as `.status.conditions[?(@.type=="Ready")].status`. It keeps the
// dialect's quirks that change results (dict keys re-read as dotted paths, `[*]` as a full slice,
// backslash escapes in field names). It does not support templates with several actions, `range`
// or `end`; identifiers other than true/false parse but fail when evaluated, as upstream.

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

/** A float written in the path (`1.5`), kept apart from integers because Go compares them apart. */
export class GoFloat {
  constructor(readonly value: number) {}
}

export interface SliceParam {
  known: boolean;
  value: number;
  derived?: boolean; // end of a plain index `[n]`, computed as n+1
}

export type Step =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { kind: 'union'; branches: Step[][] }
  | { kind: 'filter'; left: Step[]; op: string; right: Step[] }
  | { kind: 'literal'; value: string | number | boolean | GoFloat }
  | { kind: 'identifier'; name: string };

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

/** Parses the inside of one `{...}` action. Throws JsonPathError on syntax errors. */
export function parseJsonPath(text: string): Step[] {
  return new Parser(text).parse();
}

class Parser {
  private pos = 0;
  private readonly steps: Step[] = [];
  constructor(private readonly input: string) {}

  parse(): Step[] {
    while (this.pos < this.input.length) {
      // Upstream closes the action at `}` and reads the rest as plain text, which a column ignores.
      if (this.input[this.pos] === '}') break;
      this.parseOne();
    }
    return this.steps;
  }

  private parseOne(): void {
    const rest = this.input.slice(this.pos);
    if (rest.startsWith('[?(')) return this.parseFilter();
    if (rest.startsWith('..')) return this.parseRecursive();
    const c = rest[0]!;
    this.pos++;
    if (c === '\r' || c === '\n') throw new JsonPathError('unclosed action');
    if (c === ' ' || c === '@' || c === '$') return;
    if (c === '[') return this.parseArray();
    if (c === '"' || c === "'") return this.parseQuote(c);
    if (c === '.') return this.parseField();
    if (c === '+' || c === '-' || isDigit(c)) return this.parseNumber();
    if (isAlphaNumeric(c)) return this.parseIdentifier();
    throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(c)}`);
  }

  private parseRecursive(): void {
    if (this.steps.at(-1)?.kind === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.steps.push({ kind: 'recursive' });
    if (isAlphaNumeric(this.input[this.pos] ?? '')) this.parseField();
  }

  /** After `.`: a name up to the next terminator; `\` escapes the following character. */
  private parseField(): void {
    const start = this.pos;
    while (this.pos < this.input.length) {
      const c = this.input[this.pos]!;
      if (c === '\\') this.pos += 2;
      else if (isTerminator(c)) break;
      else this.pos++;
    }
    const raw = this.input.slice(start, this.pos);
    if (raw === '*') this.steps.push({ kind: 'wildcard' });
    else this.steps.push({ kind: 'field', name: raw.replaceAll('\\', '') });
  }

  private parseIdentifier(): void {
    const start = this.pos - 1;
    while (this.pos < this.input.length && !isTerminator(this.input[this.pos]!)) this.pos++;
    const word = this.input.slice(start, this.pos);
    if (word === 'true' || word === 'false') this.steps.push({ kind: 'literal', value: word === 'true' });
    else this.steps.push({ kind: 'identifier', name: word });
  }

  private parseNumber(): void {
    const start = this.pos - 1;
    while (this.pos < this.input.length && /[\d.]/.test(this.input[this.pos]!)) this.pos++;
    const text = this.input.slice(start, this.pos);
    if (/^[+-]?\d+$/.test(text)) {
      this.steps.push({ kind: 'literal', value: Number(text) });
    } else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) {
      this.steps.push({ kind: 'literal', value: new GoFloat(Number(text)) });
    } else {
      throw new JsonPathError(`cannot parse number ${text}`);
    }
  }

  private parseQuote(quote: string): void {
    const start = this.pos - 1;
    for (;;) {
      const c = this.input[this.pos++];
      if (c === undefined || c === '\n') throw new JsonPathError('unterminated quoted string');
      if (c === quote && this.input[this.pos - 2] !== '\\') break;
    }
    this.steps.push({ kind: 'literal', value: unquote(this.input.slice(start + 1, this.pos - 1)) });
  }

  /** `[...]` up to the first `]`: a union, a quoted dict key or a slice. */
  private parseArray(): void {
    const close = this.input.indexOf(']', this.pos);
    const newline = this.input.indexOf('\n', this.pos);
    if (close < 0 || (newline >= 0 && newline < close)) throw new JsonPathError('unterminated array');
    let text = this.input.slice(this.pos, close);
    this.pos = close + 1;
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      this.steps.push({ kind: 'union', branches: parts.map((p) => parseJsonPath(`[${p.trim()}]`)) });
      return;
    }
    const key = DICT_KEY.exec(text);
    // Upstream re-parses a quoted key as `.key`, so dots inside it still separate fields.
    if (key) this.steps.push(...parseJsonPath(`.${key[1]}`));
    else this.steps.push({ kind: 'array', params: sliceParams(text) });
  }

  private parseFilter(): void {
    this.pos += 3;
    const start = this.pos;
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const c = this.input[this.pos++];
      if (c === undefined || c === '\n') throw new JsonPathError('unterminated filter');
      if (c === '"' || c === "'") {
        if (!begin) {
          begin = true;
          pair = c;
        } else if (c === pair && this.input[this.pos - 2] !== '\\') {
          end = true;
        }
      } else if (c === ')' && begin === end) {
        break;
      }
    }
    if (this.input[this.pos++] !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.input.slice(start, this.pos - 2);
    const m = FILTER.exec(text);
    if (!m) {
      this.steps.push({ kind: 'filter', left: parseJsonPath(text), op: 'exists', right: [] });
    } else {
      this.steps.push({ kind: 'filter', left: parseJsonPath(m[1]!), op: m[2]!, right: parseJsonPath(m[3]!) });
    }
  }
}

function sliceParams(text: string): [SliceParam, SliceParam, SliceParam] {
  const m = SLICE.exec(text);
  if (!m) throw new JsonPathError(`invalid array index ${text}`);
  const raw = [m[1] ?? '', (m[2] ?? '').slice(1), (m[3] ?? '').slice(1)];
  const present = [m[1] !== '', m[2] !== undefined, m[3] !== undefined];
  const params = raw.map((r, i): SliceParam => {
    if (!present[i] || r === '' || r === '-') {
      if (r === '-') throw new JsonPathError(`array index ${r} is not a number`);
      return { known: false, value: 0 };
    }
    return { known: true, value: Number(r) };
  }) as [SliceParam, SliceParam, SliceParam];
  // A plain index `[n]` selects the slice [n, n+1).
  if (!present[1]) params[1] = { known: true, value: params[0].value + 1, derived: true };
  return params;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '\\': '\\', '"': '"', "'": "'",
};

function unquote(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, esc: string) => {
    if (esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
    const simple = SIMPLE_ESCAPES[esc];
    if (simple === undefined) throw new JsonPathError(`unquote string error: invalid escape \\${esc}`);
    return simple;
  });
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isAlphaNumeric(c: string): boolean {
  return c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
}

function isTerminator(c: string): boolean {
  return ' \t\r\n.,[]$@{}'.includes(c);
}
