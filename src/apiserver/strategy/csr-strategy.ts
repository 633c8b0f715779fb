// CertificateSigningRequests as kube-apiserver stores them: on create the requester's identity is
// recorded in spec (username, groups, uid) and status is cleared; spec never changes afterwards;
// approval conditions change only through /approval, the certificate only through /status.
import type { ResourceInfo } from '../../api/resource-info.js';
import { fieldErrors, type FieldError } from '../../machinery/errors.js';
import { asObject } from '../../machinery/json.js';
import { isCertificateRequestPem } from '../../machinery/pki.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';

function validateSpec(spec: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const request = typeof spec.request === 'string' ? Buffer.from(spec.request, 'base64').toString('utf8') : '';
  if (!request) errs.push(fieldErrors.required('spec.request'));
  else if (!isCertificateRequestPem(request)) {
    errs.push(fieldErrors.invalid('spec.request', '<bytes>', 'PEM block type must be CERTIFICATE REQUEST'));
  }
  if (!spec.signerName) errs.push(fieldErrors.required('spec.signerName'));
  if (!Array.isArray(spec.usages) || spec.usages.length === 0) errs.push(fieldErrors.required('spec.usages'));
  const seconds = spec.expirationSeconds;
  if (seconds !== undefined && (typeof seconds !== 'number' || seconds < 600)) {
    errs.push(fieldErrors.invalid('spec.expirationSeconds', seconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  return errs;
}

export function csrStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    prepareForCreate(obj, ctx) {
      // The requester is whoever created the object, whatever the body claimed.
      const spec = asObject(obj.spec);
      obj.spec = { ...spec, username: ctx.user.name, groups: ctx.user.groups, ...(ctx.user.uid ? { uid: ctx.user.uid } : {}) };
      obj.status = {};
    },
    prepareForUpdate(obj, old) {
      obj.spec = old.spec;
      obj.status = old.status;
    },
    validate(obj, resource) {
      return [...base.validate(obj, resource), ...validateSpec(asObject(obj.spec))];
    },
    validateUpdate(obj, old, resource) {
      const errs = base.validateUpdate(obj, old, resource);
      const conditions = (asObject(obj.status).conditions as { type?: string }[] | undefined) ?? [];
      const approved = conditions.some((c) => c.type === 'Approved');
      const denied = conditions.some((c) => c.type === 'Denied');
      if (approved && denied) {
        errs.push(fieldErrors.invalid('status.conditions', 'Approved', 'Approved and Denied conditions are mutually exclusive'));
      }
      return errs;
    },
  };
}
