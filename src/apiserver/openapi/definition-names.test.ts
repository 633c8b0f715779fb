import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitionNameOf, packageOfGroup, parseModelName } from './definition-names.js';

test('parses generated model names', () => {
  assert.deepEqual(parseModelName('V1Container'), { version: 'v1', short: 'Container' });
  assert.deepEqual(parseModelName('DiscoveryV1EndpointPort'), { prefix: 'discovery', version: 'v1', short: 'EndpointPort' });
  assert.deepEqual(parseModelName('V1beta1LeaseCandidate'), { version: 'v1beta1', short: 'LeaseCandidate' });
  assert.equal(parseModelName('IntOrString'), undefined);
});

test('names definitions after their Go package', () => {
  assert.equal(definitionNameOf('V1DeploymentSpec', 'apps'), 'io.k8s.api.apps.v1.DeploymentSpec');
  // Borrowed from core/v1 even when reached from apps/v1.
  assert.equal(definitionNameOf('V1PodTemplateSpec', 'apps'), 'io.k8s.api.core.v1.PodTemplateSpec');
  assert.equal(definitionNameOf('V1Container', 'apps'), 'io.k8s.api.core.v1.Container');
  assert.equal(definitionNameOf('V1PersistentVolumeClaim', 'apps'), 'io.k8s.api.core.v1.PersistentVolumeClaim');
  assert.equal(definitionNameOf('V1ObjectMeta', 'apps'), 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  assert.equal(definitionNameOf('V1LabelSelector', 'apps'), 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector');
  assert.equal(definitionNameOf('V1MicroTime', 'coordination'), 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime');
  assert.equal(definitionNameOf('V1Scale', 'apps'), 'io.k8s.api.autoscaling.v1.Scale');
  assert.equal(definitionNameOf('V1ScaleSpec', 'apps'), 'io.k8s.api.autoscaling.v1.ScaleSpec');
  assert.equal(definitionNameOf('DiscoveryV1EndpointPort', 'discovery'), 'io.k8s.api.discovery.v1.EndpointPort');
  assert.equal(definitionNameOf('CoreV1EndpointPort', 'core'), 'io.k8s.api.core.v1.EndpointPort');
  assert.equal(definitionNameOf('EventsV1EventSeries', 'events'), 'io.k8s.api.events.v1.EventSeries');
  assert.equal(definitionNameOf('V1LeaseSpec', 'coordination'), 'io.k8s.api.coordination.v1.LeaseSpec');
  assert.equal(
    definitionNameOf('V1JSONSchemaProps', 'apiextensions'),
    'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps',
  );
  assert.equal(
    definitionNameOf('ApiextensionsV1WebhookClientConfig', 'apiextensions'),
    'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookClientConfig',
  );
});

test('maps groups to packages', () => {
  assert.equal(packageOfGroup(''), 'core');
  assert.equal(packageOfGroup('apps'), 'apps');
  assert.equal(packageOfGroup('coordination.k8s.io'), 'coordination');
});
