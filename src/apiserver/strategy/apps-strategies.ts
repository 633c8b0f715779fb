// Strategies of apps/v1 workloads: defaults, generation tracking, status kept on main-resource
// updates, and the validation kubectl users meet most: a selector is required, must match the
// template's labels, and is immutable.
import { asObject, type JsonObject } from '../../machinery/json.js';
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { fieldErrors, type FieldError } from '../../machinery/errors.js';
import { matchesSelector } from '../../machinery/selectors.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './defaults-apps.js';
import { validatePodSpec } from './core-strategies.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';


const DEFAULTERS: Record<string, (o: JsonObject) => void> = {
  deployments: defaultDeployment,
  replicasets: defaultReplicaSet,
  statefulsets: defaultStatefulSet,
  daemonsets: defaultDaemonSet,
};

/** A metav1.LabelSelector as a selector requirement list. */
export function labelSelectorRequirements(selector: JsonObject) {
  const reqs: { key: string; op: 'in' | 'notin' | 'exists' | '!'; values: string[] }[] = [];
  for (const [key, value] of Object.entries(asObject(selector.matchLabels))) reqs.push({ key, op: 'in', values: [String(value)] });
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const ex = asObject(e);
    const values = Array.isArray(ex.values) ? ex.values.map(String) : [];
    const op = ex.operator === 'In' ? 'in' : ex.operator === 'NotIn' ? 'notin' : ex.operator === 'Exists' ? 'exists' : '!';
    reqs.push({ key: String(ex.key), op, values });
  }
  return reqs;
}

function validateWorkload(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = asObject(obj.spec);
  const template = asObject(spec.template);
  const labels = asObject(asObject(template.metadata).labels) as Record<string, string>;
  if (spec.selector === undefined || spec.selector === null) {
    errs.push(fieldErrors.required('spec.selector'));
  } else {
    const reqs = labelSelectorRequirements(asObject(spec.selector));
    if (reqs.length === 0) {
      errs.push(fieldErrors.invalid('spec.selector', spec.selector, 'empty selector is invalid for deployment'));
    } else if (!matchesSelector(reqs as never, labels)) {
      errs.push(fieldErrors.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
    }
  }
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    errs.push(fieldErrors.invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  }
  errs.push(...validatePodSpec(asObject(template.spec), 'spec.template.spec'));
  return errs;
}

export function appsStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  const defaulter = DEFAULTERS[info.resource] ?? (() => {});
  return {
    ...base,
    tracksGeneration: true,
    fieldSelectors: info.resource === 'replicasets' ? ['status.replicas'] : [],
    defaults(obj) { defaulter(obj as JsonObject); },
    validate(obj, resource) {
      return [...base.validate(obj, resource), ...validateWorkload(obj)];
    },
    validateUpdate(obj, old, resource) {
      const errs = [...base.validateUpdate(obj, old, resource), ...validateWorkload(obj)];
      const sel = asObject(obj.spec).selector;
      if (JSON.stringify(sel) !== JSON.stringify(asObject(old.spec).selector)) {
        errs.push(fieldErrors.invalid('spec.selector', sel, 'field is immutable'));
      }
      return errs;
    },
  };
}
