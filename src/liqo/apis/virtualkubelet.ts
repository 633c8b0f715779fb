// virtualkubelet.liqo.io/v1alpha1 kinds (NamespaceMap, ShadowPod) as they travel on the wire,
// mirroring liqo's apis/virtualkubelet/v1alpha1 of v0.7 (deploy/crd-*.virtualkubelet.liqo.io.yaml).
// ShadowPod has no status in v0.7. Nothing here has behaviour.
import type { PodSpec } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';

export const MAPPING_PHASES = ['Accepted', 'CreationLoopBackOff', 'Terminating'] as const;
export type MappingPhase = (typeof MAPPING_PHASES)[number];

export interface RemoteNamespaceStatus {
  remoteNamespace?: string;
  phase?: MappingPhase;
}

export interface NamespaceMapSpec {
  /** Local namespace -> remote namespace, written by the consumer. */
  desiredMapping?: Record<string, string>;
}

export interface NamespaceMapStatus {
  /** Local namespace -> its remote namespace's state, written by the provider. */
  currentMapping?: Record<string, RemoteNamespaceStatus>;
}

export interface NamespaceMap extends KubeObject {
  spec: NamespaceMapSpec;
  status?: NamespaceMapStatus;
}

export interface ShadowPodSpec {
  pod: PodSpec;
}

export interface ShadowPod extends KubeObject {
  spec: ShadowPodSpec;
}
