// The image and the manifests agree (docker build cannot run here): the Dockerfile's entrypoint
// is bin/liqo.mjs, and every container of deploy/liqo.yaml that uses the image runs a subcommand
// that entrypoint has, with flags that subcommand accepts (read from its --help, a real process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const IMAGE = 'ghcr.io/liqo-ts/liqo:';

interface Container { name: string; image: string; command?: string[]; args?: string[] }

function liqoContainers(): Container[] {
  const docs = parseAllDocuments(readFileSync(join(ROOT, 'deploy', 'liqo.yaml'), 'utf8')).map((d) => d.toJS());
  return docs.filter((d) => d?.kind === 'Deployment' || d?.kind === 'DaemonSet')
    .flatMap((d) => d.spec.template.spec.containers as Container[])
    .filter((c) => c.image.startsWith(IMAGE));
}

function help(args: string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'liqo.mjs'), ...args, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the Dockerfile runs bin/liqo.mjs, which the manifests rely on', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /^ENTRYPOINT \["node", "\/app\/bin\/liqo\.mjs"\]$/m);
  assert.match(dockerfile, /^COPY bin \.\/bin$/m);
  assert.match(dockerfile, /^COPY src \.\/src$/m);
});

test('every component container names a subcommand of the entrypoint and only flags it accepts', () => {
  const containers = liqoContainers();
  assert.ok(containers.length >= 5);
  const commands = help([]);
  for (const c of containers) {
    assert.equal(c.command, undefined, `${c.name}: the entrypoint comes from the image`);
    const [sub, ...flags] = c.args ?? [];
    assert.ok(sub && new RegExp(`^  ${sub} `, 'm').test(commands), `${c.name}: "${sub}" is not a subcommand of bin/liqo.mjs`);
    const usage = help([sub]);
    for (const flag of flags) {
      const name = /^(--[a-z0-9-]+)/.exec(flag)?.[1];
      assert.ok(name && usage.includes(`${name} `), `${c.name}: ${sub} does not accept ${flag}`);
    }
  }
});
