// Strategies of apps/v1 workloads: defaults, generation tracking, status kept on main-resource
// updates, and the validation kubectl users meet most: a selector is required, must match the
// template's labels, and is immutable.
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { fieldErrors, type FieldError } from '../../machinery/errors.js';
import { matchesSelector } from '../../machinery/selectors.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './defaults-apps.js';
import { validatePodSpec } from './core-strategies.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

const DEFAULTERS: Record<string, (o: Obj) => void> = {
  deployments: defaultDeployment,
  replicasets: defaultReplicaSet,
  statefulsets: defaultStatefulSet,
  daemonsets: defaultDaemonSet,
};

/** A metav1.LabelSelector as a selector requirement list. */
export function labelSelectorRequirements(selector: Obj) {
  const reqs: { key: string; op: 'in' | 'notin' | 'exists' | '!'; values: string[] }[] = [];
  for (const [key, value] of Object.entries(asObj(selector.matchLabels))) reqs.push({ key, op: 'in', values: [String(value)] });
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const ex = asObj(e);
    const values = Array.isArray(ex.values) ? ex.values.map(String) : [];
    const op = ex.operator === 'In' ? 'in' : ex.operator === 'NotIn' ? 'notin' : ex.operator === 'Exists' ? 'exists' : '!';
    reqs.push({ key: String(ex.key), op, values });
  }
  return reqs;
}

function validateWorkload(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = asObj(obj.spec);
  const template = asObj(spec.template);
  const labels = asObj(asObj(template.metadata).labels) as Record<string, string>;
  if (spec.selector === undefined || spec.selector === null) {
    errs.push(fieldErrors.required('spec.selector'));
  } else {
    const reqs = labelSelectorRequirements(asObj(spec.selector));
    if (reqs.length === 0) {
      errs.push(fieldErrors.invalid('spec.selector', spec.selector, 'empty selector is invalid for deployment'));
    } else if (!matchesSelector(reqs as never, labels)) {
      errs.push(fieldErrors.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
    }
  }
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    errs.push(fieldErrors.invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  }
  errs.push(...validatePodSpec(asObj(template.spec), 'spec.template.spec'));
  return errs;
}

export function appsStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  const defaulter = DEFAULTERS[info.resource] ?? (() => {});
  return {
    ...base,
    tracksGeneration: true,
    fieldSelectors: info.resource === 'replicasets' ? ['status.replicas'] : [],
    defaults(obj) { defaulter(obj as Obj); },
    validate(obj, resource) {
      return [...base.validate(obj, resource), ...validateWorkload(obj)];
    },
    validateUpdate(obj, old, resource) {
      const errs = [...base.validateUpdate(obj, old, resource), ...validateWorkload(obj)];
      const sel = asObj(obj.spec).selector;
      if (JSON.stringify(sel) !== JSON.stringify(asObj(old.spec).selector)) {
        errs.push(fieldErrors.invalid('spec.selector', sel, 'field is immutable'));
      }
      return errs;
    },
  };
}
