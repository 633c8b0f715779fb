// sharing.liqo.io/v1alpha1 ResourceOffer as it travels on the wire, mirroring liqo's
// apis/sharing/v1alpha1 of v0.7 (deploy/crd-resourceoffers.sharing.liqo.io.yaml). Quantities stay
// strings (or numbers, as the wire allows) like the core ResourceList. Nothing here has behaviour.
import type { ResourceList } from '../../api/core-v1.js';
import type { KubeObject } from '../../api/types.js';

export const OFFER_PHASES = ['Pending', 'ManualActionRequired', 'Accepted', 'Refused'] as const;
export type OfferPhase = (typeof OFFER_PHASES)[number];

export const VIRTUAL_KUBELET_STATUSES = ['None', 'Created', 'Deleting'] as const;
export type VirtualKubeletStatus = (typeof VIRTUAL_KUBELET_STATUSES)[number];

/** core/v1 ContainerImage. */
export interface ContainerImage {
  names?: string[];
  sizeBytes?: number;
}

export interface ScopedResourceSelectorRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

/** core/v1 ResourceQuotaSpec. */
export interface ResourceQuotaSpec {
  hard?: ResourceList;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopedResourceSelectorRequirement[] };
}

export interface StorageType {
  storageClassName: string;
  default?: boolean;
}

export interface ResourceOfferSpec {
  clusterId: string;
  images?: ContainerImage[];
  resourceQuota?: ResourceQuotaSpec;
  labels?: Record<string, string>;
  prices?: ResourceList;
  withdrawalTimestamp?: string;
  storageClasses?: StorageType[];
}

export interface ResourceOfferStatus {
  phase: OfferPhase;
  virtualKubeletStatus?: VirtualKubeletStatus;
}

export interface ResourceOffer extends KubeObject {
  spec: ResourceOfferSpec;
  status?: ResourceOfferStatus;
}
