// Label and field selectors as kube-apiserver parses them from `labelSelector`/`fieldSelector`
// query parameters (k8s.io/apimachinery/pkg/labels and fields): =, ==, !=, in, notin, exists, !key,
// and for fields =, ==, != on the paths each kind supports. Parse errors become 400 BadRequest
// with the apimachinery wording.
import type { KubeObject } from '../api/types.js';
import { badRequest } from './errors.js';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export type Selector = Requirement[];

const KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t.length > 0);
}

function checkKey(key: string): string {
  if (!KEY_RE.test(key)) {
    throw badRequest(`unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`);
  }
  return key;
}

export function parseLabelSelector(input: string | null | undefined): Selector {
  if (!input) return [];
  return splitTerms(input).map(parseTerm);
}

function parseTerm(term: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
  if (setMatch) {
    const values = setMatch[3]!.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
    return { key: checkKey(setMatch[1]!), op: setMatch[2] as 'in' | 'notin', values };
  }
  const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
  if (eq) {
    const op = eq[2] === '!=' ? 'notin' : 'in';
    return { key: checkKey(eq[1]!), op, values: [eq[3]!.trim()] };
  }
  if (term.startsWith('!')) return { key: checkKey(term.slice(1).trim()), op: '!' };
  if (/^\S+$/.test(term)) return { key: checkKey(term), op: 'exists' };
  throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
}

export function matchesSelector(selector: Selector, labels: Record<string, string> | undefined): boolean {
  for (const r of selector) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = has ? labels![r.key]! : undefined;
    switch (r.op) {
      case 'exists': if (!has) return false; break;
      case '!': if (has) return false; break;
      case 'in': if (!has || !r.values.includes(value!)) return false; break;
      case 'notin': if (has && r.values.includes(value!)) return false; break;
    }
  }
  return true;
}

export interface FieldRequirement { field: string; op: '=' | '!='; value: string }

export function parseFieldSelector(input: string | null | undefined): FieldRequirement[] {
  if (!input) return [];
  return input.split(',').map((t) => t.trim()).filter(Boolean).map((term) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${input}'; can't understand '${term}'`);
    return { field: m[1]!.trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3]!.trim() };
  });
}

/** Reads a dotted field path (`spec.nodeName`, `metadata.name`) from an object as a string. */
export function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === '='));
}

/** A metav1.LabelSelector object (matchLabels, matchExpressions) as a Selector; empty matches all. */
export function selectorFromLabelSelector(sel: {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
} | undefined): Selector {
  const out: Selector = Object.entries(sel?.matchLabels ?? {}).map(([key, v]) => ({ key, op: 'in' as const, values: [v] }));
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === 'In' || e.operator === 'NotIn') {
      out.push({ key: e.key, op: e.operator === 'In' ? 'in' : 'notin', values: e.values ?? [] });
    } else {
      out.push({ key: e.key, op: e.operator === 'Exists' ? 'exists' : '!' });
    }
  }
  return out;
}
