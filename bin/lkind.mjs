#!/usr/bin/env node
// The lkind command line and the cluster process (`lkind __serve`), run from a bundle of the
// sources (bin/bundle.mjs, ADR 0001 addendum): a cluster starts faster than through tsx.
import { runBundled } from './bundle.mjs';
await runBundled('src/cmd/lkind.ts', 'lkind');
