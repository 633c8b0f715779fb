// Strategy of batch/v1 Jobs (k8s.io/kubernetes pkg/apis/batch/v1/defaults.go and
// pkg/registry/batch/job/strategy.go): defaults (completions and parallelism 1, backoffLimit 6,
// NonIndexed, not suspended), the selector and pod labels kube generates from the Job's uid unless
// manualSelector is set, generation tracking, status kept on main-resource updates, and the
// validation kubectl users meet: restartPolicy OnFailure or Never, a selector matching the
// template, an immutable selector and template. Not covered: podFailurePolicy, successPolicy,
// backoffLimitPerIndex, and CronJobs.
import type { ResourceInfo } from '../../api/resource-info.js';
import type { KubeObject } from '../../api/types.js';
import { fieldErrors, type FieldError } from '../../machinery/errors.js';
import { asObject, type JsonObject } from '../../machinery/json.js';
import { matchesSelector } from '../../machinery/selectors.js';
import { labelSelectorRequirements } from './apps-strategies.js';
import { validatePodSpec } from './core-strategies.js';
import { defaultPodSpec } from './defaults-pod.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';

export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
} as const;

function child(o: JsonObject, key: string): JsonObject {
  const v = o[key];
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as JsonObject;
  return (o[key] = {});
}
function setDefault(o: JsonObject, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

export function defaultJob(job: JsonObject): void {
  const spec = child(job, 'spec');
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'manualSelector', false);
  setDefault(spec, 'podReplacementPolicy', spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed');
  const template = child(spec, 'template');
  setDefault(child(template, 'metadata'), 'creationTimestamp', null);
  defaultPodSpec(child(template, 'spec'));
  defaultJobLabels(job);
}

/** A Job without labels takes its template's (SetDefaults_Job; kube applies it on every read). */
function defaultJobLabels(job: JsonObject): void {
  const meta = child(job, 'metadata');
  const labels = asObject(asObject(asObject(asObject(job.spec).template).metadata).labels);
  if (Object.keys(asObject(meta.labels)).length === 0 && Object.keys(labels).length > 0) meta.labels = { ...labels };
}

/** generateSelector: the template carries the Job's uid and name, the selector its uid. */
export function generateJobSelector(job: KubeObject): void {
  const spec = asObject(job.spec);
  if (spec.manualSelector === true) return;
  const uid = job.metadata.uid ?? '';
  const meta = child(child(spec, 'template'), 'metadata');
  meta.labels = {
    ...asObject(meta.labels),
    [JOB_LABELS.controllerUid]: uid, [JOB_LABELS.jobName]: job.metadata.name ?? '',
    [JOB_LABELS.legacyControllerUid]: uid, [JOB_LABELS.legacyJobName]: job.metadata.name ?? '',
  };
  if (spec.selector === undefined || spec.selector === null) spec.selector = { matchLabels: { [JOB_LABELS.controllerUid]: uid } };
  defaultJobLabels(job as JsonObject);
}

const NON_NEGATIVE = ['parallelism', 'completions', 'backoffLimit'] as const;

function validateJob(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = asObject(obj.spec);
  for (const f of NON_NEGATIVE) {
    if (typeof spec[f] === 'number' && (spec[f] as number) < 0) errs.push(fieldErrors.invalid(`spec.${f}`, spec[f], 'must be greater than or equal to 0'));
  }
  const template = asObject(spec.template);
  const podSpec = asObject(template.spec);
  const rp = podSpec.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') {
    errs.push(rp === undefined
      ? fieldErrors.required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"')
      : fieldErrors.notSupported('spec.template.spec.restartPolicy', rp, ['OnFailure', 'Never']));
  }
  if (spec.selector === undefined || spec.selector === null) {
    errs.push(fieldErrors.required('spec.selector'));
  } else {
    const reqs = labelSelectorRequirements(asObject(spec.selector));
    const labels = asObject(asObject(template.metadata).labels) as Record<string, string>;
    if (!matchesSelector(reqs as never, labels)) {
      errs.push(fieldErrors.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
    }
  }
  errs.push(...validatePodSpec(podSpec, 'spec.template.spec').filter((e) => e.field !== 'spec.template.spec.restartPolicy'));
  return errs;
}

export function jobStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    tracksGeneration: true,
    defaults(obj) { defaultJob(obj as JsonObject); },
    prepareForCreate(obj, ctx) {
      base.prepareForCreate(obj, ctx);
      generateJobSelector(obj);
    },
    validate(obj, resource) {
      return [...base.validate(obj, resource), ...validateJob(obj)];
    },
    validateUpdate(obj, old, resource) {
      const errs = [...base.validateUpdate(obj, old, resource), ...validateJob(obj)];
      const spec = asObject(obj.spec);
      const oldSpec = asObject(old.spec);
      if (JSON.stringify(spec.selector) !== JSON.stringify(oldSpec.selector)) errs.push(fieldErrors.invalid('spec.selector', spec.selector, 'field is immutable'));
      if (JSON.stringify(spec.template) !== JSON.stringify(oldSpec.template) && oldSpec.suspend !== true) {
        errs.push(fieldErrors.invalid('spec.template', spec.template, 'field is immutable'));
      }
      if (spec.completions !== oldSpec.completions) errs.push(fieldErrors.invalid('spec.completions', spec.completions, 'field is immutable'));
      return errs;
    },
  };
}
