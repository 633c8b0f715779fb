import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../api/core-v1.js';
import { containerArgv, hostCommand, imageRepository, isProcessPod } from './process-image.js';

const REPOS = ['ghcr.io/liqo-ts/liqo'];

test('the repository of an image reference, with any tag or digest', () => {
  const cases: [string, string][] = [
    ['ghcr.io/liqo-ts/liqo:test', 'ghcr.io/liqo-ts/liqo'],
    ['ghcr.io/liqo-ts/liqo', 'ghcr.io/liqo-ts/liqo'],
    ['ghcr.io/liqo-ts/liqo@sha256:abc', 'ghcr.io/liqo-ts/liqo'],
    ['ghcr.io/liqo-ts/liqo:v1@sha256:abc', 'ghcr.io/liqo-ts/liqo'],
    ['localhost:5000/liqo:v1', 'localhost:5000/liqo'],
    ['nginx', 'nginx'],
  ];
  for (const [image, want] of cases) assert.equal(imageRepository(image), want, image);
});

test('a pod is a process pod when a container or init container runs a process image', () => {
  const pod = (images: string[], init: string[] = []): Pod => ({
    metadata: {}, spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })), initContainers: init.map((image) => ({ name: 'i', image })) },
  });
  assert.equal(isProcessPod(pod(['ghcr.io/liqo-ts/liqo:test']), REPOS), true);
  assert.equal(isProcessPod(pod(['nginx', 'ghcr.io/liqo-ts/liqo:v1']), REPOS), true);
  assert.equal(isProcessPod(pod(['nginx'], ['ghcr.io/liqo-ts/liqo']), REPOS), true);
  assert.equal(isProcessPod(pod(['nginx:1.25']), REPOS), false);
  assert.equal(isProcessPod(pod(['ghcr.io/liqo-ts/liqo-other:test']), REPOS), false);
});

test('command replaces the entrypoint, args are appended, $(VAR) expands; node is this node', () => {
  const env = { MODE: 'fast' };
  const host = { execPath: '/opt/node/bin/node', repoRoot: '/src/liqo-ts' };
  const cases: [Parameters<typeof containerArgv>[0], string, string[]][] = [
    [{ name: 'c' }, '/opt/node/bin/node', ['/src/liqo-ts/bin/liqo.mjs']],
    [{ name: 'c', args: ['controller-manager', '--mode=$(MODE)'] }, '/opt/node/bin/node', ['/src/liqo-ts/bin/liqo.mjs', 'controller-manager', '--mode=fast']],
    [{ name: 'c', command: ['node', '-e', 'x'] }, '/opt/node/bin/node', ['-e', 'x']],
    [{ name: 'c', command: ['node'], args: ['/app/bin/other.mjs', '$(UNSET)'] }, '/opt/node/bin/node', ['/src/liqo-ts/bin/other.mjs', '$(UNSET)']],
    [{ name: 'c', command: ['/bin/sh', '-c', 'echo $(MODE)'] }, '/bin/sh', ['-c', 'echo fast']],
  ];
  for (const [c, file, args] of cases) {
    const cmd = hostCommand(containerArgv(c, env), host);
    assert.deepEqual({ file: cmd.file, args: cmd.args }, { file, args }, JSON.stringify(c));
    assert.equal(cmd.node, file === host.execPath);
  }
});
