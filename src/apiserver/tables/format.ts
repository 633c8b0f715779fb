// Cell formatting helpers shared by the built-in printers: label maps and label selectors rendered
// the way k8s.io/apimachinery/pkg/labels prints them, container name/image lists, host:port joins
// and the "a,b,c + N more..." truncation. They format only; they never validate label syntax (the
// API already rejected invalid objects on write).

export interface LabelSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** labels.FormatLabels: `a=1,b=2` sorted by key, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * The string of metav1.LabelSelectorAsSelector(sel): requirements sorted by key, set operators in
 * their `key in (a,b)` form. Undefined when the selector cannot be converted (unknown operator or
 * values that do not fit it); "" for a missing or empty selector.
 */
export function selectorString(sel: LabelSelector | undefined | null): string | undefined {
  if (!sel) return '';
  const parts: { key: string; text: string }[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {})) {
    parts.push({ key, text: `${key}=${sel.matchLabels![key]}` });
  }
  for (const expr of sel.matchExpressions ?? []) {
    const text = requirementString(expr);
    if (text === undefined) return undefined;
    parts.push({ key: expr.key ?? '', text });
  }
  // Array.prototype.sort is stable, which keeps same-key requirements in declaration order.
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.map((p) => p.text).join(',');
}

function requirementString(expr: LabelSelectorRequirement): string | undefined {
  const key = expr.key ?? '';
  const values = [...(expr.values ?? [])].sort();
  switch (expr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return undefined;
      return `${key} ${expr.operator === 'In' ? 'in' : 'notin'} (${values.join(',')})`;
    case 'Exists':
      return values.length === 0 ? key : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? `!${key}` : undefined;
    default:
      return undefined;
  }
}

/** metav1.FormatLabelSelector: "<none>" for an empty selector, "<error>" for an unconvertible one. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const text = selectorString(sel);
  if (text === undefined) return '<error>';
  return text === '' ? '<none>' : text;
}

export interface ContainerLike {
  name?: string;
  image?: string;
}

/** Container names and images, each comma-joined in spec order (layoutContainerCells). */
export function layoutContainers(containers: ContainerLike[] | undefined): { names: string; images: string } {
  const list = containers ?? [];
  return {
    names: list.map((c) => c.name ?? '').join(','),
    images: list.map((c) => c.image ?? '').join(','),
  };
}

/** net.JoinHostPort: IPv6 literals get brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Up to `max` items, then " + N more..." counting the rest; "<unset>" when nothing to show. */
export function listWithMore(items: string[], max = 3): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** Distinct strings in byte order, as Go's sets.String.List returns them. */
export function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
