// The patch and apply machinery of the API server: JSON patch, merge patch, strategic merge patch,
// managedFields bookkeeping and server-side apply. Pure functions over JSON values that throw
// StatusErrors worded like kube-apiserver's; handlers decide when to call them.
export { applyJsonPatch } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch, type PatchSchema } from './strategic-merge.js';
export { updateManagedFields, type UpdateManagedFieldsOptions } from './update-managed-fields.js';
export { serverSideApply, type ServerSideApplyOptions } from './server-side-apply.js';
export type { FieldManagerOptions } from './field-manager.js';
export { LAST_APPLIED } from './last-applied.js';
