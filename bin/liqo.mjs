#!/usr/bin/env node
// The liqo-ts image's entrypoint: every Liqo component is a subcommand (src/cmd/liqo.ts), run
// from a bundle of the sources (bin/bundle.mjs).
import { runBundled } from './bundle.mjs';
await runBundled('src/cmd/liqo.ts', 'liqo');
