import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelAttributes } from './models.js';
import {
  fieldPatchMeta, isAtomicModel, keyFieldDefault, listSemantics, patchMetaEntries, type FieldPatchMeta,
} from './patch-meta.js';

const mergeBy = (key: string, keys = [key], strategy = 'merge'): FieldPatchMeta => ({ strategy, mergeKey: key, listType: 'map', listMapKeys: keys });

test('struct tags and list markers of well-known fields', () => {
  const cases: [string, string, FieldPatchMeta | undefined][] = [
    ['V1ObjectMeta', 'finalizers', { strategy: 'merge', listType: 'set' }],
    ['V1ObjectMeta', 'ownerReferences', mergeBy('uid')],
    ['V1ObjectMeta', 'managedFields', { listType: 'atomic' }],
    ['V1ObjectMeta', 'labels', undefined],
    ['V1PodSpec', 'containers', mergeBy('name')],
    ['V1PodSpec', 'initContainers', mergeBy('name')],
    ['V1PodSpec', 'ephemeralContainers', mergeBy('name')],
    ['V1PodSpec', 'volumes', mergeBy('name', ['name'], 'merge,retainKeys')],
    ['V1PodSpec', 'imagePullSecrets', mergeBy('name')],
    ['V1PodSpec', 'hostAliases', mergeBy('ip')],
    ['V1PodSpec', 'tolerations', { listType: 'atomic' }],
    ['V1PodSpec', 'topologySpreadConstraints', mergeBy('topologyKey', ['topologyKey', 'whenUnsatisfiable'])],
    ['V1PodSpec', 'nodeSelector', { mapType: 'atomic' }],
    ['V1Container', 'ports', mergeBy('containerPort', ['containerPort', 'protocol'])],
    ['V1Container', 'env', mergeBy('name')],
    ['V1Container', 'volumeMounts', mergeBy('mountPath')],
    ['V1Container', 'volumeDevices', mergeBy('devicePath')],
    ['V1Container', 'resizePolicy', { listType: 'atomic' }],
    ['V1Container', 'args', { listType: 'atomic' }],
    ['V1EphemeralContainer', 'env', mergeBy('name')],
    ['V1PodStatus', 'conditions', mergeBy('type')],
    ['V1PodStatus', 'hostIPs', { strategy: 'merge', mergeKey: 'ip', listType: 'atomic' }],
    ['V1PodStatus', 'containerStatuses', { listType: 'atomic' }],
    ['V1NodeStatus', 'addresses', mergeBy('type')],
    ['V1NodeStatus', 'conditions', mergeBy('type')],
    ['V1NodeSpec', 'podCIDRs', { strategy: 'merge', listType: 'set' }],
    ['V1ServiceSpec', 'ports', mergeBy('port', ['port', 'protocol'])],
    ['V1ServiceSpec', 'selector', { mapType: 'atomic' }],
    ['V1DeploymentSpec', 'strategy', { strategy: 'retainKeys' }],
    ['V1DeploymentStatus', 'conditions', mergeBy('type')],
    ['V1StatefulSetStatus', 'conditions', mergeBy('type')],
    ['V1DaemonSetStatus', 'conditions', mergeBy('type')],
    ['V1ReplicaSetStatus', 'conditions', mergeBy('type')],
    ['V1NamespaceStatus', 'conditions', mergeBy('type')],
    ['V1EndpointSubset', 'addresses', { listType: 'atomic' }],
    ['V1Endpoint', 'addresses', { listType: 'set' }],
    ['V1CustomResourceDefinitionStatus', 'conditions', { listType: 'map', listMapKeys: ['type'] }],
    ['V1PodDisruptionBudgetSpec', 'selector', { strategy: 'replace' }],
    ['V1Nope', 'containers', undefined],
  ];
  for (const [model, field, want] of cases) assert.deepEqual(fieldPatchMeta(model, field), want, `${model}.${field}`);
});

test('server-side apply list semantics fall back to the patch strategy', () => {
  const cases: [FieldPatchMeta | undefined, ReturnType<typeof listSemantics>][] = [
    [undefined, { type: 'atomic' }],
    [{ listType: 'atomic', strategy: 'merge', mergeKey: 'ip' }, { type: 'atomic' }],
    [{ listType: 'set' }, { type: 'set' }],
    [{ listType: 'map', listMapKeys: ['a', 'b'] }, { type: 'map', keys: ['a', 'b'] }],
    [{ strategy: 'merge', mergeKey: 'name' }, { type: 'map', keys: ['name'] }],
    [{ strategy: 'merge' }, { type: 'set' }],
    [{ strategy: 'merge,retainKeys', mergeKey: 'name' }, { type: 'map', keys: ['name'] }],
    [{ strategy: 'retainKeys' }, { type: 'atomic' }],
  ];
  for (const [meta, want] of cases) assert.deepEqual(listSemantics(meta), want, JSON.stringify(meta));
});

test('atomic structs and key defaults', () => {
  for (const m of ['V1LabelSelector', 'V1OwnerReference', 'V1LocalObjectReference', 'V1ObjectReference']) assert.equal(isAtomicModel(m), true, m);
  for (const m of ['V1PodSpec', 'V1ObjectMeta']) assert.equal(isAtomicModel(m), false, m);
  assert.equal(keyFieldDefault('V1ContainerPort', 'protocol'), 'TCP');
  assert.equal(keyFieldDefault('V1ServicePort', 'protocol'), 'TCP');
  assert.equal(keyFieldDefault('V1ServicePort', 'port'), undefined);
});

test('every entry names a real model field, and lists are arrays', () => {
  for (const [model, field, meta] of patchMetaEntries()) {
    const attr = modelAttributes(model)?.find((a) => a.name === field);
    assert.ok(attr, `${model}.${field} exists`);
    if (meta.listMapKeys || meta.mergeKey) assert.equal(attr.type.kind, 'array', `${model}.${field} is a list`);
    if (meta.mapType) assert.equal(attr.type.kind, 'map', `${model}.${field} is a map`);
  }
});
