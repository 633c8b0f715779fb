// Names, reasons and messages of the Job controller, as kube-controller-manager 1.32 writes them
// (pkg/controller/job, k8s.io/api batch/v1), so `kubectl describe job` and `kubectl wait` see
// kube's strings.
export const JOB_COMPONENT = 'job-controller';
export const JOB_WORKERS = 2;
/** At most this many pods are created by one sync (--job burst, controller.BurstReplicas). */
export const JOB_BURST = 500;

export const REASON = {
  completionsReached: 'CompletionsReached',
  backoffLimitExceeded: 'BackoffLimitExceeded',
  deadlineExceeded: 'DeadlineExceeded',
  suspended: 'JobSuspended',
} as const;

export const MESSAGE = {
  completionsReached: 'Reached expected number of succeeded pods',
  backoffLimitExceeded: 'Job has reached the specified backoff limit',
  deadlineExceeded: 'Job was active longer than specified deadline',
  suspended: 'Job suspended',
} as const;
