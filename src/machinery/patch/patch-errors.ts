// The errors kube-apiserver's PATCH handler (endpoints/handlers/patch.go) returns while applying a
// patch, as StatusErrors with the same code, reason and message. Validation of the patched object
// happens later in the update path and is not here.
import { StatusError } from '../errors.js';

/** 400 from decoding the patch body (json-patch and merge-patch prefix "error decoding patch: "). */
export function patchDecodeError(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

/**
 * 422 for a JSON patch operation that fails (bad path, failed test, unknown op): kube wraps the
 * cause in a generic server response, so the client only ever sees this fixed text.
 */
export function jsonPatchApplyError(): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

export function tooManyOperations(count: number, max: number): StatusError {
  return new StatusError(
    413,
    'RequestEntityTooLarge',
    `Request entity too large: The allowed maximum operations in a JSON patch is ${max}, got ${count}`,
  );
}

/**
 * Strategic-merge errors kube maps explicitly: malformed directives are 400, lists of lists and
 * retainKeys mismatches are 422 (again with the generic text); anything else escapes as a plain
 * error, which the API server renders as a 500 whose reason is empty.
 */
export function smpBadRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function smpUnprocessable(): StatusError {
  return jsonPatchApplyError();
}

export function plainServerError(message: string): StatusError {
  const err = new StatusError(500, '', message);
  // metav1.Status omits an empty reason.
  delete (err.status as { reason?: string }).reason;
  return err;
}

/** CRDs do not serve application/strategic-merge-patch+json: the content type is refused up front. */
export function strategicMergeUnsupported(): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: '
      + 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );
}
