// Failures raised inside the strategic merge (k8s.io/apimachinery mergepatch errors) and how the
// PATCH handler turns them into API statuses: the well-known sentinel errors become 400 or 422,
// every other error escapes untyped and is rendered as a 500 with an empty reason.
import type { StatusError } from '../errors.js';
import { goFormat } from './json-value.js';
import { plainServerError, smpBadRequest, smpUnprocessable } from './patch-errors.js';

export class SmpError extends Error {
  constructor(readonly kind: 'badRequest' | 'unprocessable' | 'other', message: string) {
    super(message);
  }
}

export const smpErrors = {
  primitiveListFormat: () => new SmpError('badRequest', 'invalid patch format of primitive list'),
  retainKeysFormat: () => new SmpError('badRequest', 'invalid patch format of retainKeys'),
  setElementOrderFormat: () => new SmpError('badRequest', 'invalid patch format of setElementOrder list'),
  listOfLists: () => new SmpError('unprocessable', 'lists of lists are not supported'),
  noMergeKey: (m: unknown, key: string) => new SmpError('other', `map: ${goFormat(m)} does not contain declared merge key: ${key}`),
  badPatchType: (t: unknown, m: unknown) => new SmpError('other', `unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`),
  mergeDirectiveInList: () => new SmpError('other', 'merging lists cannot yet be specified in the patch'),
  other: (message: string) => new SmpError('other', message),
};

export function toStatusError(err: SmpError): StatusError {
  if (err.kind === 'badRequest') return smpBadRequest(err.message);
  if (err.kind === 'unprocessable') return smpUnprocessable();
  return plainServerError(err.message);
}
