// Server-side field validation (the `fieldValidation` query parameter kubectl sets to Strict):
// unknown fields are an error under Strict, a Warning header under Warn (the server default), and
// silently dropped under Ignore. Built-in kinds are checked against their models and the unknown
// fields dropped, as the typed decoder does; custom resources are checked by pruning a copy against
// their structural schema (the strategy prunes the object itself).
import type { KubeObject } from '../api/types.js';
import { modelNameFor } from '../api/models.js';
import { badRequest } from '../machinery/errors.js';
import {
  dropUnknownFields, findUnknownFields, prunedFieldText, pruneUnknownFields, strictBodyError, strictErrorText,
  strictWarnings, type JSONSchemaProps,
} from './schema/index.js';
import type { RequestScope } from './handlers/scope.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationMode(query: URLSearchParams): FieldValidation {
  const v = query.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation: Invalid value: "${v}": fieldValidation must be one of "Ignore", "Warn", or "Strict"`);
}

/** Reports unknown fields per the mode, then drops them from built-in objects. */
export function checkUnknownFields(scope: RequestScope, obj: KubeObject): void {
  const mode = fieldValidationMode(scope.query);
  const model = scope.info.custom ? undefined : modelNameFor(scope.info);
  if (mode !== 'Ignore') {
    const texts = unknownFieldTexts(scope, obj, model);
    if (texts.length > 0 && mode === 'Strict') throw strictBodyError(scope.info.kind, scope.info.version, texts);
    scope.warnings.push(...strictWarnings(texts));
  }
  if (model) dropUnknownFields(model, obj);
}

function unknownFieldTexts(scope: RequestScope, obj: KubeObject, model: string | undefined): string[] {
  if (model) return findUnknownFields(model, obj).map((path) => strictErrorText({ type: 'unknown', path }));
  const schema = scope.info.custom?.schema as JSONSchemaProps | undefined;
  if (!schema) return [];
  return pruneUnknownFields(schema, structuredClone(obj) as unknown as Record<string, unknown>).map(prunedFieldText);
}
