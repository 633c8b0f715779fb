// Chooses the printer for a resource: the CRD convertor for custom resources, a dedicated printer
// for built-in kinds kube-apiserver has one for (looked up by group and plural resource, so both
// event APIs resolve correctly), and the default Name/Created At table for everything else.
import type { ResourceInfo } from '../../api/resource-info.js';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps.js';
import { controllerRevisionPrinter, jobPrinter } from './batch.js';
import {
  clusterRoleBindingPrinter,
  csrPrinter,
  endpointSlicePrinter,
  leasePrinter,
  roleBindingPrinter,
  webhookConfigurationPrinter,
} from './cluster.js';
import {
  configMapPrinter,
  endpointsPrinter,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core.js';
import { customResourcePrinter } from './custom.js';
import { defaultPrinter } from './default.js';
import { coreEventPrinter, eventsV1Printer } from './events.js';
import { podPrinter } from './pods.js';
import type { Printer } from './printer.js';

const BUILTIN: ReadonlyMap<string, Printer> = new Map([
  ['/pods', podPrinter],
  ['/namespaces', namespacePrinter],
  ['/nodes', nodePrinter],
  ['/services', servicePrinter],
  ['/endpoints', endpointsPrinter],
  ['/configmaps', configMapPrinter],
  ['/secrets', secretPrinter],
  ['/serviceaccounts', serviceAccountPrinter],
  ['/events', coreEventPrinter],
  ['events.k8s.io/events', eventsV1Printer],
  ['apps/deployments', deploymentPrinter],
  ['apps/replicasets', replicaSetPrinter],
  ['apps/daemonsets', daemonSetPrinter],
  ['apps/statefulsets', statefulSetPrinter],
  ['apps/controllerrevisions', controllerRevisionPrinter],
  ['batch/jobs', jobPrinter],
  ['discovery.k8s.io/endpointslices', endpointSlicePrinter],
  ['coordination.k8s.io/leases', leasePrinter],
  ['certificates.k8s.io/certificatesigningrequests', csrPrinter],
  ['rbac.authorization.k8s.io/rolebindings', roleBindingPrinter],
  ['rbac.authorization.k8s.io/clusterrolebindings', clusterRoleBindingPrinter],
  ['admissionregistration.k8s.io/mutatingwebhookconfigurations', webhookConfigurationPrinter],
  ['admissionregistration.k8s.io/validatingwebhookconfigurations', webhookConfigurationPrinter],
]);

export function printerFor(info: ResourceInfo): Printer {
  // Compiled per call: a few short JSONPaths cost microseconds, and no cache can go stale on CRD updates.
  if (info.custom) return customResourcePrinter(info.custom);
  return BUILTIN.get(`${info.group}/${info.resource}`) ?? defaultPrinter;
}
