// Daemon pods as kube-controller-manager's DaemonSet controller makes them (pkg/controller/daemon
// and daemon/util): the template's pod with the daemon tolerations added, its required node
// affinity replaced by `matchFields metadata.name In [<node>]` so the scheduler binds it there
// (kube >= 1.12, ScheduleDaemonSetPods), the revision hash and template generation labels, and
// the DaemonSet as controller. Also which nodes should run a daemon pod at all
// (NodeShouldRunDaemonPod), and which node a pod is meant for (GetTargetNodeName).
import type { Node, Pod, PodSpec, Toleration } from '../../api/core-v1.js';
import type { DaemonSet } from '../../api/apps-batch-v1.js';
import { CONTROLLER_REVISION_HASH_LABEL, controllerRef } from '../history/controller-history.js';
import { matchesRequiredNodeAffinity } from '../scheduler/node-affinity.js';
import { findUntoleratedTaint } from '../scheduler/taints.js';
import { DAEMON_TOLERATIONS, HOST_NETWORK_TOLERATION, POD_TEMPLATE_GENERATION_LABEL } from './consts.js';

const sameToleration = (a: Toleration, b: Toleration) =>
  (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');

/** AddOrUpdateDaemonPodTolerations: the template's tolerations plus the daemon ones it lacks. */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  const wanted = spec.hostNetwork === true ? [...DAEMON_TOLERATIONS, HOST_NETWORK_TOLERATION] : DAEMON_TOLERATIONS;
  for (const t of wanted) if (!out.some((o) => sameToleration(o, t))) out.push({ ...t });
  return out;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become "this node, by name". */
export function daemonPodSpec(spec: PodSpec, nodeName: string): PodSpec {
  const affinity = spec.affinity ?? {};
  const nodeAffinity = affinity.nodeAffinity ?? {};
  return {
    ...spec,
    tolerations: daemonTolerations(spec),
    affinity: {
      ...affinity,
      nodeAffinity: {
        ...nodeAffinity,
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
        },
      },
    },
  };
}

export function forgeDaemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const meta = ds.spec.template.metadata ?? {};
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata.name}-`, namespace: ds.metadata.namespace,
      labels: { ...(meta.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash, [POD_TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [controllerRef({ ...ds, apiVersion: 'apps/v1', kind: 'DaemonSet' })],
    },
    spec: daemonPodSpec(ds.spec.template.spec, nodeName),
  };
}

/** GetTargetNodeName: the node a daemon pod is bound to, or pinned to by its node affinity. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    const req = term.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1);
    if (req) return req.values![0];
  }
  return undefined;
}

export interface NodeFit { shouldRun: boolean; shouldContinueRunning: boolean }

/**
 * NodeShouldRunDaemonPod: the template's nodeName, nodeSelector and required node affinity must
 * fit, and every NoSchedule/NoExecute taint be tolerated; a pod already there keeps running
 * unless a NoExecute taint is not tolerated.
 */
export function nodeShouldRunDaemonPod(ds: DaemonSet, node: Node): NodeFit {
  const spec = ds.spec.template.spec;
  const name = node.metadata.name ?? '';
  if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  const pod: Pod = { metadata: { namespace: ds.metadata.namespace }, spec: { ...spec, nodeName: name, tolerations: daemonTolerations(spec) } };
  if (!matchesRequiredNodeAffinity(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  if (findUntoleratedTaint(taints, pod.spec.tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !findUntoleratedTaint(taints, pod.spec.tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
