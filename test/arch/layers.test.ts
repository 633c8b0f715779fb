// Enforces the import rules between layers of src/ (docs/architecture.md): nothing imports upward,
// and cluster/ and liqo/ never reach into storage/ or apiserver/, nor each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

const ALLOWED: Record<string, string[]> = {
  api: ['api'],
  machinery: ['api', 'machinery'],
  storage: ['api', 'machinery', 'storage'],
  apiserver: ['api', 'machinery', 'storage', 'apiserver'],
  client: ['api', 'machinery', 'client'],
  runtime: ['api', 'machinery', 'client', 'runtime'],
  cluster: ['api', 'machinery', 'client', 'runtime', 'cluster'],
  liqo: ['api', 'machinery', 'client', 'runtime', 'liqo'],
  liqoctl: ['api', 'machinery', 'client', 'runtime', 'liqo', 'liqoctl'],
  lkind: ['api', 'machinery', 'lkind'],
  cmd: ['api', 'machinery', 'storage', 'apiserver', 'client', 'runtime', 'cluster', 'liqo', 'liqoctl', 'lkind', 'cmd'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('layers import only what the architecture allows', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const layer = relative(SRC, file).split('/')[0]!;
    const allowed = ALLOWED[layer];
    assert.ok(allowed, `unknown layer ${layer} (add it to docs/architecture.md and this test)`);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = relative(SRC, resolve(dirname(file), m[1]!)).split('/')[0]!;
      if (!allowed.includes(target)) violations.push(`${relative(SRC, file)} imports ${m[1]} (layer ${target})`);
    }
  }
  assert.deepEqual(violations, []);
});
