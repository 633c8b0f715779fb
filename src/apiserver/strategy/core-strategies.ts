// Strategies of core/v1 kinds whose write path differs from the generic one: pods (status reset,
// QoS class, graceful deletion once bound), namespaces (the `kubernetes` finalizer, the
// metadata.name label, phase Active), services (ClusterIP allocation and defaults), secrets.
import { asObject, type JsonObject } from '../../machinery/json.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { fieldErrors, type FieldError } from '../../machinery/errors.js';
import { defaultPod, podQOSClass } from './defaults-pod.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './types.js';
import { allocateClusterIP, allocateNodePort } from './service-allocators.js';
import { SA_NAME_ANNOTATION, SERVICE_ACCOUNT_TOKEN_TYPE } from '../serviceaccounts/constants.js';

export function podStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    fieldSelectors: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName',
      'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
    defaults(obj) { defaultPod(obj as JsonObject); },
    prepareForCreate(obj) {
      const spec = asObject(obj.spec);
      obj.status = { phase: 'Pending', qosClass: podQOSClass(spec) };
    },
    validate(obj, resource) {
      return [...base.validate(obj, resource), ...validatePodSpec(asObject(obj.spec), 'spec')];
    },
    gracefulDelete(obj) {
      const spec = asObject(obj.spec);
      if (!spec.nodeName) return undefined; // never scheduled: deleted at once, as kube does
      const phase = asObject(obj.status).phase;
      if (phase === 'Succeeded' || phase === 'Failed') return undefined;
      return typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 30;
    },
  };
}

export function validatePodSpec(spec: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  if (containers.length === 0) errs.push(fieldErrors.required(`${path}.containers`));
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const co = asObject(c);
    const p = `${path}.containers[${i}]`;
    if (!co.name) errs.push(fieldErrors.required(`${p}.name`));
    else if (names.has(String(co.name))) errs.push(fieldErrors.duplicate(`${p}.name`, co.name));
    else names.add(String(co.name));
    if (!co.image) errs.push(fieldErrors.required(`${p}.image`));
  });
  const rp = spec.restartPolicy;
  if (rp !== undefined && !['Always', 'OnFailure', 'Never'].includes(String(rp))) {
    errs.push(fieldErrors.notSupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']));
  }
  return errs;
}

export function namespaceStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    fieldSelectors: ['status.phase'],
    defaults(obj) {
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
    },
    prepareForCreate(obj) {
      const spec = asObject(obj.spec);
      const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
      obj.spec = { ...spec, finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
      obj.status = { phase: 'Active' };
    },
    prepareForUpdate(obj, old) {
      // Spec (finalizers) changes only through /finalize; status only through /status.
      obj.spec = old.spec;
      obj.status = old.status;
    },
  };
}

export function serviceStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    defaults(obj) { defaultService(asObject(obj.spec)); },
    prepareForCreate(obj, ctx) {
      const spec = asObject(obj.spec);
      obj.spec = spec;
      obj.status = { loadBalancer: {} };
      if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) {
        spec.clusterIP = allocateClusterIP(ctx.store, ctx.serviceSubnet);
      }
      if (spec.clusterIP !== undefined && spec.clusterIPs === undefined) spec.clusterIPs = [spec.clusterIP];
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
        for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
          const p = asObject(port);
          if (p.nodePort === undefined) p.nodePort = allocateNodePort(ctx.store);
        }
      }
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
      const spec = asObject(obj.spec);
      const oldSpec = asObject(old.spec);
      if (spec.clusterIP === undefined) spec.clusterIP = oldSpec.clusterIP;
      if (spec.clusterIPs === undefined) spec.clusterIPs = oldSpec.clusterIPs;
    },
    validate(obj, resource) {
      const errs = base.validate(obj, resource);
      const spec = asObject(obj.spec);
      const ports = Array.isArray(spec.ports) ? spec.ports : [];
      if (spec.type !== 'ExternalName' && ports.length === 0 && spec.clusterIP !== 'None') {
        errs.push(fieldErrors.required('spec.ports'));
      }
      return errs;
    },
  };
}

function defaultService(spec: JsonObject): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') {
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    const p = asObject(port);
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
}

export function secretStrategy(info: ResourceInfo): Strategy {
  const base = genericStrategy(info);
  return {
    ...base,
    fieldSelectors: ['type'],
    defaults(obj) {
      obj.type ??= 'Opaque';
      // stringData is write-only: merged into data as base64, never stored.
      const stringData = asObject(obj.stringData);
      if (Object.keys(stringData).length > 0) {
        const data = { ...asObject(obj.data) };
        for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v)).toString('base64');
        obj.data = data;
      }
      delete obj.stringData;
    },
    validate(obj, resource) {
      const errs = base.validate(obj, resource);
      if (obj.type === SERVICE_ACCOUNT_TOKEN_TYPE && !obj.metadata.annotations?.[SA_NAME_ANNOTATION]) {
        errs.push(fieldErrors.required(`metadata.annotations[${SA_NAME_ANNOTATION}]`));
      }
      return errs;
    },
    validateUpdate(obj, old, resource) {
      const errs = base.validateUpdate(obj, old, resource);
      if (obj.type !== old.type) errs.push(fieldErrors.invalid('type', obj.type, 'field is immutable'));
      return errs;
    },
  };
}

export function eventStrategy(info: ResourceInfo): Strategy {
  return genericStrategy(info, {
    fieldSelectors: info.group === ''
      ? ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
        'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason',
        'reportingComponent', 'source', 'type']
      : ['regarding.kind', 'regarding.namespace', 'regarding.name', 'regarding.uid', 'reason', 'type'],
  });
}

export function nodeStrategy(info: ResourceInfo): Strategy {
  return genericStrategy(info, {
    fieldSelectors: ['spec.unschedulable'],
    // Kubelets register nodes together with their status, so create keeps what was sent.
    prepareForCreate() {},
  });
}
