// Evaluates parsed JSONPath steps over decoded JSON the way client-go's jsonpath does with
// AllowMissingKeys(true), the mode kube-apiserver uses for CRD printer columns: a missing key
// yields no result, while a malformed access (indexing a map, an index out of bounds, comparing
// values of different kinds) is an error. Results keep document order; a JSON null found under a
// key is a result of its own (kept as null), unlike a key that is absent.
import { GoFloat, JsonPathError, parseJsonPath, type SliceParam, type Step } from './jsonpath-parse.js';

export { GoFloat, JsonPathError, parseJsonPath, type Step };

/** All values the path selects in `data`. Throws JsonPathError when upstream would fail. */
export function findResults(steps: Step[], data: unknown): unknown[] {
  return evalSteps([data], steps);
}

function evalSteps(input: unknown[], steps: Step[]): unknown[] {
  let current = input;
  for (const step of steps) current = evalStep(current, step);
  return current;
}

function evalStep(input: unknown[], step: Step): unknown[] {
  switch (step.kind) {
    case 'field': return evalField(input, step.name);
    case 'wildcard': return input.flatMap(children);
    case 'recursive': return evalRecursive(input);
    case 'array': return evalArray(input, step.params);
    case 'union': return step.branches.flatMap((branch) => evalSteps(input, branch));
    case 'filter': return evalFilter(input, step);
    case 'literal': return [step.value];
    case 'identifier': throw new JsonPathError(`unrecognized identifier ${step.name}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoFloat);
}

function evalField(input: unknown[], name: string): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, name)) out.push(value[name]);
  }
  return out;
}

/** Members of a map or array; a string yields its UTF-8 bytes, as Go indexes strings by byte. */
function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return Object.values(value);
  if (typeof value === 'string') return [...Buffer.from(value, 'utf8')];
  return [];
}

function evalRecursive(input: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    const nested = children(value);
    if (nested.length === 0) continue;
    out.push(value, ...evalRecursive(nested));
  }
  return out;
}

function evalArray(input: unknown[], params: [SliceParam, SliceParam, SliceParam]): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) throw new JsonPathError(`${kindName(value)} is not array or slice`);
    const len = value.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += len;
    let end = params[1].known ? params[1].value : len;
    if (end < 0 || (end === 0 && params[1].derived)) end += len;
    // Selecting zero elements ends the evaluation with what was gathered so far (upstream quirk).
    if (start === end) return out;
    if (start < 0 || start >= len) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
    if (end < 0 || end > len) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
    if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
    // Go's three-index slice sets capacity, not a stride: it only has to be within bounds.
    const cap = params[2];
    if (cap.known && (cap.value < end || cap.value > len)) throw new JsonPathError('slice capacity out of range');
    out.push(...value.slice(start, end));
  }
  return out;
}

function evalFilter(input: unknown[], step: Extract<Step, { kind: 'filter' }>): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    if (!Array.isArray(value)) throw new JsonPathError(`${kindName(value)} is not array or slice and cannot be filtered`);
    for (const element of value) {
      if (step.op === 'exists') {
        if (existsLeft(element, step.left)) out.push(element);
        continue;
      }
      const left = single(evalSteps([element], step.left));
      const right = single(evalSteps([element], step.right));
      if (compare(step.op, left, right)) out.push(element);
    }
  }
  return out;
}

function existsLeft(element: unknown, left: Step[]): boolean {
  try {
    return evalSteps([element], left).length > 0;
  } catch {
    return false;
  }
}

function single(values: unknown[]): unknown {
  if (values.length !== 1) throw new JsonPathError('can only compare one element at a time');
  return values[0];
}

type Kind = 'bool' | 'int' | 'float' | 'string';

/** Go text/template's basicKind: only scalars compare; ints and floats are different kinds. */
function kindOf(v: unknown): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  throw new JsonPathError('invalid type for comparison');
}

function scalar(v: unknown): number | string | boolean {
  return v instanceof GoFloat ? v.value : (v as number | string | boolean);
}

function compare(op: string, left: unknown, right: unknown): boolean {
  const kl = kindOf(left);
  const kr = kindOf(right);
  if (kl !== kr) throw new JsonPathError('incompatible types for comparison');
  const a = scalar(left);
  const b = scalar(right);
  const less = (): boolean => {
    if (kl === 'bool') throw new JsonPathError('invalid type for comparison');
    return a < b;
  };
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return less();
    case '<=': return less() || a === b;
    case '>': return !(less() || a === b);
    case '>=': return !less();
    default: throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

function kindName(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}';
  if (isRecord(v)) return 'map[string]interface {}';
  return typeof v;
}

/** Convenience for callers holding the path as text: parse errors and evaluation errors both throw. */
export function evaluate(path: string, data: unknown): unknown[] {
  return findResults(parseJsonPath(path), data);
}
