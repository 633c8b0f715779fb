// Go-style rendering of values, as fmt prints them inside kube-apiserver messages: %v of float64
// (shortest digits, exponent form from 1e+06 on), strconv.Quote, %#v of decoded JSON
// (map[string]interface {}{...}) and %+v (map[a:b]). Validation messages embed these, so they
// must match byte for byte. It only knows the shapes decoded JSON takes (string, int64, float64,
// bool, nil, map, slice) plus literals a caller pre-renders with GoLiteral (typed Go slices).

/** A value already rendered the way Go would print it (e.g. `[]string{"a"}`). */
export class GoLiteral {
  constructor(readonly text: string) {}
}

export function goLiteral(text: string): GoLiteral {
  return new GoLiteral(text);
}

/** `[]string{"a", "b"}`: how %#v prints a typed string slice. */
export function goStringSlice(values: readonly string[]): GoLiteral {
  return new GoLiteral(`[]string{${values.map(goQuote).join(', ')}}`);
}

/** fmt's %v of a float64: strconv 'g' with the shortest digits, where exponents below -4 or from 6 on switch to e-form. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(n);
}

/** An integral JSON number decodes to int64 in Go, anything else to float64. */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER;
}

/** %v of a number as decoded from JSON (int64 when integral, float64 otherwise). */
export function goNumber(n: number): string {
  return isGoInt(n) ? String(n) : goFloat(n);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
  '"': '\\"', '\\': '\\\\',
};

/** strconv.Quote: printable runes kept, the usual backslash escapes, \x.. for other control bytes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const simple = SIMPLE_ESCAPES[ch];
    if (simple) { out += simple; continue; }
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

function sortedEntries(obj: Record<string, unknown>): [string, unknown][] {
  return Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** %#v of a value held in an interface{} (decoded JSON). */
export function goSharpV(value: unknown): string {
  if (value instanceof GoLiteral) return value.text;
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSharpV).join(', ')}}`;
  if (typeof value === 'object') {
    const body = sortedEntries(value as Record<string, unknown>).map(([k, v]) => `${goQuote(k)}:${goSharpV(v)}`);
    return `map[string]interface {}{${body.join(', ')}}`;
  }
  return String(value);
}

/** %v / %+v of decoded JSON: map[a:1 b:[x y]], strings bare, nil as <nil>. */
export function goPlusV(value: unknown): string {
  if (value instanceof GoLiteral) return value.text;
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goPlusV).join(' ')}]`;
  if (typeof value === 'object') {
    return `map[${sortedEntries(value as Record<string, unknown>).map(([k, v]) => `${k}:${goPlusV(v)}`).join(' ')}]`;
  }
  return String(value);
}

/**
 * How field.Error renders its BadValue: nil becomes the quoted string "null", strings are quoted,
 * numbers and booleans bare, everything else %#v.
 */
export function goBadValue(value: unknown): string {
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goSharpV(value);
}
