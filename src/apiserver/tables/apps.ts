// Tables of the apps/v1 workloads: deployments, replicasets, daemonsets and statefulsets, mirroring
// their print functions in k8s.io/kubernetes/pkg/printers/internalversion. spec.replicas is read
// with its API default of 1, which kube-apiserver always has filled in before printing.
import type { KubeObject } from '../../api/types.js';
import { since } from './duration.js';
import { formatLabels, formatLabelSelector, layoutContainers, selectorString, type ContainerLike, type LabelSelector } from './format.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, nameOf, wide, type Printer } from './printer.js';

interface Workload extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector | null;
    template?: { spec?: { containers?: ContainerLike[]; nodeSelector?: Record<string, string> } };
  };
  status?: Record<string, number | undefined>;
}

const SELECTOR_COLUMN = wide('Selector', 'string', 'Label selector of the pods this workload manages.');

function parts(obj: KubeObject, now: Date) {
  const w = obj as Workload;
  const status = w.status ?? {};
  return {
    name: nameOf(w),
    replicas: w.spec?.replicas ?? 1,
    status: (field: string): number => status[field] ?? 0,
    age: since(w.metadata.creationTimestamp, now),
    ...layoutContainers(w.spec?.template?.spec?.containers),
    selector: w.spec?.selector,
    nodeSelector: w.spec?.template?.spec?.nodeSelector,
  };
}

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Ready replicas out of desired replicas.'),
    column('Up-to-date', 'string', 'Replicas running the latest pod template.'),
    column('Available', 'string', 'Replicas available to serve, ready for at least minReadySeconds.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  row: (obj, { now }) => {
    const d = parts(obj, now);
    // Unlike the other workloads, deployments print an empty selector as "" and a bad one as <invalid>.
    const selector = selectorString(d.selector) ?? '<invalid>';
    return {
      cells: [
        d.name,
        `${d.status('readyReplicas')}/${d.replicas}`,
        d.status('updatedReplicas'),
        d.status('availableReplicas'),
        d.age,
        d.names,
        d.images,
        selector,
      ],
    };
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'Number of replicas asked for.'),
    column('Current', 'integer', 'Number of replicas created.'),
    column('Ready', 'integer', 'Number of replicas ready.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  row: (obj, { now }) => {
    const r = parts(obj, now);
    return {
      cells: [
        r.name,
        r.replicas,
        r.status('replicas'),
        r.status('readyReplicas'),
        r.age,
        r.names,
        r.images,
        formatLabelSelector(r.selector),
      ],
    };
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'Number of nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Number of nodes running at least one daemon pod.'),
    column('Ready', 'integer', 'Number of nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Number of nodes running the latest pod template.'),
    column('Available', 'integer', 'Number of nodes whose daemon pod is available.'),
    column('Node Selector', 'string', 'Node selector of the pod template.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  row: (obj, { now }) => {
    const d = parts(obj, now);
    return {
      cells: [
        d.name,
        d.status('desiredNumberScheduled'),
        d.status('currentNumberScheduled'),
        d.status('numberReady'),
        d.status('updatedNumberScheduled'),
        d.status('numberAvailable'),
        formatLabels(d.nodeSelector),
        d.age,
        d.names,
        d.images,
        formatLabelSelector(d.selector),
      ],
    };
  },
};

export const statefulSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Ready replicas out of desired replicas.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  row: (obj, { now }) => {
    const s = parts(obj, now);
    return { cells: [s.name, `${s.status('readyReplicas')}/${s.replicas}`, s.age, s.names, s.images] };
  },
};
