// kube validates a CRD after converting it from v1 to its internal version, and that conversion
// hoists per-version schema, subresources and printer columns to the top level when every
// version has the same value (apiextensions/v1/conversion.go). Error paths follow that internal
// shape: a single-version CRD's schema errors read `spec.validation.openAPIV3Schema...`, and a
// CRD with differing schemas reads `spec.versions[1].schema.openAPIV3Schema...`. This module
// computes that view, plus the %#v rendering of the internal versions list some messages embed.
import { goLiteral, goQuote, type GoLiteral } from '../../machinery/validation/gofmt.js';
import { isObj, jsonEqual, type JSONSchemaProps, type Obj } from './schema-types.js';

export interface CRDVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: { status?: Obj; scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: Obj[];
  selectableFields?: Obj[];
}

export interface InternalView {
  versions: CRDVersion[];
  /** Set when every version has the same (possibly absent) schema: validated once at spec.validation. */
  schemaHoisted: boolean;
  subresourcesHoisted: boolean;
  columnsHoisted: boolean;
  selectableHoisted: boolean;
}

function allEqual(versions: CRDVersion[], pick: (v: CRDVersion) => unknown): boolean {
  const first = pick(versions[0]!);
  return versions.every((v) => jsonEqual(pick(v) ?? null, first ?? null));
}

/** Empty lists decode to nil slices in Go, so they compare equal to absent ones. */
const list = (v: unknown[] | undefined): unknown[] | undefined => (v && v.length ? v : undefined);

export function internalView(spec: Obj): InternalView {
  const versions = (Array.isArray(spec.versions) ? spec.versions : []).map((v) => (isObj(v) ? v : {})) as CRDVersion[];
  if (versions.length === 0) {
    return { versions, schemaHoisted: false, subresourcesHoisted: false, columnsHoisted: false, selectableHoisted: false };
  }
  return {
    versions,
    schemaHoisted: allEqual(versions, (v) => v.schema),
    subresourcesHoisted: allEqual(versions, (v) => v.subresources),
    columnsHoisted: allEqual(versions, (v) => list(v.additionalPrinterColumns)),
    selectableHoisted: allEqual(versions, (v) => list(v.selectableFields)),
  };
}

/** The hoisted top-level schema, or undefined when per-version (or absent). */
export function hoistedSchema(view: InternalView): JSONSchemaProps | undefined {
  return view.schemaHoisted ? view.versions[0]?.schema?.openAPIV3Schema : undefined;
}

const PTR = '0xc000010000'; // Go prints addresses; any fixed one is as good as another.

function goColumns(cols: Obj[] | undefined, hoisted: boolean): string {
  if (hoisted || !cols || cols.length === 0) return '[]apiextensions.CustomResourceColumnDefinition(nil)';
  const one = (c: Obj): string => `apiextensions.CustomResourceColumnDefinition{Name:${goQuote(String(c.name ?? ''))}, `
    + `Type:${goQuote(String(c.type ?? ''))}, Format:${goQuote(String(c.format ?? ''))}, Description:${goQuote(String(c.description ?? ''))}, `
    + `Priority:${Number(c.priority ?? 0)}, JSONPath:${goQuote(String(c.jsonPath ?? ''))}}`;
  return `[]apiextensions.CustomResourceColumnDefinition{${cols.map(one).join(', ')}}`;
}

function goVersion(v: CRDVersion, view: InternalView): string {
  const ptr = (present: boolean, type: string): string => `(*${type})(${present ? PTR : 'nil'})`;
  const selectable = !view.selectableHoisted && list(v.selectableFields) ? `[]apiextensions.SelectableField{...}` : '[]apiextensions.SelectableField(nil)';
  return `apiextensions.CustomResourceDefinitionVersion{Name:${goQuote(v.name ?? '')}, Served:${v.served === true}, `
    + `Storage:${v.storage === true}, Deprecated:${v.deprecated === true}, DeprecationWarning:${ptr(v.deprecationWarning !== undefined, 'string')}, `
    + `Schema:${ptr(!view.schemaHoisted && v.schema !== undefined, 'apiextensions.CustomResourceValidation')}, `
    + `Subresources:${ptr(!view.subresourcesHoisted && v.subresources !== undefined, 'apiextensions.CustomResourceSubresources')}, `
    + `AdditionalPrinterColumns:${goColumns(v.additionalPrinterColumns, view.columnsHoisted)}, SelectableFields:${selectable}}`;
}

/** %#v of the internal spec.versions, as printed by `spec.versions: Invalid value: ...` errors. */
export function goVersions(view: InternalView): GoLiteral {
  if (view.versions.length === 0) return goLiteral('[]apiextensions.CustomResourceDefinitionVersion(nil)');
  return goLiteral(`[]apiextensions.CustomResourceDefinitionVersion{${view.versions.map((v) => goVersion(v, view)).join(', ')}}`);
}
