// Server-side Table conversion: what kube-apiserver answers when a client asks for
// `application/json;as=Table;v=v1;g=meta.k8s.io`, as kubectl get does by default. It mirrors the
// TableConvertor of each registry (pkg/printers, the CRD convertor, the default convertor) and the
// includeObject handling of k8s.io/apiserver/pkg/endpoints/handlers (transformObject/asTable).
// It does not negotiate media types, parse query parameters or filter objects: callers pass the
// already-selected objects, the list metadata and the parsed includeObject value.
import type { KubeObject, ListMeta, Table, TableRow } from '../../api/types.js';
import { apiVersionOf, type ResourceInfo } from '../../api/resource-info.js';
import { printerFor } from './registry.js';

export { humanDuration } from './duration.js';

/**
 * metav1.IncludeObjectPolicy. kubectl sends none (only `-o` sort-by asks for Object), and the
 * server treats an absent value as Metadata.
 */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

export const DEFAULT_INCLUDE_OBJECT: IncludeObject = 'Metadata';

export interface ToTableOptions {
  includeObject: IncludeObject;
  listMeta: ListMeta;
  /** Reference time for ages; defaults to the current time. */
  now?: Date;
}

export function toTable(info: ResourceInfo, objects: KubeObject[], opts: ToTableOptions): Table {
  const printer = printerFor(info);
  const ctx = { now: opts.now ?? new Date() };
  const rows = objects.map((obj): TableRow => {
    const printed = printer.row(obj, ctx);
    return {
      cells: printed.cells,
      ...(printed.conditions ? { conditions: printed.conditions.map((c) => ({ ...c })) } : {}),
      object: rowObject(info, obj, opts.includeObject),
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { ...opts.listMeta },
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows,
  };
}

/**
 * The `object` of a row. None gives null: kube leaves the RawExtension empty and it encodes as
 * `"object": null` rather than disappearing.
 */
function rowObject(info: ResourceInfo, obj: KubeObject, include: IncludeObject): unknown {
  switch (include) {
    case 'None':
      return null;
    case 'Object': {
      // Stored objects normally carry their type; fill it in so the row is self-describing anyway.
      const { apiVersion, kind, ...rest } = obj;
      return { apiVersion: apiVersion ?? apiVersionOf(info), kind: kind ?? info.kind, ...rest };
    }
    case 'Metadata':
    default:
      return partialObjectMetadata(obj);
  }
}

/** meta.AsPartialObjectMetadata: the whole ObjectMeta; creationTimestamp is always present (null when unset). */
function partialObjectMetadata(obj: KubeObject): unknown {
  const metadata = obj.metadata ?? {};
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: 'creationTimestamp' in metadata ? metadata : { ...metadata, creationTimestamp: null },
  };
}
