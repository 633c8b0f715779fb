import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigMap, Pod, Secret } from '../../../api/core-v1.js';
import type { RunContainer } from './container-spec.js';
import { ContainerConfigError, envReferences, expand, resolveEnv, type EnvContext } from './env.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const POD: Pod = {
  metadata: { name: 'web-0', namespace: 'ns', uid: 'u1', labels: { app: 'web' }, annotations: { note: 'n' } },
  spec: { containers: [], nodeName: 'node-a', serviceAccountName: 'sa' } as Pod['spec'],
};
const CTX: EnvContext = { imageEnv: { PATH: '/bin', HOME: '/root' }, apiServer: { host: '127.0.0.1', port: 6443 }, podIP: '10.244.0.5', hostIP: '127.0.0.1' };
const cm: ConfigMap = { metadata: { name: 'cfg' }, data: { MODE: 'fast', 'bad key': 'x' }, binaryData: { BIN: b64('raw') } };
const secret: Secret = { metadata: { name: 'creds' }, data: { PASSWORD: b64('s3cret') } };
const lookups = { configMaps: new Map([['cfg', cm], ['missing', undefined]]), secrets: new Map<string, Secret | undefined>([['creds', secret]]) };

test('$(VAR) expands as kube expansion does', () => {
  const vars: Record<string, string> = { A: 'a', B: 'b' };
  const cases: [string, string][] = [
    ['$(A)-$(B)', 'a-b'], ['$(C)', '$(C)'], ['$$(A)', '$(A)'], ['$A', '$A'], ['$(A', '$(A'], ['cost $', 'cost $'], ['$$$(A)', '$a'],
  ];
  for (const [input, want] of cases) assert.equal(expand(input, (n) => vars[n]), want, input);
});

test('a container gets its env, envFrom, the kubernetes Service variables and HOSTNAME, nothing else', () => {
  const c: RunContainer = {
    name: 'main',
    envFrom: [{ configMapRef: { name: 'cfg' } }, { prefix: 'S_', secretRef: { name: 'creds' } }],
    env: [
      { name: 'NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
      { name: 'NOTE', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['note']" } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
      { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
      { name: 'URL', value: 'https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)/$(NAME)/$(MODE)' },
      { name: 'PW', valueFrom: { secretKeyRef: { name: 'creds', key: 'PASSWORD' } } },
      { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'missing', key: 'x', optional: true } } },
      { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    ],
    resources: { limits: { memory: '64Mi' } },
  };
  const env = resolveEnv(POD, c, lookups, CTX);
  assert.deepEqual(env, {
    PATH: '/bin', HOME: '/root', HOSTNAME: 'web-0',
    KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443', KUBERNETES_SERVICE_PORT_HTTPS: '6443',
    KUBERNETES_PORT: 'tcp://127.0.0.1:6443', KUBERNETES_PORT_6443_TCP: 'tcp://127.0.0.1:6443', KUBERNETES_PORT_6443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_6443_TCP_PORT: '6443', KUBERNETES_PORT_6443_TCP_ADDR: '127.0.0.1',
    MODE: 'fast', BIN: 'raw', S_PASSWORD: 's3cret',
    NAME: 'web-0', NS: 'ns', APP: 'web', NOTE: 'n', NODE: 'node-a', SA: 'sa', IP: '10.244.0.5', UID: 'u1',
    URL: 'https://127.0.0.1:6443/web-0/fast', PW: 's3cret', MEM: '64',
  });
  assert.deepEqual(envReferences(c), { configMaps: new Set(['cfg', 'missing']), secrets: new Set(['creds']) });
});

test('what is required and missing is a CreateContainerConfigError in the kubelet words', () => {
  const cases: [RunContainer['env'], RunContainer['envFrom'], string][] = [
    [[{ name: 'X', valueFrom: { configMapKeyRef: { name: 'missing', key: 'k' } } }], undefined, 'configmap "missing" not found'],
    [[{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nope' } } }], undefined, "couldn't find key nope in ConfigMap ns/cfg"],
    [[{ name: 'X', valueFrom: { secretKeyRef: { name: 'other', key: 'k' } } }], undefined, 'secret "other" not found'],
    [undefined, [{ secretRef: { name: 'other' } }], 'secret "other" not found'],
  ];
  for (const [env, envFrom, message] of cases) {
    assert.throws(() => resolveEnv(POD, { name: 'main', env, envFrom }, lookups, CTX), (err: unknown) => err instanceof ContainerConfigError && err.message === message);
  }
  const optional = resolveEnv(POD, { name: 'main', envFrom: [{ secretRef: { name: 'other', optional: true } }] }, lookups, CTX);
  assert.equal(optional.HOSTNAME, 'web-0');
});
