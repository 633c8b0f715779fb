// Client addresses of the Liqo v1alpha1 resources (deploy/crd-*.yaml), in the shape of the
// CORE/APPS refs of client/resource.ts. crds.test.ts checks each against its CRD.
import type { ResourceRef } from '../../client/resource.js';

export const LIQO_VERSION = 'v1alpha1';

export const LIQO_GROUPS = {
  discovery: 'discovery.liqo.io',
  sharing: 'sharing.liqo.io',
  net: 'net.liqo.io',
  offloading: 'offloading.liqo.io',
  virtualkubelet: 'virtualkubelet.liqo.io',
} as const;

const ref = (group: string, resource: string, namespaced: boolean): ResourceRef => ({ group, version: LIQO_VERSION, resource, namespaced });

export const LIQO = {
  foreignclusters: ref(LIQO_GROUPS.discovery, 'foreignclusters', false),
  resourcerequests: ref(LIQO_GROUPS.discovery, 'resourcerequests', true),
  resourceoffers: ref(LIQO_GROUPS.sharing, 'resourceoffers', true),
  networkconfigs: ref(LIQO_GROUPS.net, 'networkconfigs', true),
  tunnelendpoints: ref(LIQO_GROUPS.net, 'tunnelendpoints', true),
  ipamstorages: ref(LIQO_GROUPS.net, 'ipamstorages', false),
  natmappings: ref(LIQO_GROUPS.net, 'natmappings', false),
  namespaceoffloadings: ref(LIQO_GROUPS.offloading, 'namespaceoffloadings', true),
  namespacemaps: ref(LIQO_GROUPS.virtualkubelet, 'namespacemaps', true),
  shadowpods: ref(LIQO_GROUPS.virtualkubelet, 'shadowpods', true),
} as const satisfies Record<string, ResourceRef>;

/** apiVersion strings for objects the controllers create. */
export const LIQO_API_VERSIONS = {
  discovery: `${LIQO_GROUPS.discovery}/${LIQO_VERSION}`,
  sharing: `${LIQO_GROUPS.sharing}/${LIQO_VERSION}`,
  net: `${LIQO_GROUPS.net}/${LIQO_VERSION}`,
  offloading: `${LIQO_GROUPS.offloading}/${LIQO_VERSION}`,
  virtualkubelet: `${LIQO_GROUPS.virtualkubelet}/${LIQO_VERSION}`,
} as const;
