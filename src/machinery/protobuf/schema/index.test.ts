import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, messageForKind, REGISTRY } from './index.js';

test('every accepted kind has a message, and every message reference resolves', () => {
  for (const [apiVersion, { kinds }] of Object.entries(KINDS)) {
    for (const kind of [...kinds, 'DeleteOptions']) {
      const name = messageForKind(apiVersion, kind);
      assert.ok(name && REGISTRY.has(name), `${apiVersion} ${kind}`);
    }
  }
  assert.equal(messageForKind('v1', 'PodSpec'), undefined);
  assert.equal(messageForKind('example.com/v1', 'DeleteOptions'), undefined);
  // buildRegistry already threw at import if a reference dangled; this only guards the count.
  assert.ok(REGISTRY.size > 300);
});

// Spot checks of wire facts from upstream generated.proto, so a hand edit of a table that breaks a
// well-known field is caught even where no kubectl fixture exercises it.
test('well-known field numbers and JSON modes', () => {
  const field = (message: string, json: string): string => {
    const f = REGISTRY.get(message)?.fields.find((x) => x.json === json);
    assert.ok(f, `${message}.${json}`);
    return `${f.num}:${f.mode}${f.repeated ? '[]' : ''}`;
  };
  const want: [string, string, string][] = [
    ['meta.ObjectMeta', 'labels', '11:omitempty'], ['meta.ObjectMeta', 'managedFields', '17:omitempty[]'],
    ['meta.ObjectMeta', 'creationTimestamp', '8:always'], ['meta.ObjectMeta', 'deletionGracePeriodSeconds', '10:pointer'],
    ['meta.OwnerReference', 'apiVersion', '5:always'], ['core.PodSpec', 'containers', '2:always[]'],
    ['core.PodSpec', 'initContainers', '20:omitempty[]'], ['core.PodSpec', 'ephemeralContainers', '34:omitempty[]'],
    ['core.Container', 'image', '2:omitempty'], ['core.Container', 'resources', '8:always'],
    ['core.Volume', 'volumeSource', '2:inline'], ['core.ContainerPort', 'containerPort', '3:always'],
    ['core.Secret', 'data', '2:omitempty'], ['core.Secret', 'stringData', '4:omitempty'], ['core.Node', 'status', '3:always'],
    ['core.EndpointSubset', 'addresses', '1:omitempty[]'], ['core.Toleration', 'tolerationSeconds', '5:pointer'],
    ['apps.DeploymentSpec', 'replicas', '1:pointer'], ['apps.DeploymentSpec', 'selector', '2:nullable'],
    ['apps.StatefulSetSpec', 'volumeClaimTemplates', '4:omitempty[]'], ['apps.DaemonSetStatus', 'numberReady', '4:always'],
    ['rbac.PolicyRule', 'verbs', '1:always[]'], ['rbac.RoleRef', 'apiGroup', '1:always'],
    ['authn.TokenRequestSpec', 'boundObjectRef', '3:nullable'], ['authz.SubjectAccessReviewStatus', 'allowed', '1:always'],
    ['certs.CertificateSigningRequestSpec', 'request', '1:always'], ['policy.Eviction', 'deleteOptions', '2:pointer'],
    ['coord.LeaseSpec', 'renewTime', '4:pointer'], ['autoscaling.ScaleSpec', 'replicas', '1:omitempty'],
    ['meta.DeleteOptions', 'propagationPolicy', '4:pointer'], ['intstr.IntOrString', 'strVal', '3:always'],
  ];
  for (const [message, json, expected] of want) assert.equal(field(message, json), expected, `${message}.${json}`);
});
