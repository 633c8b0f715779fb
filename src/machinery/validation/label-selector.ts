// Validation of metav1.LabelSelector objects found in specs (Deployment.spec.selector and the
// like), as pkg/apis/meta/v1/validation does: matchLabels keys and values, and matchExpressions
// operators, keys and values. Parsing the `labelSelector` query string is machinery/selectors.ts.
import type { FieldError } from '../errors.js';
import { child, forbidden, index, invalid, required } from './field.js';
import { validateLabelName, validateLabels } from './meta-parts.js';
import { isValidLabelValue } from './names.js';

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface LabelSelectorOptions {
  /** Accept values that are not valid label values (kube allows it for already persisted data). */
  allowInvalidLabelValueInSelector?: boolean;
  /** Accept operators other than In, NotIn, Exists, DoesNotExist. */
  allowUnknownOperatorInRequirement?: boolean;
}

export function validateLabelSelectorRequirement(
  req: LabelSelectorRequirement,
  path: string,
  opts: LabelSelectorOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      if (!opts.allowUnknownOperatorInRequirement) {
        errs.push(invalid(child(path, 'operator'), req.operator ?? '', 'not a valid selector operator'));
      }
  }
  errs.push(...validateLabelName(req.key ?? '', child(path, 'key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      errs.push(...isValidLabelValue(v).map((msg) => invalid(index(child(path, 'values'), i), v, msg)));
    });
  }
  return errs;
}

export function validateLabelSelector(
  selector: LabelSelector | null | undefined,
  path: string,
  opts: LabelSelectorOptions = {},
): FieldError[] {
  if (!selector) return [];
  const errs = validateLabels(selector.matchLabels, child(path, 'matchLabels'));
  (selector.matchExpressions ?? []).forEach((req, i) => {
    errs.push(...validateLabelSelectorRequirement(req, index(child(path, 'matchExpressions'), i), opts));
  });
  return errs;
}
