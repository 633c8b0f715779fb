// The contract every table printer fulfils, plus column builders shared by them. A printer knows the
// columns of one resource and turns one object into one row; it does not handle includeObject or
// list metadata (index.ts does). Mirrors the handler pairs of k8s.io/kubernetes/pkg/printers:
// column definitions registered next to a row function.
//
// kube-apiserver always generates the wide form (priority-1 columns included); kubectl hides them
// unless `-o wide` is given, so every printer here emits all columns.
import type { KubeObject, TableColumnDefinition } from '../../api/types.js';

export interface PrintContext {
  now: Date;
}

/** metav1.TableRowCondition: pods mark finished rows so clients may fade or hide them. */
export interface RowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PrintedRow {
  cells: unknown[];
  conditions?: RowCondition[];
}

export interface Printer {
  columns: TableColumnDefinition[];
  row(obj: KubeObject, ctx: PrintContext): PrintedRow;
}

interface ColumnOptions {
  format?: string;
  priority?: number;
}

export function column(name: string, type: string, description: string, opts: ColumnOptions = {}): TableColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

/** A column only `kubectl get -o wide` shows. */
export function wide(name: string, type: string, description: string): TableColumnDefinition {
  return column(name, type, description, { priority: 1 });
}

export const NAME_COLUMN = column('Name', 'string', 'Name of the object, unique within its namespace or the cluster.', {
  format: 'name',
});

export const AGE_COLUMN = column('Age', 'string', 'Time elapsed since the object was created.');

export const CONTAINERS_COLUMN = wide('Containers', 'string', 'Names of the containers in the pod template.');
export const IMAGES_COLUMN = wide('Images', 'string', 'Images of the containers in the pod template.');

/** Object name as printers read it (Go's zero value when unset). */
export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}
