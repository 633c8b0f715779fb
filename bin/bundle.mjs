// Runs a TypeScript entrypoint from one bundled file (esbuild), rebuilt whenever a source is
// newer than it (ADR 0001, addendum). Liqo's components are many small processes: a bundle starts
// faster and takes less memory than tsx transforming and resolving each module in each process.
// Packages stay external (resolved from node_modules as usual); `import.meta.url` keeps meaning
// each source file's own location, so paths relative to a module still resolve.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'liqo-ts');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return t;
}

const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

async function build(entry, dir) {
  const { build: esbuild } = await import('esbuild');
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  await esbuild({
    entryPoints: { index: join(ROOT, entry) }, outdir: tmp, bundle: true, splitting: true, platform: 'node', format: 'esm',
    target: 'node20', outExtension: { '.js': '.mjs' }, packages: 'external', plugins: [keepImportMetaUrl], logLevel: 'error',
  });
  try {
    renameSync(tmp, dir);
  } catch {
    // Another process starting at the same moment put the same build in place first.
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Imports the bundle of `entry` for the current sources. A build lives in a directory named
 * after the sources' newest mtime, so a running process keeps its chunks while a newer build
 * appears; lazily imported modules are chunks of their own, loaded (with their packages) only
 * by the subcommand that needs them.
 */
export async function runBundled(entry, name) {
  const version = Math.floor(newest(join(ROOT, 'src')));
  const dir = join(CACHE, `${name}-${version}`);
  if (!existsSync(join(dir, 'index.mjs'))) {
    mkdirSync(CACHE, { recursive: true });
    await build(entry, dir);
    // Older builds go once a day has passed: a process started from one may still load its chunks.
    const dayAgo = Date.now() - 86_400_000;
    for (const old of readdirSync(CACHE).filter((d) => d.startsWith(`${name}-`) && d !== `${name}-${version}`)) {
      const p = join(CACHE, old);
      if ((statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < dayAgo) rmSync(p, { recursive: true, force: true });
    }
  }
  await import(pathToFileURL(join(dir, 'index.mjs')).href);
}
