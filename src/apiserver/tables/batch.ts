// Tables of batch/v1 Jobs and apps/v1 ControllerRevisions, mirroring printJob and
// printControllerRevision in k8s.io/kubernetes/pkg/printers/internalversion (kube 1.32 columns:
// a Job's STATUS, COMPLETIONS and DURATION; a revision's controller as `kind.group/name`).
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { asObject } from '../../machinery/json.js';
import { humanDuration, parseTimestamp, since } from './duration.js';
import { formatLabelSelector, layoutContainers, type ContainerLike, type LabelSelector } from './format.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, nameOf, wide, type Printer } from './printer.js';

interface JobLike extends KubeObject {
  spec?: { completions?: number | null; parallelism?: number; selector?: LabelSelector | null; template?: { spec?: { containers?: ContainerLike[] } } };
  status?: { conditions?: { type: string; status: string }[]; succeeded?: number; startTime?: string; completionTime?: string };
}

const hasCondition = (job: JobLike, type: string) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

export function jobStatus(job: JobLike): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

export function jobCompletions(job: JobLike): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: JobLike, now: Date): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime) ?? now.getTime();
  return humanDuration(end - start);
}

export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', 'The desired number of successfully finished pods the job should be run with.'),
    column('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    wide('Selector', 'string', 'A label query over pods that should match the pod count.'),
  ],
  row: (obj, { now }) => {
    const job = obj as JobLike;
    const { names, images } = layoutContainers(job.spec?.template?.spec?.containers);
    return {
      cells: [nameOf(job), jobStatus(job), jobCompletions(job), jobDuration(job, now), since(job.metadata.creationTimestamp, now), names, images, formatLabelSelector(job.spec?.selector)],
    };
  },
};

function controllerName(refs: OwnerReference[] | undefined): string {
  const ref = (refs ?? []).find((r) => r.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : '';
  return `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`;
}

export const controllerRevisionPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'string', 'Controller of the object.'),
    column('Revision', 'integer', 'Revision of the ControllerRevision.'),
    AGE_COLUMN,
  ],
  row: (obj, { now }) => {
    const revision = asObject(obj).revision;
    return { cells: [nameOf(obj), controllerName(obj.metadata.ownerReferences), typeof revision === 'number' ? revision : 0, since(obj.metadata.creationTimestamp, now)] };
  },
};
