// Subresources: status and finalize reuse the update path in their mode; scale presents the
// replicas of a workload (or a custom resource with a scale subresource) as autoscaling/v1 Scale;
// pods/binding assigns a node as the scheduler does; pods/log serves container logs (pod-log.ts).
import type { KubeObject } from '../../api/types.js';
import { badRequest, conflict, methodNotSupported, pathNotFound, StatusError } from '../../machinery/errors.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../machinery/patch/index.js';
import { mediaType, parseJSON, readBody, requireObject, sendJSON } from '../http.js';
import { negotiate } from '../negotiation.js';
import { sendObject } from '../render.js';
import { handlePatch } from './patch.js';
import { getStored } from './read.js';
import { timestamp, type RequestScope } from './scope.js';
import { decodeBody, handleUpdate, updateObject } from './write.js';
import { jsonPathGet, jsonPathSet } from '../../machinery/json-path.js';
import { handleTokenRequest } from '../serviceaccounts/token-request.js';
import { podLog } from './pod-log.js';

export async function handleSubresource(scope: RequestScope, verb: string): Promise<void> {
  const { subresource, info } = scope;
  // An unserved subresource is an unknown path, not a missing object (kube answers the same).
  if (!info.subresources.includes(subresource)) throw pathNotFound();
  switch (`${subresource}:${verb}`) {
    case 'status:get': case 'finalize:get': case 'approval:get':
      return sendObject(scope.res, 200, info, getStored(scope), negotiate(scope.req), scope.query, scope.services.now());
    case 'status:update': return handleUpdate(scope, 'status');
    case 'status:patch': return handlePatch(scope, 'status');
    case 'finalize:update': return handleUpdate(scope, 'finalize');
    case 'approval:update': return handleUpdate(scope, 'approval');
    case 'scale:get': return sendScale(scope, getStored(scope).object);
    case 'scale:update': case 'scale:patch': return updateScale(scope, verb);
    case 'binding:create': return bindPod(scope);
    case 'token:create': return handleTokenRequest(scope);
    case 'log:get': return podLog(scope);
    default: throw methodNotSupported({ group: info.group, resource: `${info.resource}/${subresource}` }, verb);
  }
}

function scalePaths(scope: RequestScope) {
  const custom = scope.info.custom?.scale;
  return {
    spec: custom?.specReplicasPath ?? '.spec.replicas',
    status: custom?.statusReplicasPath ?? '.status.replicas',
    selector: custom?.labelSelectorPath,
  };
}

function toScale(scope: RequestScope, obj: KubeObject): Record<string, unknown> {
  const paths = scalePaths(scope);
  const meta = obj.metadata;
  let selector = paths.selector ? jsonPathGet(obj, paths.selector) : undefined;
  if (!paths.selector) selector = selectorString(((obj.spec ?? {}) as { selector?: unknown }).selector);
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion, creationTimestamp: meta.creationTimestamp },
    spec: { replicas: Number(jsonPathGet(obj, paths.spec) ?? 0) },
    status: { replicas: Number(jsonPathGet(obj, paths.status) ?? 0), ...(selector ? { selector } : {}) },
  };
}

function selectorString(selector: unknown): string | undefined {
  const s = (selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : undefined;
}

function sendScale(scope: RequestScope, obj: KubeObject): void {
  negotiate(scope.req);
  sendJSON(scope.res, 200, toScale(scope, obj));
}

async function updateScale(scope: RequestScope, verb: string): Promise<void> {
  const current = getStored(scope);
  const scale = toScale(scope, current.object);
  let desired: Record<string, unknown>;
  if (verb === 'update') {
    desired = (await decodeBody(scope)) as unknown as Record<string, unknown>;
  } else {
    const patch = parseJSON(await readBody(scope.req));
    const type = mediaType(scope.req);
    if (type === 'application/json-patch+json') desired = requireObject(applyJsonPatch(scale, patch));
    else if (type === 'application/merge-patch+json') desired = requireObject(applyMergePatch(scale, requireObject(patch)));
    else desired = requireObject(applyStrategicMergePatch(scale, requireObject(patch), { modelName: 'V1Scale' }));
  }
  const replicas = (desired.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
    throw new StatusError(422, 'Invalid', `Scale.autoscaling "${scope.name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`);
  }
  const rv = (desired.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  const next = structuredClone(current.object);
  jsonPathSet(next, scalePaths(scope).spec, replicas);
  const result = await updateObject(scope, current, next, 'main', rv);
  sendScale(scope, 'json' in result ? (result as { object: KubeObject }).object : (result as KubeObject));
}

async function bindPod(scope: RequestScope): Promise<void> {
  const binding = await decodeBody(scope);
  const target = (binding.target ?? {}) as { kind?: string; name?: string };
  if (!target.name) throw badRequest('Binding.target.name: Required value');
  const current = getStored(scope);
  const pod = current.object;
  const spec = (pod.spec ?? {}) as Record<string, unknown>;
  if (pod.metadata.deletionTimestamp) throw conflict(scope.info, scope.name, 'pod is being deleted, cannot be assigned to a host');
  if (spec.nodeName) throw conflict(scope.info, scope.name, `pod ${scope.name} is already assigned to node "${String(spec.nodeName)}"`);
  const status = (pod.status ?? {}) as Record<string, unknown>;
  const conditions = (Array.isArray(status.conditions) ? status.conditions : []).filter((c) => (c as { type?: string }).type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(scope.services.now()) });
  const next: KubeObject = { ...pod, spec: { ...spec, nodeName: target.name }, status: { ...status, conditions } };
  // Binding is the one write that may set spec.nodeName and status together, so the pod
  // strategy's carry-over of the old status is bypassed.
  const bindingScope = { ...scope, strategy: { ...scope.strategy, prepareForUpdate: () => {} } };
  await updateObject(bindingScope, current, next, 'main');
  sendJSON(scope.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
