// Picks the write-path strategy of a resource. Custom resources and CRDs get theirs from
// crd-strategies.ts; everything without special rules uses the generic strategy.
import type { ResourceInfo } from '../../api/resource-info.js';
import { appsStrategy } from './apps-strategies.js';
import { jobStrategy } from './batch-strategies.js';
import { controllerRevisionStrategy } from './controllerrevision-strategy.js';
import {
  eventStrategy, namespaceStrategy, nodeStrategy, podStrategy, secretStrategy, serviceStrategy,
} from './core-strategies.js';
import { crdStrategy, customResourceStrategy } from './crd-strategies.js';
import { csrStrategy } from './csr-strategy.js';
import { genericStrategy } from './generic.js';
import { webhookConfigurationStrategy } from './webhook-config-strategy.js';
import type { Strategy } from './types.js';

export type { Strategy, StrategyContext } from './types.js';

const CORE: Record<string, (info: ResourceInfo) => Strategy> = {
  pods: podStrategy,
  namespaces: namespaceStrategy,
  services: serviceStrategy,
  secrets: secretStrategy,
  events: eventStrategy,
  nodes: nodeStrategy,
};

const cache = new WeakMap<ResourceInfo, Strategy>();

export function strategyFor(info: ResourceInfo): Strategy {
  let s = cache.get(info);
  if (!s) {
    s = build(info);
    cache.set(info, s);
  }
  return s;
}

function build(info: ResourceInfo): Strategy {
  if (info.custom) return customResourceStrategy(info);
  if (info.group === '' && CORE[info.resource]) return CORE[info.resource]!(info);
  if (info.group === 'apps' && info.resource === 'controllerrevisions') return controllerRevisionStrategy(info);
  if (info.group === 'apps') return appsStrategy(info);
  if (info.group === 'batch' && info.resource === 'jobs') return jobStrategy(info);
  if (info.group === 'events.k8s.io') return eventStrategy(info);
  if (info.group === 'apiextensions.k8s.io' && info.resource === 'customresourcedefinitions') return crdStrategy(info);
  if (info.group === 'certificates.k8s.io') return csrStrategy(info);
  if (info.group === 'admissionregistration.k8s.io') return webhookConfigurationStrategy(info);
  return genericStrategy(info);
}
