// The controllers an lkind cluster runs beside its API server, as kube-controller-manager,
// kube-scheduler and the kubelets do beside kube-apiserver: every one is an ordinary API client
// (k3s's model), built here from one context and started by the manager. Adding a controller is
// one entry in CONTROLLERS.
import type { Node } from '../api/core-v1.js';
import type { Logger } from '../runtime/controller.js';
import type { Manager, Runnable } from '../runtime/manager.js';
import { SimulatedKubelet } from './kubelet/kubelet.js';
import { Scheduler } from './scheduler/scheduler.js';
import { NodeLifecycleController } from './nodelifecycle/node-lifecycle-controller.js';
import { ReplicaSetController } from './workloads/replicaset-controller.js';
import { DeploymentController } from './workloads/deployment-controller.js';
import { EndpointsController } from './endpoints/endpoints-controller.js';
import { DaemonSetController } from './daemonset/daemonset-controller.js';
import { StatefulSetController } from './statefulset/statefulset-controller.js';
import { JobController } from './job/job-controller.js';
import { EndpointSliceController } from './endpoints/endpointslice-controller.js';
import { MirrorPods } from './staticpods/mirror-pods.js';

/** Pods of process images run as host processes (ADR 0009); without this, every pod is simulated. */
export interface ProcessPodsConfig {
  /** Pods' volumes, logs and pid files (<clusterDir>/pods, machinery/pod-files.ts). */
  podsDir: string;
  /** Nodes' simulated root filesystems, for hostPath volumes (<clusterDir>/nodes/<node>/rootfs). */
  nodesDir: string;
  /** Where the API server really listens (the pods' KUBERNETES_SERVICE_HOST and _PORT). */
  apiServer: { host: string; port: number };
  /** Image repositories run as processes (LKIND_PROCESS_IMAGES). */
  images: string[];
  /** The crash-loop back-off's first step (kube: 10 s; LKIND_CRASHLOOP_BACKOFF_SECONDS). */
  crashLoopBackoffInitialMs: number;
}

export interface ClusterContext {
  manager: Manager;
  log: Logger;
  /** Cluster name, e.g. "venice". */
  clusterName: string;
  podSubnet: string;
  serviceSubnet: string;
  /** The nodes this cluster's simulated kubelets register and run (from the kind config). */
  nodes: Node[];
  /** Simulated kubelet profile: instant (tests), realistic (demos), chaos (failures). */
  kubeletProfile: string;
  /** How long a silent node stays Ready (kube's --node-monitor-grace-period). */
  nodeMonitorGraceMs: number;
  processPods?: ProcessPodsConfig;
  now(): Date;
}

export type ControllerFactory = (ctx: ClusterContext) => Runnable;

export const CONTROLLERS: Record<string, ControllerFactory> = {
  daemonset: (ctx) => new DaemonSetController(ctx),
  endpoints: (ctx) => new EndpointsController(ctx),
  endpointslice: (ctx) => new EndpointSliceController(ctx),
  job: (ctx) => new JobController(ctx),
  statefulset: (ctx) => new StatefulSetController(ctx),
  kubelet: (ctx) => new SimulatedKubelet(ctx),
  mirrorpods: (ctx) => new MirrorPods(ctx),
  scheduler: (ctx) => new Scheduler(ctx),
  nodelifecycle: (ctx) => new NodeLifecycleController(ctx),
  replicaset: (ctx) => new ReplicaSetController(ctx),
  deployment: (ctx) => new DeploymentController(ctx),
};

/** Builds every controller (all of them, or the named ones) and adds it to the manager. */
export function addClusterControllers(ctx: ClusterContext, names: string[] = Object.keys(CONTROLLERS)): void {
  for (const name of names) {
    const factory = CONTROLLERS[name];
    if (!factory) throw new Error(`unknown controller "${name}": known are ${Object.keys(CONTROLLERS).join(', ')}`);
    ctx.manager.add(factory(ctx));
  }
}
