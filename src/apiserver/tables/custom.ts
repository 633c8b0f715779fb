// Table printer for custom resources, mirroring the apiextensions-apiserver CRD table convertor:
// a Name column, then one column per additionalPrinterColumn evaluated with JSONPath. A CRD version
// without printer columns gets the single default column kube serves (Age, type date, from
// .metadata.creationTimestamp); declared columns never get an implicit Age. Like upstream, a column
// whose JSONPath does not parse ends the column list there instead of failing the request.
import type { KubeObject, TableColumnDefinition } from '../../api/types.js';
import type { CustomResourceVersion, PrinterColumn } from '../../api/resource-info.js';
import { since } from './duration.js';
import { goPrint } from './gotext.js';
import { GoFloat, JsonPathError, findResults, parseJsonPath, type Step } from './jsonpath.js';
import { NAME_COLUMN, nameOf, type PrintContext, type Printer } from './printer.js';

const DEFAULT_COLUMNS: PrinterColumn[] = [
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Time elapsed since the object was created.',
  },
];

interface CompiledColumn {
  definition: TableColumnDefinition;
  steps: Step[];
}

export function customResourcePrinter(custom: CustomResourceVersion): Printer {
  const declared = custom.printerColumns.length > 0 ? custom.printerColumns : DEFAULT_COLUMNS;
  const compiled = compileColumns(declared);
  return {
    columns: [NAME_COLUMN, ...compiled.map((c) => c.definition)],
    row: (obj, ctx) => ({ cells: [nameOf(obj), ...compiled.map((c) => cellFor(c, obj, ctx))] }),
  };
}

function compileColumns(columns: PrinterColumn[]): CompiledColumn[] {
  const out: CompiledColumn[] = [];
  for (const col of columns) {
    let steps: Step[];
    try {
      steps = parseJsonPath(col.jsonPath);
    } catch {
      break;
    }
    out.push({ definition: definitionOf(col), steps });
  }
  return out;
}

function definitionOf(col: PrinterColumn): TableColumnDefinition {
  return {
    name: col.name,
    type: col.type,
    format: col.format ?? '',
    description: col.description || `Custom resource column, JSONPath ${col.jsonPath}`,
    priority: col.priority ?? 0,
  };
}

function cellFor(col: CompiledColumn, obj: KubeObject, ctx: PrintContext): unknown {
  let results: unknown[];
  try {
    results = findResults(col.steps, obj);
  } catch (err) {
    if (err instanceof JsonPathError) return null;
    throw err;
  }
  if (results.length === 0) return null;
  // Only simple paths are expected, so the first match is the value (as upstream assumes).
  const value = unwrap(results[0]);
  if (col.definition.type === 'string') return goPrint(value);
  return typedCell(col.definition.type, value, ctx);
}

function unwrap(value: unknown): unknown {
  return value instanceof GoFloat ? value.value : value;
}

/** cellForJSONValue: typed columns keep typed JSON values; anything that does not fit is null. */
export function typedCell(type: string, value: unknown, ctx: PrintContext): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? dateCell(value, ctx) : null;
    default:
      return null;
  }
}

/** metav1.Time.UnmarshalQueryParameter then the human age; "" and "null" are Go's zero time. */
function dateCell(value: string, ctx: PrintContext): string {
  if (value === '' || value === 'null') return '<unknown>';
  const rendered = since(value, ctx.now);
  return rendered === '<unknown>' ? '<invalid>' : rendered;
}
