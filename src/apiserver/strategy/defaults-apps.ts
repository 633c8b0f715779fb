// Defaulting of apps/v1 workloads (k8s.io/kubernetes/pkg/apis/apps/v1/defaults.go): replicas,
// update strategies, history limits, and the pod template's own defaults.
import { defaultPodSpec } from './defaults-pod.js';

type Obj = Record<string, unknown>;

function child(o: Obj, key: string): Obj {
  const v = o[key];
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  const created: Obj = {};
  o[key] = created;
  return created;
}
function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

function defaultTemplate(spec: Obj): void {
  const template = child(spec, 'template');
  const meta = child(template, 'metadata');
  setDefault(meta, 'creationTimestamp', null);
  defaultPodSpec(child(template, 'spec'));
}

export function defaultDeployment(d: Obj): void {
  const spec = child(d, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

export function defaultReplicaSet(rs: Obj): void {
  const spec = child(rs, 'spec');
  setDefault(spec, 'replicas', 1);
  defaultTemplate(spec);
}

export function defaultStatefulSet(sts: Obj): void {
  const spec = child(sts, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') setDefault(child(strategy, 'rollingUpdate'), 'partition', 0);
  setDefault(spec, 'revisionHistoryLimit', 10);
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  defaultTemplate(spec);
}

export function defaultDaemonSet(ds: Obj): void {
  const spec = child(ds, 'spec');
  const strategy = child(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec);
}
