// Entry point of schema handling: strict field validation of built-in kinds (unknown and
// duplicate fields, and how kube reports them), the custom-resource pipeline of a CRD version
// (prune, default, validate) and validation/defaulting of CustomResourceDefinitions themselves.
export { findUnknownFields, findStrictErrors, findDuplicateFields, dropUnknownFields, MAX_STRICT_ERRORS, type StrictError } from './strict.js';
export {
  strictErrorText, prunedFieldText, strictDecodingMessage, strictBodyError, strictPatchError, jsonPatchStrictText,
  strictApplyError, strictWarnings,
} from './strict-render.js';
export type { JSONSchemaProps } from './schema-types.js';
export { pruneUnknownFields, pruneNonNullableNulls, pruneWithSchema } from './pruning.js';
export { applyDefaults, coerceCustomObject } from './defaulting.js';
export {
  validateCustomObject, validateCustomStatus, validateCustomResource, validateCustomResourceUpdate, type CustomResourceTarget,
} from './custom-validation.js';
export { validateValue, type OpenAPIError } from './openapi-validate.js';
export { toFieldErrors } from './openapi-errors.js';
export { validateCRD, validateCRDUpdate } from './crd-validation.js';
export { defaultCRD, prepareCRDForCreate, prepareCRDForUpdate, crdControllerStatus, type CRDNames, type CRDCondition } from './crd-defaults.js';
export { apiApprovalState, isProtectedCommunityGroup, API_APPROVED_ANNOTATION } from './crd-parts.js';
