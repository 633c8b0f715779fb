// Names, labels, annotations, reasons and tuning knobs of the ReplicaSet and Deployment controllers,
// in one place. Values are kube-controller-manager 1.32's (pkg/controller/controller_utils.go,
// pkg/controller/deployment/util/deployment_util.go), so kubectl and users see the same strings.

/** Event sources, as `kubectl get events` shows them. */
export const REPLICASET_COMPONENT = 'replicaset-controller';
export const DEPLOYMENT_COMPONENT = 'deployment-controller';

/** The label a Deployment adds to its ReplicaSets' selector and template (apps.DefaultDeploymentUniqueLabelKey). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
/** Pods with a lower cost are deleted first when a ReplicaSet scales down. */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** Deployment annotations never copied to its ReplicaSets (and kept on rollback). */
export const ANNOTATIONS_NOT_COPIED = new Set([
  LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

/** Reasons of the Progressing and Available conditions. */
export const REASON = {
  replicaSetUpdated: 'ReplicaSetUpdated',
  failedRSCreate: 'ReplicaSetCreateError',
  newReplicaSet: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** At most this many pods are created or deleted by one ReplicaSet sync (--replicaset-burst). */
export const BURST_REPLICAS = 500;
/** Creations go in batches of 1, 2, 4, ... (controller.SlowStartInitialBatchSize). */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** Expectations not met within this time are given up on (controller.ExpectationsTimeout). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;
/** Revision history annotation length cap (maxRevHistoryLengthInChars). */
export const MAX_REVISION_HISTORY_CHARS = 2000;
/** Concurrent syncs (--concurrent-replicaset-syncs, --concurrent-deployment-syncs default 5). */
export const REPLICASET_WORKERS = 5;
export const DEPLOYMENT_WORKERS = 5;
/** progressDeadlineSeconds and revisionHistoryLimit of MaxInt32 mean "none". */
export const MAX_INT32 = 2 ** 31 - 1;
