#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm ci` needs no build step (docs/adr/0001).
import { register } from 'tsx/esm/api';
register();
await import('../src/cmd/lkind.ts');
