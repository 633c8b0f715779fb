// Worker-thread entry: the controllers' worker main, from its bundle (bin/bundle.mjs) as the
// daemon itself runs.
import { runBundled } from '../../bin/bundle.mjs';
await runBundled('src/cmd/controllers-worker.ts', 'controllers-worker');
