// offloading.liqo.io/v1alpha1 NamespaceOffloading as it travels on the wire, mirroring liqo's
// apis/offloading/v1alpha1 of v0.7 (deploy/crd-namespaceoffloadings.offloading.liqo.io.yaml). The
// cluster selector is a plain core NodeSelector. Nothing here has behaviour.
import type { Condition, NodeSelector } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';

export const NAMESPACE_MAPPING_STRATEGIES = ['EnforceSameName', 'DefaultName'] as const;
export type NamespaceMappingStrategy = (typeof NAMESPACE_MAPPING_STRATEGIES)[number];

export const POD_OFFLOADING_STRATEGIES = ['Local', 'Remote', 'LocalAndRemote'] as const;
export type PodOffloadingStrategy = (typeof POD_OFFLOADING_STRATEGIES)[number];

/** Not an enum in the CRD (as upstream): only the controller writes it. */
export const OFFLOADING_PHASES = ['Ready', 'NoClusterSelected', 'InProgress', 'SomeFailed', 'AllFailed', 'Terminating'] as const;
export type OffloadingPhase = (typeof OFFLOADING_PHASES)[number];

export type RemoteNamespaceConditionType = 'OffloadingRequired' | 'Ready';

/** A core-style condition (status True/False/Unknown) about one remote namespace. */
export interface RemoteNamespaceCondition {
  type: RemoteNamespaceConditionType;
  status: Condition['status'];
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface NamespaceOffloadingSpec {
  namespaceMappingStrategy?: NamespaceMappingStrategy;
  podOffloadingStrategy?: PodOffloadingStrategy;
  clusterSelector?: NodeSelector;
}

export interface NamespaceOffloadingStatus {
  remoteNamespaceName?: string;
  offloadingPhase?: OffloadingPhase;
  /** Keyed by the NamespaceMap name of each peered cluster (its UniqueName). */
  remoteNamespacesConditions?: Record<string, RemoteNamespaceCondition[]>;
  observedGeneration?: number;
}

export interface NamespaceOffloading extends KubeObject {
  spec: NamespaceOffloadingSpec;
  status?: NamespaceOffloadingStatus;
}
