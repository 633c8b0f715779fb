// Worker-thread main of the cluster controllers: starts them with the configuration the daemon
// passed in, tells the daemon when they are ready, and stops them when asked.
import { parentPort, workerData } from 'node:worker_threads';
import { startControllers, type ControllersConfig } from './cluster-controllers.js';

export type ToDaemon = { type: 'ready' } | { type: 'log'; msg: string } | { type: 'failed'; error: string };

const port = parentPort;
if (!port) throw new Error('controllers-worker must run on a worker thread');
const post = (m: ToDaemon) => port.postMessage(m);
const log = (msg: string) => post({ type: 'log', msg });
try {
  const stop = await startControllers(workerData as ControllersConfig, log);
  port.on('message', (m: { type?: string }) => {
    if (m.type !== 'stop') return;
    stop();
    port.close();
  });
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'failed', error: err instanceof Error ? err.stack ?? err.message : String(err) });
}
