#!/usr/bin/env node
// The liqo-ts image's entrypoint: every Liqo component is a subcommand (src/cmd/liqo.ts).
import { register } from 'tsx/esm/api';
register();
await import('../src/cmd/liqo.ts');
