// The fallback table of kube-apiserver (k8s.io/apiserver/pkg/registry/rest DefaultTableConvertor),
// served for every resource without a dedicated printer: roles, clusterroles, CRDs themselves...
// Two columns: Name and "Created At" as an absolute UTC RFC 3339 time (type date), not an age.
import { parseTimestamp } from './duration.js';
import { column, NAME_COLUMN, nameOf, type Printer } from './printer.js';

/** Go's zero time.Time printed with time.RFC3339, what objects without a timestamp show. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, column('Created At', 'date', 'Time the object was created, in UTC.')],
  row: (obj) => ({ cells: [nameOf(obj), createdAt(obj.metadata?.creationTimestamp)] }),
};

/** Second precision, always "Z": time.Time.UTC().Format(time.RFC3339). */
export function createdAt(timestamp: unknown): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return ZERO_TIME;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
