// Worker-thread entry: registers tsx (as bin/lkind.mjs does for the main thread, whose loader
// hooks workers do not inherit) and runs the TypeScript worker main.
import { register } from 'tsx/esm/api';
register();
await import('./controllers-worker.ts');
